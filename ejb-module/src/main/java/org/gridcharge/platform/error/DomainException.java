package org.gridcharge.platform.error;

import jakarta.ejb.ApplicationException;

/**
 * A rule of the domain was broken by the caller's request. Subclasses say which kind of rule;
 * the REST layer turns each kind into its status code and an RFC 9457 problem document.
 */
@ApplicationException(rollback = true)
public abstract class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected DomainException(String message) {
        super(message);
    }

    /** A short, stable title for the kind of problem (the problem document's {@code title}). */
    public abstract String title();
}
