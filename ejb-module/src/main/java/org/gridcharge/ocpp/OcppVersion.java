package org.gridcharge.ocpp;

/** The OCPP-J versions the endpoint speaks, by WebSocket subprotocol. */
public enum OcppVersion {

    V16("ocpp1.6"),
    V201("ocpp2.0.1");

    private final String subprotocol;

    OcppVersion(String subprotocol) {
        this.subprotocol = subprotocol;
    }

    public String subprotocol() {
        return subprotocol;
    }

    /** The version of a subprotocol name, or null. */
    public static OcppVersion of(String subprotocol) {
        for (OcppVersion version : values()) {
            if (version.subprotocol.equals(subprotocol)) {
                return version;
            }
        }
        return null;
    }

    /** The CALLERROR code this version uses for a kind of error (the two versions name some differently). */
    public String code(ErrorKind kind) {
        return switch (kind) {
            case FORMAT -> this == V16 ? "FormationViolation" : "FormatViolation";
            case FRAME -> this == V16 ? "ProtocolError" : "RpcFrameworkError";
            case MESSAGE_TYPE -> this == V16 ? "ProtocolError" : "MessageTypeNotSupported";
            case PROTOCOL -> "ProtocolError";
            case NOT_IMPLEMENTED -> "NotImplemented";
            case NOT_SUPPORTED -> "NotSupported";
            case TYPE -> "TypeConstraintViolation";
            case PROPERTY -> "PropertyConstraintViolation";
            // each version's own text: OCPP-J 1.6 spells it with one 'r', and 1.6 stations compare against that spelling
            case OCCURRENCE -> this == V16 ? "OccurenceConstraintViolation" : "OccurrenceConstraintViolation";
            case INTERNAL -> "InternalError";
            case GENERIC -> "GenericError";
        };
    }

    /** What went wrong with a message, independent of how a version spells it. */
    public enum ErrorKind {
        /** The payload is not valid JSON or not shaped like the action's payload (e.g. unknown fields). */
        FORMAT,
        /** The frame is not an OCPP-J RPC frame (not an array, wrong length, message id not a string). */
        FRAME,
        /** The message type id is not 2, 3 or 4. */
        MESSAGE_TYPE,
        /** The payload is incomplete. */
        PROTOCOL,
        /** The action is unknown. */
        NOT_IMPLEMENTED,
        /** The action is known but not one a station sends to the platform. */
        NOT_SUPPORTED,
        /** A field has the wrong JSON type. */
        TYPE,
        /** A field has a value its type does not allow (length, enumeration, range, format). */
        PROPERTY,
        /** A required field is missing, or an array has too few items. */
        OCCURRENCE,
        /** The platform failed while handling a valid message. */
        INTERNAL,
        /** Anything else. */
        GENERIC
    }
}
