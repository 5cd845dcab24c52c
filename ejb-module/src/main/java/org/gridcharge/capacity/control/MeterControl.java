package org.gridcharge.capacity.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gridcharge.allocation.CapacityPeriod;
import org.gridcharge.allocation.CapacityTimeline;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.allocation.Phase;

/**
 * How a site meter's readings become the capacity our sessions may use. Pure: no container, no clock, no store.
 *
 * <p>A reading is the load the meter sees on each phase (import positive, export negative). What our sessions may
 * use on a phase is the room the meter leaves:
 * <ul>
 * <li>{@link Mode#GRID_LIMIT}: the connection's capacity minus the other load, so solar export raises it;</li>
 * <li>{@link Mode#SOLAR_SURPLUS}: only what is exported, never more than the connection allows.</li>
 * </ul>
 * If the meter sees our chargers too, what our sessions measurably draw is first taken off the reading.
 *
 * <p>The capacity in force follows that room with a deadband {@code d}: it never stands above the latest room. When the
 * room falls below it, it falls at once to the room less {@code d}, so noise of {@code d} neither reallocates nor breaks
 * the limit. It rises only when the room less {@code d} has stood at least {@code d} above it (and above it at all) for
 * the rise delay on every reading since, and then to the least of those values. A meter silent for longer than its
 * stale time is replaced by the fallback: the lower of the last capacity and the configured fallback capacity (never
 * above the connection). A reading older than the stale time when it arrives is refused: it says nothing of now.
 */
public final class MeterControl {

    private MeterControl() {
    }

    public enum Mode {
        GRID_LIMIT, SOLAR_SURPLUS
    }

    /**
     * @param connection     the connection's capacity per phase, in the group's unit
     * @param includesEvLoad whether the meter sees our sessions' draw too
     * @param staleAfter     how long the meter may be silent before the fallback applies
     * @param fallback       the most capacity assumed while it is silent
     * @param riseDelay      how long more room must hold before the capacity rises
     * @param deadband       see the class documentation; 0 for none
     * @param maxCapacity    the most capacity a group of this unit may have
     */
    public record Settings(PerPhase connection, boolean includesEvLoad, Mode mode, Duration staleAfter, double fallback,
                           Duration riseDelay, double deadband, double maxCapacity) {

        public Settings {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(staleAfter, "staleAfter");
            Objects.requireNonNull(riseDelay, "riseDelay");
        }
    }

    /**
     * What the meter's readings left.
     *
     * @param readAt       the time of the latest reading taken, null before the first
     * @param receivedAt   when it arrived
     * @param applied      the capacity in force per phase, null before the first reading
     * @param rising       per phase, the least room (less the deadband) seen since the rise began; NaN where none is rising
     * @param risingSince  when the rise began, null when none is
     */
    public record State(Instant readAt, Instant receivedAt, PerPhase applied, PerPhase rising, Instant risingSince) {

        public static final State NONE = new State(null, null, null, null, null);
    }

    /** Why a reading is not taken; null when it is. */
    public static String refusal(PerPhase reading, Instant readAt, State state, Instant now, Duration maxAhead, Duration staleAfter,
                                 double maxMagnitude) {
        for (Phase phase : Phase.values()) {
            double value = reading.on(phase);
            if (!Double.isFinite(value)) {
                return "the reading on " + phase + " is not a number";
            }
            if (Math.abs(value) > maxMagnitude) {
                return "the reading on " + phase + " (" + value + ") is beyond " + maxMagnitude + ", the most a group may have";
            }
        }
        if (state.readAt() != null && !readAt.isAfter(state.readAt())) {
            return "the reading's timestamp " + readAt + " is not after the last reading's (" + state.readAt() + ")";
        }
        if (!readAt.isAfter(now.minus(staleAfter))) {
            return "the reading's timestamp " + readAt + " is older than the stale time (" + staleAfter.toSeconds() + " s): it says"
                    + " nothing of now";
        }
        if (readAt.isAfter(now.plus(maxAhead))) {
            return "the reading's timestamp " + readAt + " is more than " + maxAhead.toSeconds() + " s ahead of the server's clock";
        }
        return null;
    }

    /** The room a reading leaves our sessions on each phase, within [0, the unit's maximum]. */
    public static PerPhase room(Settings settings, PerPhase reading, PerPhase evDraw) {
        double[] room = new double[3];
        for (Phase phase : Phase.values()) {
            double other = reading.on(phase) - (settings.includesEvLoad() ? evDraw.on(phase) : 0);
            double left = settings.connection().on(phase) - other;
            if (settings.mode() == Mode.SOLAR_SURPLUS) {
                left = Math.min(left, -other);
            }
            room[phase.ordinal()] = Math.max(0, Math.min(settings.maxCapacity(), left));
        }
        return new PerPhase(room[0], room[1], room[2]);
    }

    /**
     * What one of our sessions measurably draws, and where: its socket's phases (L1, L2, L3 of the socket: one for a
     * single-phase socket) as the meter's phases, the current last measured on each (null where unknown) and on its
     * highest phase, and the least limit it may be keeping to now (a measurement above it is out of date).
     */
    public record Draw(List<Phase> onMeterPhases, Double[] measured, Double highest, double leastLimit) {
    }

