package org.gridcharge.capacity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gridcharge.allocation.Phase;
import org.gridcharge.allocation.CapacityTimeline;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.capacity.control.MeterControl.Mode;
import org.gridcharge.capacity.control.MeterControl.Settings;
import org.gridcharge.capacity.control.MeterControl.State;
import org.junit.jupiter.api.Test;

class MeterControlTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Settings GRID = new Settings(PerPhase.balanced(250), true, Mode.GRID_LIMIT, Duration.ofSeconds(60), 100,
            Duration.ofSeconds(30), 2, 1_000_000);

    private static State read(Settings settings, State state, int second, PerPhase reading, PerPhase ev) {
        Instant at = T0.plusSeconds(second);
        return MeterControl.next(settings, state, at, at, MeterControl.room(settings, reading, ev));
    }

    @Test
    void theRoomIsTheConnectionLessTheLoadThatIsNotOurs() {
        PerPhase room = MeterControl.room(GRID, new PerPhase(100, 60, -20), new PerPhase(30, 0, 10));
        assertEquals(new PerPhase(180, 190, 280), room, "250 less (100-30), (60-0), (-20-10): export raises it");
    }

    @Test
    void aMeterThatDoesNotSeeOurChargersCountsAllItSeesAsOtherLoad() {
        Settings notOurs = new Settings(PerPhase.balanced(250), false, Mode.GRID_LIMIT, Duration.ofSeconds(60), 100, Duration.ZERO, 0, 1e6);
        assertEquals(new PerPhase(150, 190, 270), MeterControl.room(notOurs, new PerPhase(100, 60, -20), new PerPhase(30, 0, 10)));
    }

    @Test
    void solarSurplusIsOnlyWhatIsExported() {
        Settings solar = new Settings(PerPhase.balanced(32), false, Mode.SOLAR_SURPLUS, Duration.ofSeconds(60), 0, Duration.ZERO, 0, 1e6);
        assertEquals(new PerPhase(0, 12, 40), MeterControl.room(solar, new PerPhase(5, -12, -40), PerPhase.ZERO),
                "an importing phase leaves nothing; an exporting one its export (charging it leaves the connection at 0)");
    }

    @Test
    void aFallIsAppliedAtOnceADeadbandBelowTheRoom() {
        State state = read(GRID, State.NONE, 0, PerPhase.balanced(40), PerPhase.ZERO);
        assertEquals(PerPhase.balanced(100), state.applied(), "the first reading starts from the fallback; more waits for the delay");
        state = read(GRID, state, 1, PerPhase.balanced(160), PerPhase.ZERO);
        assertEquals(PerPhase.balanced(88), MeterControl.capacityAt(GRID, state, T0.plusSeconds(1)), "250 - 160 - 2 at once");
    }

    @Test
    void aRiseWaitsForTheDelayAndTakesTheLeastRoomSeen() {
        State state = read(GRID, State.NONE, 0, PerPhase.balanced(160), PerPhase.ZERO);
        assertEquals(PerPhase.balanced(88), state.applied());
        state = read(GRID, state, 10, PerPhase.balanced(40), PerPhase.ZERO);
        state = read(GRID, state, 20, PerPhase.balanced(50), PerPhase.ZERO);
        assertEquals(PerPhase.balanced(88), MeterControl.capacityAt(GRID, state, T0.plusSeconds(39)), "held for 29 s only");
        assertEquals(PerPhase.balanced(198), MeterControl.capacityAt(GRID, state, T0.plusSeconds(40)), "250 - 50 - 2 after 30 s");
    }

    @Test
    void aDipDuringTheDelayStartsItAgain() {
        State state = read(GRID, State.NONE, 0, PerPhase.balanced(160), PerPhase.ZERO);
        state = read(GRID, state, 10, PerPhase.balanced(40), PerPhase.ZERO);
        state = read(GRID, state, 25, PerPhase.balanced(160.5), PerPhase.ZERO);
        assertNull(state.risingSince(), "room within a deadband of the capacity is no rise");
        state = read(GRID, state, 30, PerPhase.balanced(40), PerPhase.ZERO);
        assertEquals(PerPhase.balanced(88), MeterControl.capacityAt(GRID, state, T0.plusSeconds(45)));
        assertEquals(PerPhase.balanced(208), MeterControl.capacityAt(GRID, state, T0.plusSeconds(60)));
    }

    @Test
    void readingsWithinTheDeadbandChangeNothing() {
        State state = read(GRID, State.NONE, 0, PerPhase.balanced(160), PerPhase.ZERO);
        for (int s = 1; s < 100; s++) {
            State next = read(GRID, state, s, PerPhase.balanced(160 + (s % 2 == 0 ? 1.9 : -1.9)), PerPhase.ZERO);
            assertEquals(state.applied(), next.applied(), "noise of under 2 A at " + s + " s");
            assertNull(next.risingSince());
            state = next;
        }
    }

    @Test
    void aSilentMeterFallsBackToTheLowerOfItsLastCapacityAndTheFallback() {
        State state = read(GRID, State.NONE, 0, PerPhase.balanced(40), PerPhase.ZERO);
        state = read(GRID, state, 1, PerPhase.balanced(40), PerPhase.ZERO);
        assertEquals(PerPhase.balanced(208), MeterControl.capacityAt(GRID, state, T0.plusSeconds(59)), "rose 30 s after the first");
        assertTrue(MeterControl.stale(GRID, state, T0.plusSeconds(61)));
        assertEquals(PerPhase.balanced(100), MeterControl.capacityAt(GRID, state, T0.plusSeconds(61)));
        State low = read(GRID, State.NONE, 0, PerPhase.balanced(200), PerPhase.ZERO);
        assertEquals(PerPhase.balanced(48), MeterControl.capacityAt(GRID, low, T0.plusSeconds(100)), "the last capacity when lower");
    }

    @Test
    void aMeterBackFromSilenceStartsFromTheFallback() {
        State state = read(GRID, State.NONE, 0, PerPhase.balanced(40), PerPhase.ZERO);
        state = read(GRID, state, 40, PerPhase.balanced(40), PerPhase.ZERO);
        state = read(GRID, state, 200, PerPhase.balanced(40), PerPhase.ZERO);
        assertEquals(PerPhase.balanced(100), MeterControl.capacityAt(GRID, state, T0.plusSeconds(200)));
        assertNotNull(state.risingSince());
        assertEquals(PerPhase.balanced(208), MeterControl.capacityAt(GRID, state, T0.plusSeconds(230)));
    }

    @Test
    void badReadingsAreRefusedWithTheirReason() {
        State state = read(GRID, State.NONE, 10, PerPhase.balanced(40), PerPhase.ZERO);
        Instant now = T0.plusSeconds(10);
        Duration ahead = Duration.ofSeconds(60);
        Duration stale = GRID.staleAfter();
        assertTrue(MeterControl.refusal(new PerPhase(Double.NaN, 0, 0), now, state, now, ahead, stale, 1e6).contains("not a number"));
        assertTrue(MeterControl.refusal(PerPhase.balanced(1), T0.plusSeconds(9), state, now, ahead, stale, 1e6).contains("not after"));
        assertTrue(MeterControl.refusal(PerPhase.balanced(1), T0.plusSeconds(10), state, now, ahead, stale, 1e6).contains("not after"));
        assertTrue(MeterControl.refusal(PerPhase.balanced(1), now.plusSeconds(61), state, now, ahead, stale, 1e6).contains("ahead"));
        assertTrue(MeterControl.refusal(PerPhase.balanced(2e6), now.plusSeconds(1), state, now, ahead, stale, 1e6).contains("beyond"));
        assertNull(MeterControl.refusal(PerPhase.balanced(-50), now.plusSeconds(1), state, now, ahead, stale, 1e6));
        Instant later = now.plusSeconds(600);
        assertTrue(MeterControl.refusal(PerPhase.balanced(1), later.minusSeconds(60), state, later, ahead, stale, 1e6).contains("older"),
                "a reading as old as the stale time says nothing of now");
        assertNull(MeterControl.refusal(PerPhase.balanced(1), later.minusSeconds(59), state, later, ahead, stale, 1e6));
    }

    @Test
    void theFallbackIsNeverAboveTheConnection() {
        Settings generous = new Settings(new PerPhase(100, 50, 100), false, Mode.GRID_LIMIT, Duration.ofSeconds(60), 80, Duration.ZERO, 0, 1e6);
        assertEquals(new PerPhase(80, 50, 80), MeterControl.capacityAt(generous, State.NONE, T0));
    }

    @Test
    void ourSessionsDrawIsTakenOffOnlyWhereItIsMeasuredAndNeverAboveTheirLimits() {
        List<Phase> rst = List.of(Phase.L1, Phase.L2, Phase.L3);
        PerPhase draw = MeterControl.evDraw(List.of(
                new MeterControl.Draw(List.of(Phase.L2), null, 16.0, 32),                                 // single-phase on L2
                new MeterControl.Draw(rst, new Double[] {10.0, null, 12.0}, 12.0, 32),                      // L2 not reported
                new MeterControl.Draw(List.of(Phase.L2, Phase.L3, Phase.L1), new Double[] {30.0, 30.0, 30.0}, 30.0, 8), // STR, limited
                new MeterControl.Draw(rst, null, 32.0, 32)));                                                // no phases reported
        assertEquals(new PerPhase(10 + 8, 16 + 8, 12 + 8), draw);
    }

    @Test
    void theTimelineWakesARunWhenARiseIsDueAndTellsTheFallbackAhead() {
        State state = read(GRID, State.NONE, 0, PerPhase.balanced(40), PerPhase.ZERO);
        Instant from = T0.plusSeconds(5);
        CapacityTimeline timeline = MeterControl.timeline(GRID, state, from, from.plusSeconds(3600));
        assertEquals(T0.plusSeconds(30), timeline.nextChangeAfter(from), "a run when the rise is due");
        assertEquals(PerPhase.balanced(100), timeline.perPhaseAt(T0.plusSeconds(45)), "the rise is not told ahead");
        assertEquals(PerPhase.balanced(100), timeline.perPhaseAt(T0.plusSeconds(61)), "the fallback from when it turns stale");
        assertEquals(T0.plusSeconds(60), timeline.nextChangeAfter(T0.plusSeconds(30)));
    }
}
