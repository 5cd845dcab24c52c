package org.gridcharge.ocpp.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle(30, 5, 60_000);

    @Test
    void fiveQuickFailuresForOneStationAtOneAddressThenItWaits() {
        long t = 1_000_000;
        for (int i = 0; i < 5; i++) {
            assertEquals(0, throttle.retryAfterSeconds("10.0.0.9", "CS-1", t + i));
            throttle.failed("10.0.0.9", "CS-1", t + i);
        }
        long wait = throttle.retryAfterSeconds("10.0.0.9", "CS-1", t + 10);
        assertTrue(wait >= 1 && wait <= 60, "waits, about as long as the count takes to decay: " + wait);
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.9", "CS-1", t + 10 + wait * 1000), "and may try again after it");
    }

    @Test
    void theRealStationAtItsOwnAddressIsNotLockedOutByGuessesFromElsewhere() {
        long t = 0;
        for (int i = 0; i < 100; i++) {
            throttle.failed("203.0.113.7", "CS-1", t);
        }
        assertTrue(throttle.retryAfterSeconds("203.0.113.7", "CS-1", t) > 0);
        assertTrue(throttle.retryAfterSeconds("203.0.113.7", "CS-2", t) > 0, "the guessing address is slowed down for every station");
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.9", "CS-1", t), "the station itself, elsewhere, is not");
    }

    @Test
    void anAddressGuessingManyStationsIsSlowedDownAfterThirty() {
        long t = 0;
        for (int i = 0; i < 30; i++) {
            assertEquals(0, throttle.retryAfterSeconds("198.51.100.1", "CS-" + i, t));
            throttle.failed("198.51.100.1", "CS-" + i, t);
        }
        assertTrue(throttle.retryAfterSeconds("198.51.100.1", "CS-new", t) > 0);
    }

    @Test
    void memoryStaysBounded() {
        for (int i = 0; i < 250_000; i++) {
            throttle.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), "CS", i * 1000L);
        }
        assertTrue(throttle.size() <= 200_000, "at most two counts per entry limit: " + throttle.size());
    }
}
