package org.gridcharge.capacity.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.gridcharge.allocation.CapacityTimeline;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.allocation.Phase;
import org.gridcharge.capacity.control.MeterControl.Mode;
import org.gridcharge.capacity.control.MeterControl.Settings;
import org.gridcharge.capacity.control.MeterControl.State;

/**
 * A meter's guarantees over random reading streams: noisy, stepping, exporting, with silences longer than the stale
 * time. The oracle keeps the raw history (when each reading arrived and the room it left, worked out here from the
 * connection and the load) and checks the capacity against it at random instants, not against the control's state.
 */
class MeterControlProperties {

    private static final double EPS = 1e-9;
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    record Arrival(Instant at, PerPhase room) {
    }

    record Run(Settings settings, List<Arrival> arrivals, List<State> states) {

        /** The state in force at the instant: after the last reading that arrived at or before it. */
        State stateAt(Instant t) {
            State state = State.NONE;
            for (int i = 0; i < arrivals.size() && !arrivals.get(i).at().isAfter(t); i++) {
                state = states.get(i);
            }
            return state;
        }

        Arrival lastAt(Instant t) {
            Arrival last = null;
            for (Arrival arrival : arrivals) {
                if (!arrival.at().isAfter(t)) {
                    last = arrival;
                }
            }
            return last;
        }

        /** Whether some instant of [from, to] is more than the stale time after the last reading before it. */
        boolean silentDuring(Instant from, Instant to) {
            Arrival before = lastAt(from);
            if (before == null || !from.isBefore(before.at().plus(settings.staleAfter()))) {
                return true;
            }
            Instant last = before.at();
            for (Arrival arrival : arrivals) {
                if (arrival.at().isAfter(from) && !arrival.at().isAfter(to)) {
                    if (!arrival.at().isBefore(last.plus(settings.staleAfter()))) {
                        return true;
                    }
                    last = arrival.at();
                }
            }
            return !to.isBefore(last.plus(settings.staleAfter()));
        }
    }

    static Run draw(long seed) {
        Random random = new Random(seed);
        double connection = 20 + random.nextInt(400);
        PerPhase connections = random.nextBoolean() ? PerPhase.balanced(connection)
                : new PerPhase(connection, connection * (0.5 + random.nextDouble() / 2), connection * (0.5 + random.nextDouble() / 2));
        Mode mode = random.nextInt(3) == 0 ? Mode.SOLAR_SURPLUS : Mode.GRID_LIMIT;
        boolean includesEv = random.nextBoolean();
        Settings settings = new Settings(connections, includesEv, mode, Duration.ofSeconds(5 + random.nextInt(60)),
                random.nextDouble() * connection, Duration.ofSeconds(random.nextInt(30)), random.nextInt(4) == 0 ? 0 : random.nextDouble() * 5,
                1_000_000);
        List<Arrival> arrivals = new ArrayList<>();
        List<State> states = new ArrayList<>();
        State state = State.NONE;
        Instant at = T0;
        double[] load = {random.nextDouble() * connection, random.nextDouble() * connection, random.nextDouble() * connection};
        int readings = 5 + random.nextInt(80);
        for (int i = 0; i < readings; i++) {
            at = at.plusMillis(random.nextInt(8) == 0 ? random.nextInt(120_000) : 200 + random.nextInt(5_000));
            for (int p = 0; p < 3; p++) {
                switch (random.nextInt(6)) {
                    case 0 -> load[p] = random.nextDouble() * connection * 1.5 - connection * 0.6; // a step, maybe to export
                    case 1 -> load[p] += random.nextGaussian() * 10;
                    default -> load[p] += random.nextGaussian();
                }
            }
            PerPhase reading = new PerPhase(load[0], load[1], load[2]);
            PerPhase ev = new PerPhase(random.nextDouble() * 30, random.nextDouble() * 30, random.nextDouble() * 30);
            PerPhase room = room(settings, reading, ev);
            arrivals.add(new Arrival(at, room));
            state = MeterControl.next(settings, state, at, at, MeterControl.room(settings, reading, ev));
            states.add(state);
        }
        return new Run(settings, arrivals, states);
    }

    /** The room, worked out afresh: the connection less the load the meter sees that is not ours (solar surplus: the export). */
    static PerPhase room(Settings settings, PerPhase reading, PerPhase ev) {
        double[] room = new double[3];
        for (Phase phase : Phase.values()) {
            double notOurs = settings.includesEvLoad() ? reading.on(phase) - ev.on(phase) : reading.on(phase);
            double value = settings.mode() == Mode.SOLAR_SURPLUS ? Math.min(-notOurs, settings.connection().on(phase) - notOurs)
                    : settings.connection().on(phase) - notOurs;
            room[phase.ordinal()] = Math.max(0, value);
        }
        return new PerPhase(room[0], room[1], room[2]);
    }

