package org.gridcharge.session.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
        final Set<String> ended = new HashSet<>();
        Runnable whileWriting = () -> { };
        boolean failing;

        @Override
        public Set<String> apply(Map<String, MeterReading> readings, Set<String> announce) {
            whileWriting.run();
            if (failing) {
                throw new IllegalStateException("the database is away");
            }
            writes.add(new Write(Map.copyOf(readings), Set.copyOf(announce)));
            Set<String> notOpen = new HashSet<>(readings.keySet());
            notOpen.retainAll(ended);
            return notOpen;
        }
    }

    private final RecordingSessions sessions = new RecordingSessions();
    private final MeterReadings readings = new MeterReadings();

    MeterReadingsTest() {
        readings.sessions = sessions;
    }

    private static MeterReading reading(double wh, Double amps, int second) {
        return new MeterReading(wh, wh, amps, new Double[] {amps, amps, amps}, T0.plusSeconds(second));
    }

    private static Double[] phases(Double amps) {
        return new Double[] {amps, amps, amps};
    }

    @Test
    void aReadingOfASessionNotKnownHereGoesTheOrdinaryWay() {
        assertFalse(readings.offer("CS-1/7", reading(100, 16.0, 0), 2));
        readings.write();
        assertTrue(sessions.writes.isEmpty());
    }

    @Test
    void smallChangesAreHeldAndWrittenTogetherTheFirstEnergyReadingKept() {
        readings.known("CS-1/7", "s1", 16.0, phases(16.0));
        readings.known("CS-2/9", "s2", 10.0, phases(10.0));
        assertTrue(readings.offer("CS-1/7", reading(100, 16.5, 0), 2));
        assertTrue(readings.offer("CS-1/7", reading(150, 17.0, 10), 2));
        assertTrue(readings.offer("CS-2/9", new MeterReading(40.0, 40.0, null, new Double[3], null), 2));
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
        readings.known("CS-1/7", "s1", 16.0, phases(16.0));
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
    void aPhaseThatMovesMoreThanTheTriggerIsWrittenAtOnceThoughTheHighestStays() {
        readings.known("CS-1/7", "s1", 16.0, phases(16.0));
        // the EV switches to one phase: L1 keeps 16 A, L2 and L3 fall to nothing
        assertTrue(readings.offer("CS-1/7", new MeterReading(null, null, 16.0, new Double[] {16.0, 0.0, 0.0}, T0), 2));
        assertEquals(1, sessions.writes.size());
        assertEquals(Set.of("s1"), sessions.writes.get(0).announce());
    }

    @Test
    void aSessionWithoutAnAnnouncedCurrentIsAnnouncedAtItsFirstCurrent() {
        readings.known("CS-1/7", "s1", null, new Double[3]);
        assertTrue(readings.offer("CS-1/7", new MeterReading(100.0, 100.0, null, new Double[3], null), 2));
        assertTrue(sessions.writes.isEmpty());
        assertTrue(readings.offer("CS-1/7", reading(100, 3.0, 1), 2));
        assertEquals(Set.of("s1"), sessions.writes.get(0).announce());
    }

    @Test
    void aForgottenSessionOrStationGoesTheOrdinaryWay() {
        readings.known("CS-1/7", "s1", 16.0, phases(16.0));
        readings.known("CS-1/8", "s2", 16.0, phases(16.0));
        readings.known("CS-10/7", "s3", 16.0, phases(16.0));
        readings.forget("CS-1/7");
        assertFalse(readings.offer("CS-1/7", reading(100, 16.0, 0), 2));
        readings.forgetStation("CS-1");
        assertFalse(readings.offer("CS-1/8", reading(100, 16.0, 0), 2));
        assertTrue(readings.offer("CS-10/7", reading(100, 16.0, 0), 2), "another station whose id begins alike is kept");
    }

    @Test
    void aSessionTheDatabaseFoundEndedIsForgotten() {
        readings.known("CS-1/7", "s1", 16.0, phases(16.0));
        sessions.ended.add("s1");
        assertTrue(readings.offer("CS-1/7", reading(100, 16.0, 0), 2));
        readings.write();
        assertFalse(readings.offer("CS-1/7", reading(110, 16.0, 5), 2));
    }

    @Test
    void anEndingSessionTakesWhatIsHeldOfIt() {
        readings.known("CS-1/7", "s1", 16.0, phases(16.0));
        readings.offer("CS-1/7", reading(100, 16.0, 0), 2);
        assertEquals(100.0, readings.take("s1").lastWh());
        assertNull(readings.take("s1"));
        readings.write();
        assertTrue(sessions.writes.isEmpty());
    }

    @Test
    void aFailedWriteKeepsItsReadingsBeforeThoseThatCameDuringIt() {
        readings.known("CS-1/7", "s1", 16.0, phases(16.0));
        readings.offer("CS-1/7", reading(100, 16.0, 0), 2);
        sessions.failing = true;
        sessions.whileWriting = () -> {
            sessions.whileWriting = () -> { };
            readings.offer("CS-1/7", reading(110, 16.5, 5), 2);
        };
        readings.write();
        assertTrue(sessions.writes.isEmpty());

        sessions.failing = false;
        readings.write();
        MeterReading s1 = sessions.writes.get(0).readings().get("s1");
        assertEquals(100.0, s1.firstWh());
        assertEquals(110.0, s1.lastWh(), "the reading that came during the failed write is the later one");
        assertEquals(16.5, s1.amps());
    }

    @Test
    void anImmediateWriteThatFailsTellsTheCallerAndKeepsTheReadings() {
        readings.known("CS-1/7", "s1", 16.0, phases(16.0));
        readings.offer("CS-1/7", reading(100, 16.0, 0), 2);
        sessions.failing = true;
        assertThrows(IllegalStateException.class, () -> readings.offer("CS-1/7", reading(110, 30.0, 5), 2));
        sessions.failing = false;
        readings.write();
        MeterReading s1 = sessions.writes.get(0).readings().get("s1");
        assertEquals(100.0, s1.firstWh());
        assertEquals(30.0, s1.amps());
    }

    @Test
    void afterTheApplicationStopsReadingsGoTheOrdinaryWay() {
        readings.known("CS-1/7", "s1", 16.0, phases(16.0));
        readings.offer("CS-1/7", reading(100, 16.0, 0), 2);
        readings.stop();
        assertEquals(1, sessions.writes.size(), "what was held is written as it stops");
        assertFalse(readings.offer("CS-1/7", reading(110, 16.0, 5), 2));
    }
}