    /**
     * What our sessions draw on each of the meter's phases, never more than they measurably do, so that what is taken off
     * the reading is never too much (which would leave too much room): a single-phase socket draws its highest current
     * on its phase; a three-phase socket its current on each phase where the station reported phases, and nothing
     * where it did not (its highest phase says nothing of the others); each at most its least limit.
     */
    public static PerPhase evDraw(List<Draw> draws) {
        double[] draw = new double[3];
        for (Draw d : draws) {
            if (d.onMeterPhases().size() == 1) {
                if (d.highest() != null) {
                    draw[d.onMeterPhases().get(0).ordinal()] += Math.max(0, Math.min(d.highest(), d.leastLimit()));
                }
                continue;
            }
            for (int i = 0; i < d.onMeterPhases().size(); i++) {
                Double measured = d.measured() == null ? null : d.measured()[i];
                if (measured != null) {
                    draw[d.onMeterPhases().get(i).ordinal()] += Math.max(0, Math.min(measured, d.leastLimit()));
                }
            }
        }
        return new PerPhase(draw[0], draw[1], draw[2]);
    }

    /** Whether the meter counts as silent at the instant. */
    public static boolean stale(Settings settings, State state, Instant at) {
        return state.receivedAt() == null || !at.isBefore(state.receivedAt().plus(settings.staleAfter()));
    }

    /** The capacity in force at the instant: with a rise that has held long enough, or the fallback while the meter is silent. */
    public static PerPhase capacityAt(Settings settings, State state, Instant at) {
        PerPhase applied = matured(settings, state, at).applied();
        if (stale(settings, state, at)) {
            return fallback(settings, applied);
        }
        return applied;
    }

    /** The fallback: the configured value, never above the connection, nor above the last capacity if there was one. */
    private static PerPhase fallback(Settings settings, PerPhase last) {
        double f = Math.max(0, settings.fallback());
        PerPhase c = settings.connection();
        PerPhase capped = new PerPhase(Math.min(f, c.l1()), Math.min(f, c.l2()), Math.min(f, c.l3()));
        return last == null ? capped
                : new PerPhase(Math.min(last.l1(), capped.l1()), Math.min(last.l2(), capped.l2()), Math.min(last.l3(), capped.l3()));
    }

    /** The state with a rise that has held for the rise delay by the instant taken into the capacity in force. */
    static State matured(Settings settings, State state, Instant at) {
        if (state.risingSince() == null || at.isBefore(state.risingSince().plus(settings.riseDelay()))) {
            return state;
        }
        double[] applied = new double[3];
        for (Phase phase : Phase.values()) {
            double rising = state.rising().on(phase);
            double now = state.applied().on(phase);
            applied[phase.ordinal()] = Double.isNaN(rising) ? now : Math.max(now, rising);
        }
        return new State(state.readAt(), state.receivedAt(), new PerPhase(applied[0], applied[1], applied[2]), null, null);
    }

    /**
     * The state after a reading that leaves {@code room}, taken at {@code readAt} and arrived at {@code now}. A meter that
     * was silent starts again from its fallback, so what it allows above that waits for the rise delay.
     */
    public static State next(Settings settings, State state, Instant readAt, Instant now, PerPhase room) {
        boolean wasStale = stale(settings, state, now);
        State before = matured(settings, state, now);
        PerPhase from = wasStale ? fallback(settings, before.applied()) : before.applied();
        if (from == null) {
            from = PerPhase.balanced(Math.max(0, settings.fallback()));
        }
        double d = Math.max(0, settings.deadband());
        double[] applied = new double[3];
        double[] rising = new double[3];
        boolean anyRising = false;
        boolean newRise = false;
        for (Phase phase : Phase.values()) {
            int p = phase.ordinal();
            double current = from.on(phase);
            double target = Math.max(0, room.on(phase) - d);
            double wasRising = wasStale || before.rising() == null ? Double.NaN : before.rising().on(phase);
            applied[p] = current;
            rising[p] = Double.NaN;
            if (room.on(phase) < current) {
                applied[p] = target;
            } else if (target > current && target - current >= d) {
                rising[p] = Double.isNaN(wasRising) ? target : Math.min(wasRising, target);
                anyRising = true;
                newRise |= Double.isNaN(wasRising);
            }
        }
        Instant since = !anyRising ? null : newRise || before.risingSince() == null ? now : before.risingSince();
        return new State(readAt, now, new PerPhase(applied[0], applied[1], applied[2]),
                anyRising ? new PerPhase(rising[0], rising[1], rising[2]) : null, since);
    }

    /**
     * The capacity over [from, to): what is in force now until the meter would turn stale, the fallback after. A rise due
     * before then is a breakpoint of the same capacity, so a run comes when it is due without telling any station of a
     * rise ahead of time; the fall to the fallback is told ahead, so a station keeps to it even if the platform is gone.
     */
    public static CapacityTimeline timeline(Settings settings, State state, Instant from, Instant to) {
        PerPhase now = capacityAt(settings, state, from);
        List<CapacityPeriod> periods = new ArrayList<>();
        if (stale(settings, state, from)) {
            periods.add(CapacityPeriod.perPhase(from, to, now));
            return new CapacityTimeline(periods, min(now));
        }
        Instant staleAt = state.receivedAt().plus(settings.staleAfter());
        State held = matured(settings, state, from);
        Instant cursor = from;
        if (held.risingSince() != null) {
            Instant due = held.risingSince().plus(settings.riseDelay());
            if (due.isBefore(staleAt) && due.isBefore(to)) {
                periods.add(CapacityPeriod.perPhase(cursor, due, now));
                cursor = due;
            }
        }
        Instant end = staleAt.isBefore(to) ? staleAt : to;
        if (cursor.isBefore(end)) {
            periods.add(CapacityPeriod.perPhase(cursor, end, now));
            cursor = end;
        }
        PerPhase fallback = fallback(settings, now);
        if (cursor.isBefore(to)) {
            periods.add(CapacityPeriod.perPhase(cursor, to, fallback));
        }
        return new CapacityTimeline(periods, min(fallback));
    }

    private static double min(PerPhase phases) {
        return Math.min(phases.l1(), Math.min(phases.l2(), phases.l3()));
    }
}
