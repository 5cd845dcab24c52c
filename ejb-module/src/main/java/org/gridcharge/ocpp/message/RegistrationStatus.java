package org.gridcharge.ocpp.message;

/** The answer to a BootNotification, the same in 1.6 and 2.0.1, named as on the wire. */
public enum RegistrationStatus {
    Accepted,
    Pending,
    Rejected
}
