package org.gridcharge.station.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvseControlTest {

    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aPendingLimitShowsNoAnswerAndAnAnsweredOneShowsWhenItLeft() {
        EvseControl control = new EvseControl("NL*ABC*E1*1");
        control.sent(16, T);
        control.answered(EvseControl.Status.ACCEPTED, 16, T.plusSeconds(3), T.plusSeconds(1));
        assertEquals(T.plusSeconds(1), control.lastSentAt(), "sent_at is when the frame left, not when it was queued");
        assertEquals(T.plusSeconds(3), control.answerToLastSent());

        control.sent(10, T.plusSeconds(60));
        assertNull(control.answerToLastSent(), "the answer to the previous limit is not this one's");

        control.answered(EvseControl.Status.TIMEOUT, 10, T.plusSeconds(95), T.plusSeconds(61));
        assertNull(control.answerToLastSent(), "a timeout is no answer");
        assertEquals(T.plusSeconds(61), control.lastSentAt());
    }
}
