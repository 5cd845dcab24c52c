package org.gridcharge.ocpp.rpc;

import org.gridcharge.platform.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import org.gridcharge.ocpp.OcppVersion;
import org.gridcharge.ocpp.OcppVersion.ErrorKind;
import org.gridcharge.platform.input.JsonDepth;

/**
 * Reads and writes OCPP-J frames: {@code [2, id, action, payload]}, {@code [3, id, payload]} and
 * {@code [4, id, code, description, details]}. Every frame to or from a station passes here.
 */
public final class FrameCodec {

    private static final int CALL = 2;
    private static final int CALL_RESULT = 3;
    private static final int CALL_ERROR = 4;

    /** No OCPP message nests deeper than this (2.0.1's deepest is about 10); deeper text is refused before parsing. */
    public static final int MAX_DEPTH = 32;

    /** OCPP-J: a message id is at most 36 characters. */
    static final int MAX_MESSAGE_ID = 36;

    /** The message id of an answer to text whose own id cannot be read. */
    static final String UNKNOWN_ID = "-1";

    private FrameCodec() {
    }

    /** The frame as text. */
    public static String write(Frame frame) {
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        if (frame instanceof Frame.Call call) {
            array.add(CALL).add(call.messageId()).add(call.action()).add(call.payload());
        } else if (frame instanceof Frame.CallResult result) {
            array.add(CALL_RESULT).add(result.messageId()).add(result.payload());
        } else if (frame instanceof Frame.CallError error) {
            array.add(CALL_ERROR).add(error.messageId()).add(error.errorCode()).add(error.errorDescription()).add(error.errorDetails());
        }
        return array.build().toString();
    }

    /**
     * The frame a station sent over a connection speaking {@code version}; a {@link FrameException}
     * says what is wrong with text that is no frame.
     */
    public static Frame read(String text, OcppVersion version) {
        // OCPP-J 1.6 has no RpcFrameworkError: text that is no JSON at all is a FormationViolation there
        ErrorKind unreadable = version == OcppVersion.V16 ? ErrorKind.FORMAT : ErrorKind.FRAME;
        if (JsonDepth.of(text) > MAX_DEPTH) {
            throw new FrameException(unreadable, UNKNOWN_ID, "JSON nested deeper than " + MAX_DEPTH + " levels is not an OCPP message", false);
        }
        JsonValue parsed;
        try (JsonReader reader = Jsons.createReader(new StringReader(text))) {
            parsed = reader.readValue();
        } catch (JsonParsingException | IllegalStateException e) {
            throw new FrameException(unreadable, UNKNOWN_ID, "not valid JSON: " + e.getMessage(), false);
        }
        if (parsed.getValueType() != JsonValue.ValueType.ARRAY || parsed.asJsonArray().size() < 3) {
            throw invalid(idOf(parsed), "an OCPP-J frame is a JSON array: [2, id, action, payload], [3, id, payload] "
                    + "or [4, id, code, description, details]");
        }
        JsonArray frame = parsed.asJsonArray();
        if (frame.get(1).getValueType() != JsonValue.ValueType.STRING) {
            throw invalid(UNKNOWN_ID, "the message id (second element) must be a string");
        }
        String id = ((JsonString) frame.get(1)).getString();
        if (id.length() > MAX_MESSAGE_ID) {
            // answered with the id as received, so the station can match the error to its message
            throw invalid(id, "the message id is longer than " + MAX_MESSAGE_ID + " characters");
        }
        int type = frame.get(0).getValueType() == JsonValue.ValueType.NUMBER ? frame.getJsonNumber(0).intValue() : -1;
        return switch (type) {
            case CALL -> call(id, frame);
            case CALL_RESULT -> result(id, frame);
            case CALL_ERROR -> error(id, frame);
            default -> throw new FrameException(ErrorKind.MESSAGE_TYPE, id,
                    "message type " + frame.get(0) + " is not 2 (CALL), 3 (CALLRESULT) or 4 (CALLERROR)", true);
        };
    }

    private static Frame.Call call(String id, JsonArray frame) {
        if (frame.size() != 4 || frame.get(2).getValueType() != JsonValue.ValueType.STRING) {
            throw invalid(id, "a CALL is [2, id, action, payload]");
        }
        // OCPP-J lets a message without payload carry null in its place
        JsonValue payload = frame.get(3).getValueType() == JsonValue.ValueType.NULL ? JsonValue.EMPTY_JSON_OBJECT : frame.get(3);
        return new Frame.Call(id, frame.getString(2), payload);
    }

    private static Frame.CallResult result(String id, JsonArray frame) {
        if (frame.size() != 3 || frame.get(2).getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid(id, "a CALLRESULT is [3, id, payload] with a JSON object payload");
        }
        return new Frame.CallResult(id, frame.getJsonObject(2));
    }

    private static Frame.CallError error(String id, JsonArray frame) {
        if (frame.size() < 4 || frame.get(2).getValueType() != JsonValue.ValueType.STRING) {
            throw invalid(id, "a CALLERROR is [4, id, code, description, details]");
        }
        // stations are lenient about the rest: a description that is no string reads as none, details that are no object as none
        String description = frame.get(3) instanceof JsonString s ? s.getString() : "";
        JsonValue details = frame.size() > 4 ? frame.get(4) : JsonValue.EMPTY_JSON_OBJECT;
        return new Frame.CallError(id, frame.getString(2), description,
                details.getValueType() == JsonValue.ValueType.OBJECT ? details.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT);
    }

    private static FrameException invalid(String id, String description) {
        return new FrameException(ErrorKind.FRAME, id, description, true);
    }

    private static String idOf(JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.ARRAY && value.asJsonArray().size() > 1
                && value.asJsonArray().get(1) instanceof JsonString s && s.getString().length() <= MAX_MESSAGE_ID) {
            return s.getString();
        }
        return UNKNOWN_ID;
    }
}
