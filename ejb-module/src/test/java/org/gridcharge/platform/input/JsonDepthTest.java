package org.gridcharge.platform.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonDepthTest {

    @Test
    void countsNestingAndSkipsStrings() {
        assertEquals(0, JsonDepth.of("42"));
        assertEquals(2, JsonDepth.of("[2, \"id\", \"Heartbeat\", {}]"));
        assertEquals(1, JsonDepth.of("[\"[[[{{{\", \"\\\"[[[\"]"), "brackets in strings, and escaped quotes, do not count");
        assertEquals(5000, JsonDepth.of("[".repeat(5000) + "]".repeat(5000)));
        assertEquals(3, JsonDepth.of("{\"a\": [1, {\"b\": 2}], \"c\": []}"));
    }
}
