package org.gridcharge.platform.error;

/** The caller is authenticated but its role may not perform this kind of operation (HTTP 403). */
public class AccessDeniedException extends DomainException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}