    @Property(tries = 20_000)
    void theCapacityNeverExceedsTheRoomTheLastReadingLeftNorTheFallbackWhileSilent(@ForAll long seed) {
        Run run = draw(seed);
        Random random = new Random(~seed);
        Instant end = run.arrivals().get(run.arrivals().size() - 1).at().plusSeconds(120);
        for (int i = 0; i < 200; i++) {
            Instant t = T0.plusMillis((long) (random.nextDouble() * Duration.between(T0, end).toMillis()));
            PerPhase capacity = MeterControl.capacityAt(run.settings(), run.stateAt(t), t);
            Arrival last = run.lastAt(t);
            boolean silent = last == null || !t.isBefore(last.at().plus(run.settings().staleAfter()));
            for (Phase phase : Phase.values()) {
                double bound = silent ? run.settings().fallback() : last.room().on(phase);
                assertTrue(capacity.on(phase) <= bound + EPS, () -> "at " + t + " on " + phase + ": " + capacity + " above " + bound);
                assertTrue(capacity.on(phase) >= 0, "never negative");
            }
        }
    }

    @Property(tries = 20_000)
    void theCapacityIsNoMoreThanTheRoomOfEveryReadingWithinTheRiseDelay(@ForAll long seed) {
        Run run = draw(seed);
        Random random = new Random(~seed);
        Instant end = run.arrivals().get(run.arrivals().size() - 1).at().plusSeconds(30);
        Duration delay = run.settings().riseDelay();
        for (int i = 0; i < 200; i++) {
            Instant t = T0.plusMillis((long) (random.nextDouble() * Duration.between(T0, end).toMillis()));
            if (run.silentDuring(t.minus(delay), t)) {
                continue;
            }
            PerPhase capacity = MeterControl.capacityAt(run.settings(), run.stateAt(t), t);
            for (Arrival arrival : run.arrivals()) {
                if (!arrival.at().isBefore(t.minus(delay)) && !arrival.at().isAfter(t)) {
                    for (Phase phase : Phase.values()) {
                        assertTrue(capacity.on(phase) <= arrival.room().on(phase) + EPS,
                                () -> "at " + t + " on " + phase + ": " + capacity + " above the room of " + arrival);
                    }
                }
            }
        }
    }

    @Property(tries = 20_000)
    void theTimelineNeverShowsMoreThanTheCapacityWillBe(@ForAll long seed) {
        Run run = draw(seed);
        Random random = new Random(~seed);
        Instant from = run.arrivals().get(random.nextInt(run.arrivals().size())).at().plusMillis(random.nextInt(10_000));
        State state = run.stateAt(from);
        CapacityTimeline timeline = MeterControl.timeline(run.settings(), state, from, from.plusSeconds(3600));
        assertTrue(timeline.perPhaseAt(from).equals(MeterControl.capacityAt(run.settings(), state, from)), "the timeline starts as it is");
        for (int i = 0; i < 100; i++) {
            Instant t = from.plusMillis(random.nextInt(3_600_000));
            PerPhase shown = timeline.perPhaseAt(t);
            PerPhase will = MeterControl.capacityAt(run.settings(), state, t); // no reading after from
            for (Phase phase : Phase.values()) {
                assertTrue(shown.on(phase) <= will.on(phase) + EPS, () -> "at " + t + ": shown " + shown + ", will be " + will);
            }
        }
    }

    @Property(tries = 10_000)
    void aSteadyRoomIsFollowedWithinTwoDeadbandsOnceTwoRiseDelaysHavePassed(@ForAll long seed) {
        Run run = draw(seed);
        Random random = new Random(~seed);
        Settings settings = run.settings();
        State state = run.states().get(run.states().size() - 1);
        Instant at = run.arrivals().get(run.arrivals().size() - 1).at();
        PerPhase steady = new PerPhase(random.nextDouble() * 300, random.nextDouble() * 300, random.nextDouble() * 300);
        // a rise already waiting rises to the least room it saw, and more room waits for a delay of its own
        Instant until = at.plus(settings.riseDelay().multipliedBy(2)).plusSeconds(2);
        while (!at.isAfter(until)) {
            at = at.plusMillis(500);
            state = MeterControl.next(settings, state, at, at, steady);
        }
        PerPhase capacity = MeterControl.capacityAt(settings, state, at);
        double d = settings.deadband();
        for (Phase phase : Phase.values()) {
            double room = steady.on(phase);
            assertTrue(capacity.on(phase) <= room + EPS && capacity.on(phase) >= Math.max(0, room - 2 * d) - EPS,
                    () -> "room " + steady + ", deadband " + d + ": capacity " + capacity);
        }
    }
}
