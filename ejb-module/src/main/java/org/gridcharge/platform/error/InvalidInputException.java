package org.gridcharge.platform.error;

/** A field of the request holds a value the domain does not accept (HTTP 400). */
public class InvalidInputException extends DomainException {

    private static final long serialVersionUID = 1L;

    private final String field;

    private final String reason;

    public InvalidInputException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The same problem, reported on another field (an API that names the field differently). */
    public InvalidInputException onField(String otherField) {
        return new InvalidInputException(otherField, reason);
    }

    /** What is wrong with the field's value. */
    public String reason() {
        return reason;
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
