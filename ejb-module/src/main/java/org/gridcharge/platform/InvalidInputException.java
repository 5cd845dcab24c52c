package org.gridcharge.platform;

/** A field of the request holds a value the domain does not accept (HTTP 400). */
public class InvalidInputException extends DomainException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The offending field, in the API's snake_case spelling (e.g. {@code max_current_amps}). */
    public String field() {
        return field;
    }

    @Override
    public String title() {
        return "Invalid input";
    }
}
