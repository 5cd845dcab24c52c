package org.gridcharge.ocpp.message;

/** The plain yes or no of many OCPP 2.0.1 answers (GenericStatusEnumType and its kin), named as on the wire. */
public enum GenericStatus {
    Accepted,
    Rejected
}
