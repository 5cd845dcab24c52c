package org.gridcharge.ocpp;

import jakarta.ejb.ApplicationException;

/** A message the platform cannot accept; becomes a CALLERROR with the version's code for {@link #kind()}. */
@ApplicationException(rollback = true)
public class OcppException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final OcppVersion.ErrorKind kind;

    public OcppException(OcppVersion.ErrorKind kind, String description) {
        super(description);
        this.kind = kind;
    }

    public OcppVersion.ErrorKind kind() {
        return kind;
    }
}
