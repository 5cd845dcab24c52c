package org.gridcharge.ocpp.message;

/** Whether an id tag (1.6) or id token (2.0.1) may charge: the values both versions share, named as on the wire. */
public enum AuthorizationStatus {
    Accepted,
    Blocked,
    Expired,
    Invalid,
    ConcurrentTx
}
