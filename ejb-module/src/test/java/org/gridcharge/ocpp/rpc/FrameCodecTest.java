package org.gridcharge.ocpp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.gridcharge.ocpp.OcppVersion;
import org.gridcharge.ocpp.OcppVersion.ErrorKind;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private static FrameException refused(String text, OcppVersion version) {
        return assertThrows(FrameException.class, () -> FrameCodec.read(text, version));
    }

    @Test
    void aCallIsReadWithItsIdActionAndPayload() {
        Frame frame = FrameCodec.read("""
                [2, "19223201", "BootNotification", {"chargePointVendor": "VendorX", "chargePointModel": "SingleSocketCharger"}]
                """, OcppVersion.V16);
        Frame.Call call = (Frame.Call) frame;
        assertEquals("19223201", call.messageId());
        assertEquals("BootNotification", call.action());
        assertEquals("VendorX", call.payload().asJsonObject().getString("chargePointVendor"));
    }

    @Test
    void aCallWithANullPayloadCarriesAnEmptyObject() {
        Frame.Call call = (Frame.Call) FrameCodec.read("""
                [2, "h1", "Heartbeat", null]""", OcppVersion.V201);
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, call.payload());
    }

    @Test
    void aCallWhosePayloadIsNoObjectIsLeftToTheActionsShape() {
        Frame.Call call = (Frame.Call) FrameCodec.read("""
                [2, "h2", "Heartbeat", 5]""", OcppVersion.V16);
        assertEquals(JsonValue.ValueType.NUMBER, call.payload().getValueType());
    }

    @Test
    void aCallResultAndACallErrorAreReadWithTheirParts() {
        Frame.CallResult result = (Frame.CallResult) FrameCodec.read("""
                [3, "c1", {"status": "Accepted"}]""", OcppVersion.V16);
        assertEquals("c1", result.messageId());
        assertEquals("Accepted", result.payload().getString("status"));

        Frame.CallError error = (Frame.CallError) FrameCodec.read("""
                [4, "c2", "NotSupported", "no smart charging here", {"hint": 1}]""", OcppVersion.V201);
        assertEquals(new Frame.CallError("c2", "NotSupported", "no smart charging here", Json.createObjectBuilder().add("hint", 1).build()),
                error);
    }

    @Test
    void aCallErrorWithoutDescriptionOrDetailsReadsAsEmpty() {
        assertEquals(new Frame.CallError("c3", "InternalError", "", JsonValue.EMPTY_JSON_OBJECT), FrameCodec.read("""
                [4, "c3", "InternalError", 17]""", OcppVersion.V16));
    }

    @Test
    void framesAreWrittenAsCompactArraysOfTheirType() {
        assertEquals("""
                [2,"u1","ClearChargingProfile",{}]""", FrameCodec.write(new Frame.Call("u1", "ClearChargingProfile", JsonValue.EMPTY_JSON_OBJECT)));
        assertEquals("""
                [3,"u2",{"currentTime":"2026-01-01T08:00:00Z"}]""",
                FrameCodec.write(new Frame.CallResult("u2", Json.createObjectBuilder().add("currentTime", "2026-01-01T08:00:00Z").build())));
        assertEquals("""
                [4,"u3","ProtocolError","a \\"quoted\\" reason",{}]""",
                FrameCodec.write(Frame.CallError.of("u3", "ProtocolError", "a \"quoted\" reason")));
    }

    @Test
    void aFrameReadsBackAsTheSameFrame() {
        Frame call = new Frame.Call("r1", "GetCompositeSchedule", Json.createObjectBuilder().add("connectorId", 1).build());
        assertEquals(call, FrameCodec.read(FrameCodec.write(call), OcppVersion.V16));
        Frame error = new Frame.CallError("r2", "GenericError", "why", Json.createObjectBuilder().add("k", "v").build());
        assertEquals(error, FrameCodec.read(FrameCodec.write(error), OcppVersion.V201));
    }

    @Test
    void theCallErrorsThePlatformSendsHaveAtMost255CharactersOfDescription() {
        assertEquals(255, Frame.CallError.of("x", "GenericError", "y".repeat(300)).errorDescription().length());
        assertEquals("", Frame.CallError.of("x", "GenericError", null).errorDescription());
    }

    @Test
    void textThatIsNoJsonIsAFormationViolationIn16AndAnRpcFrameworkErrorIn201() {
        FrameException v16 = refused("""
                [2, "a", "Heartbeat", {]""", OcppVersion.V16);
        assertEquals(ErrorKind.FORMAT, v16.kind());
        assertEquals("-1", v16.messageId());
        assertFalse(v16.json(), "no JSON: the station is not counted as seen");
        assertTrue(v16.getMessage().startsWith("not valid JSON: "));
        assertEquals(ErrorKind.FRAME, refused("not json", OcppVersion.V201).kind());
    }

    @Test
    void jsonNestedDeeperThan32LevelsIsRefusedBeforeParsing() {
        FrameException e = refused("[2, \"d\", \"Heartbeat\", " + "[".repeat(40) + "]".repeat(40) + "]", OcppVersion.V201);
        assertEquals(ErrorKind.FRAME, e.kind());
        assertEquals("JSON nested deeper than 32 levels is not an OCPP message", e.getMessage());
        assertFalse(e.json());
    }

    @Test
    void jsonThatIsNoFrameIsAnRpcFrameworkErrorAnsweredWithItsIdIfItHasOne() {
        FrameException shortArray = refused("""
                [2, "s1"]""", OcppVersion.V16);
        assertEquals(ErrorKind.FRAME, shortArray.kind());
        assertEquals("s1", shortArray.messageId());
        assertTrue(shortArray.json());
        assertEquals("an OCPP-J frame is a JSON array: [2, id, action, payload], [3, id, payload] or [4, id, code, description, details]",
                shortArray.getMessage());
        assertEquals("-1", refused("""
                {"id": "s2"}""", OcppVersion.V16).messageId());
        assertEquals("-1", refused("""
                [2, 7, "Heartbeat", {}]""", OcppVersion.V16).messageId());
    }

    @Test
    void aMessageIdLongerThan36CharactersIsRefusedWithThatId() {
        String id = "x".repeat(37);
        FrameException e = refused("[2, \"" + id + "\", \"Heartbeat\", {}]", OcppVersion.V201);
        assertEquals(id, e.messageId());
        assertEquals("the message id is longer than 36 characters", e.getMessage());
    }

    @Test
    void anUnknownMessageTypeIsMessageTypeNotSupported() {
        FrameException e = refused("""
                [5, "b1", {}]""", OcppVersion.V201);
        assertEquals(ErrorKind.MESSAGE_TYPE, e.kind());
        assertEquals("b1", e.messageId());
        assertEquals("message type 5 is not 2 (CALL), 3 (CALLRESULT) or 4 (CALLERROR)", e.getMessage());
        assertEquals(ErrorKind.MESSAGE_TYPE, refused("""
                ["2", "b2", "Heartbeat", {}]""", OcppVersion.V16).kind());
    }

    @Test
    void framesOfTheWrongLengthOrWithTheWrongPartsAreRefused() {
        assertEquals("a CALL is [2, id, action, payload]", refused("""
                [2, "w1", "Heartbeat"]""", OcppVersion.V16).getMessage());
        assertEquals("a CALL is [2, id, action, payload]", refused("""
                [2, "w2", 3, {}]""", OcppVersion.V16).getMessage());
        assertEquals("a CALLRESULT is [3, id, payload] with a JSON object payload", refused("""
                [3, "w3", []]""", OcppVersion.V16).getMessage());
        assertEquals("a CALLERROR is [4, id, code, description, details]", refused("""
                [4, "w4", "GenericError"]""", OcppVersion.V16).getMessage());
    }
}
