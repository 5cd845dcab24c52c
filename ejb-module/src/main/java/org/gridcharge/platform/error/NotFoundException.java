package org.gridcharge.platform.error;

/** The resource does not exist, or the caller may not see it: both answer alike (HTTP 404). */
public class NotFoundException extends DomainException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String kind, String id) {
        super(kind + " '" + id + "' does not exist or is not visible to you");
    }

    @Override
    public String title() {
        return "Not found";
    }
}
