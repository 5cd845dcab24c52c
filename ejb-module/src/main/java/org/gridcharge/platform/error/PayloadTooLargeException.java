package org.gridcharge.platform.error;

/** The request carries more than the platform accepts in one go (HTTP 413). */
public class PayloadTooLargeException extends DomainException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Payload too large";
    }
}
