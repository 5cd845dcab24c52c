package org.gridcharge.session.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeterReadingsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    /** The writes the readings asked for: each one's readings and the sessions announced. */
    private record Write(Map<String, MeterReading> readings, Set<String> announce) {
    }

    private static final class RecordingSessions extends SessionService {
        final List<Write> writes = new ArrayList<>();
        boolean failing;

        @Override
        public void apply(Map<String, MeterReading> readings, Set<String> announce) {
            if (failing) {
                throw new IllegalStateException("the database is away");
            }
            writes.add(new Write(Map.copyOf(readings), Set.copyOf(announce)));
        }
    }

    private final RecordingSessions sessions = new RecordingSessions();
    private final MeterReadings readings = new MeterReadings();

    MeterReadingsTest() {
        readings.sessions = sessions;
    }

    private static MeterReading reading(double wh, Double amps, int second) {
        return new MeterReading(wh, wh, amps, new Double[] {amps, null, null}, T0.plusSeconds(second));
    }

    @Test
    void aReadingOfASessionNotKnownHereGoesTheOrdinaryWay() {
        assertFalse(readings.offer("CS-1/7", reading(100, 16.0, 0), 2));
        readings.write();
        assertTrue(sessions.writes.isEmpty());
    }

    @Test
    void smallChangesAreHeldAndWrittenTogetherLatestFirstReadingKept() {
        readings.known("CS-1/7", "s1", 16.0);
        readings.known("CS-2/9", "s2", 10.0);
        assertTrue(readings.offer("CS-1/7", reading(100, 16.5, 0), 2));
        assertTrue(readings.offer("CS-1/7", reading(150, 17.0, 10), 2));
        assertTrue(readings.offer("CS-2/9", reading(40, null, 10), 2));
        assertTrue(sessions.writes.isEmpty(), "nothing is written until the interval ends");

        readings.write();

        assertEquals(1, sessions.writes.size());
        Write write = sessions.writes.get(0);
        assertEquals(Set.of(), write.announce());
        MeterReading s1 = write.readings().get("s1");
        assertEquals(100.0, s1.firstWh());
        assertEquals(150.0, s1.lastWh());
        assertEquals(17.0, s1.amps());
        assertEquals(T0.plusSeconds(10), s1.at());
        MeterReading s2 = write.readings().get("s2");
        assertEquals(40.0, s2.lastWh());
        assertNull(s2.amps());
        readings.write();
        assertEquals(1, sessions.writes.size(), "what was written is not written again");
    }

    @Test
    void aCurrentThatMovesMoreThanTheTriggerIsWrittenAtOnceWithWhatWasHeldAndAnnounced() {
        readings.known("CS-1/7", "s1", 16.0);
        assertTrue(readings.offer("CS-1/7", reading(100, 17.0, 0), 2));
        assertTrue(readings.offer("CS-1/7", reading(120, 6.0, 5), 2));

        assertEquals(1, sessions.writes.size());
        Write write = sessions.writes.get(0);
        assertEquals(Set.of("s1"), write.announce());
        assertEquals(100.0, write.readings().get("s1").firstWh());
        assertEquals(120.0, write.readings().get("s1").lastWh());
        assertEquals(6.0, write.readings().get("s1").amps());

        // the new current is the baseline now: 7 A is a small change from 6 A
        assertTrue(readings.offer("CS-1/7", reading(130, 7.0, 10), 2));
        assertEquals(1, sessions.writes.size());
    }

    @Test
    void aSessionWithoutAnAnnouncedCurrentIsAnnouncedAtItsFirstCurrent() {
        readings.known("CS-1/7", "s1", null);
        assertTrue(readings.offer("CS-1/7", reading(100, null, 0), 2));
        assertTrue(sessions.writes.isEmpty());
        assertTrue(readings.offer("CS-1/7", reading(100, 3.0, 1), 2));
        assertEquals(Set.of("s1"), sessions.writes.get(0).announce());
    }

    @Test
    void aForgottenSessionGoesTheOrdinaryWay() {
        readings.known("CS-1/7", "s1", 16.0);
        readings.forget("CS-1/7");
        assertFalse(readings.offer("CS-1/7", reading(100, 16.0, 0), 2));
    }

    @Test
    void aFailedWriteKeepsTheReadingsBeforeLaterOnes() {
        readings.known("CS-1/7", "s1", 16.0);
        readings.offer("CS-1/7", reading(100, 16.0, 0), 2);
        sessions.failing = true;
        readings.write();
        assertTrue(sessions.writes.isEmpty());

        sessions.failing = false;
        readings.offer("CS-1/7", reading(110, 16.5, 5), 2);
        readings.write();
        MeterReading s1 = sessions.writes.get(0).readings().get("s1");
        assertEquals(100.0, s1.firstWh());
        assertEquals(110.0, s1.lastWh());
        assertEquals(16.5, s1.amps());
    }

    @Test
    void anImmediateWriteThatFailsTellsTheCaller() {
        readings.known("CS-1/7", "s1", 16.0);
        sessions.failing = true;
        assertThrows(IllegalStateException.class, () -> readings.offer("CS-1/7", reading(100, 30.0, 0), 2));
    }
}
