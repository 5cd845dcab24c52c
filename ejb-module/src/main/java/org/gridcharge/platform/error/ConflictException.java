package org.gridcharge.platform.error;

/** The request clashes with the current state of a resource (HTTP 409). */
public class ConflictException extends DomainException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
