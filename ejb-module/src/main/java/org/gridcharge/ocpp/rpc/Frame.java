package org.gridcharge.ocpp.rpc;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Objects;

/**
 * An OCPP-J RPC frame, the same in 1.6 and 2.0.1: a CALL, the CALLRESULT that answers it, or a
 * CALLERROR. {@link FrameCodec} reads them from text and writes them to text.
 */
public sealed interface Frame permits Frame.Call, Frame.CallResult, Frame.CallError {

    /** Unique per CALL; an answer repeats the id of the CALL it answers. */
    String messageId();

    /**
     * A request. Its payload is kept as sent (a null payload reads as an empty object): whether it
     * has the action's shape, an object among others, is the action's business, not the frame's.
     */
    record Call(String messageId, String action, JsonValue payload) implements Frame {

        public Call {
            Objects.requireNonNull(messageId);
            Objects.requireNonNull(action);
            Objects.requireNonNull(payload);
        }
    }

    /** The answer to a CALL. */
    record CallResult(String messageId, JsonObject payload) implements Frame {

        public CallResult {
            Objects.requireNonNull(messageId);
            Objects.requireNonNull(payload);
        }
    }

    /** A CALL that failed: a code of the version's list, a description for people, and details for machines. */
    record CallError(String messageId, String errorCode, String errorDescription, JsonObject errorDetails) implements Frame {

        /** OCPP-J 2.0.1 caps the description at 255 characters; the platform keeps to that in both versions. */
        static final int MAX_DESCRIPTION = 255;

        public CallError {
            Objects.requireNonNull(messageId);
            Objects.requireNonNull(errorCode);
            Objects.requireNonNull(errorDescription);
            Objects.requireNonNull(errorDetails);
        }

        /** A CALLERROR the platform sends: the description cut to its maximum ("" if there is none), no details. */
        public static CallError of(String messageId, String errorCode, String description) {
            String text = description == null ? "" : description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION) : description;
            return new CallError(messageId, errorCode, text, JsonValue.EMPTY_JSON_OBJECT);
        }
    }
}
