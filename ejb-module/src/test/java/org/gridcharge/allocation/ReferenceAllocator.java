package org.gridcharge.allocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Divides a group's capacity over its sockets at one instant.
 *
 * <p>Guarantees, whatever the input: on every phase the sum of the limits of the controllable
 * sockets plus what the uncontrollable ones may still draw stays within the capacity (if the
 * uncontrollable ones alone exceed it, every controllable socket on that phase gets 0 A); no
 * socket gets more than its maximum; a limit is either 0 A or at least the minimum current.
 *
 * <p>All arithmetic is in whole deciamperes (0.1 A): capacities round down, reservations round
 * up, so rounding can never push the sum over the capacity.
 *
 * <p>Order of service: sessions are admitted (given the minimum current) in order of start
 * (priority sessions first with {@link Strategy#PRIORITY}; with {@link Strategy#DEADLINE} the
 * sessions with the least slack before their departure first); a session that no longer fits is
 * paused at 0 A. What is left after the minimum is then divided by the strategy.
 */
final class ReferenceAllocator {

    private static final Phase[] PHASES = Phase.values();

    private ReferenceAllocator() {
    }

    public static Allocation allocate(List<Socket> sockets, PerPhase capacity, AllocationParameters parameters) {
        return allocate(sockets, capacity, parameters, null);
    }

    /**
     * The allocation at instant {@code at}, which decides which sessions are still in their start window
     * ({@link AllocationParameters#startedWindow()}); with a null instant none is.
     */
    public static Allocation allocate(List<Socket> sockets, PerPhase capacity, AllocationParameters parameters, Instant at) {
        return allocate(sockets, capacity, parameters, at, null);
    }

    /**
     * With {@link Strategy#TIME_OF_USE}: a session asking for priority charges now, first, up to what it can take (no cap on
     * priority); one with a plan charges only in a window of it, admitted first at its planned current; one without a
     * plan charges outside exclusion times only, sharing what is left equally; with the goal of time, what is left then
     * goes to everyone charging.
     */
    public static Allocation allocate(List<Socket> sockets, PerPhase capacity, AllocationParameters parameters, Instant at,
                                      EnergyPlan plan) {
        // the root's time-of-use plan binds a node of another strategy too
        boolean timeOfUse = parameters.strategy() == Strategy.TIME_OF_USE || plan != null && plan.timeOfUse();
        boolean excludedNow = timeOfUse && plan != null && at != null && plan.excludedAt(at);
        long[] remaining = new long[PHASES.length];
        for (Phase p : PHASES) {
            remaining[p.ordinal()] = Math.max(0, floorDeci(capacity.on(p)));
        }
        long[] limits = new long[sockets.size()];
        SocketAllocation.State[] states = new SocketAllocation.State[sockets.size()];
        boolean[] priority = new boolean[sockets.size()];
        long minimum = ceilDeci(parameters.minimum());
        long margin = ceilDeci(parameters.margin());

        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < sockets.size(); i++) {
            Socket socket = sockets.get(i);
            if (!socket.controllable()) {
                long reserved = ceilDeci(Math.min(socket.reserved(), socket.max()));
                for (Phase p : socket.gridPhases()) {
                    remaining[p.ordinal()] -= reserved;
                }
                limits[i] = reserved;
                states[i] = SocketAllocation.State.UNCONTROLLABLE;
            } else if (!socket.charging()) {
                states[i] = SocketAllocation.State.AVAILABLE;
            } else {
                long max = floorDeci(socket.max());
                if (max < Math.max(minimum, 1)) {
                    states[i] = SocketAllocation.State.REJECTED;
                    continue;
                }
                Double measured = socket.session().measuredAmps();
                long demand = measured == null ? max : Math.min(max, ceilDeci(measured) + margin);
                Claim claim = new Claim(i, socket, phaseIndexes(socket), Math.max(demand, Math.max(minimum, 1)));
                if (timeOfUse) {
                    long planned = plan == null || at == null ? -1 : plan.plannedAt(i, at);
                    if (socket.session().priority()) {
                        claim.required = claim.demand;
                    } else if (planned == 0 || planned < 0 && excludedNow) {
                        states[i] = SocketAllocation.State.SCHEDULED;
                        continue;
                    } else if (planned > 0) {
                        claim.required = Math.min(planned, claim.demand);
                    }
                }
                claims.add(claim);
            }
        }

        boolean deadline = parameters.strategy() == Strategy.DEADLINE && at != null && !timeOfUse;
        if (deadline) {
            for (Claim claim : claims) {
                claim.deadline(at, parameters.wattsPerUnit());
                // a session with a deadline requires at least what the latest-possible plan gives it now
                long latest = plan == null || plan.timeOfUse() ? -1 : plan.plannedAt(claim.index, at);
                if (claim.required > 0 && latest > claim.required) {
                    claim.required = Math.min(latest, claim.demand);
                }
            }
            // needs that can still be met, then needs that cannot, then no need; the least slack first within each
            claims.sort(Comparator.comparingInt((Claim c) -> Double.isInfinite(c.slack) ? 2 : c.slack < 0 ? 1 : 0)
                    .thenComparingDouble(c -> c.slack).thenComparing(ReferenceAllocator::byStart));
        } else if (timeOfUse) {
            // priority askers, then sessions with a planned current, then the others; each by start
            claims.sort(Comparator.comparingInt((Claim c) -> c.wantsPriority ? 0 : c.required > 0 ? 1 : 2)
                    .thenComparing(ReferenceAllocator::byStart));
        } else {
            claims.sort(admissionOrder(parameters.strategy()));
        }
        markPriority(claims, parameters, plan, priority);
        List<Claim> admitted = new ArrayList<>();
        for (Claim claim : claims) {
            long floor = Math.max(minimum, 1);
            // a session with a deadline is admitted at what its need requires when that fits; else at the minimum
            long amount = (deadline || timeOfUse) && claim.required > floor && fits(claim, remaining, Math.min(claim.required, claim.demand))
                    ? Math.min(claim.required, claim.demand) : floor;
            if (fits(claim, remaining, amount)) {
                take(claim, remaining, amount);
                claim.amount = amount;
                admitted.add(claim);
                states[claim.index] = SocketAllocation.State.CHARGING;
            } else {
                states[claim.index] = SocketAllocation.State.PAUSED;
            }
        }

        if (at != null && !parameters.startedWindow().isZero()) {
            List<Claim> starting = new ArrayList<>();
            List<Claim> managed = new ArrayList<>();
            for (Claim claim : admitted) {
                if (parameters.inStartedWindow(claim.socket.session().startedAt(), at)) {
                    starting.add(claim);
                    states[claim.index] = SocketAllocation.State.STARTED;
                    priority[claim.index] = false;
                } else {
                    managed.add(claim);
                }
            }
            serveInOrder(starting, remaining);
            admitted = managed;
        }
        switch (parameters.strategy()) {
            case EQUAL_SHARE -> waterFill(admitted, remaining);
            case FIRST_COME_FIRST_SERVED -> serveInOrder(admitted, remaining);
            case PRIORITY -> {
                serveInOrder(admitted.stream().filter(c -> priority[c.index]).toList(), remaining);
                waterFill(admitted.stream().filter(c -> !priority[c.index]).toList(), remaining);
            }
            case DEADLINE -> {
                // the time-bound sessions first, to the current that meets their need; then the others; then everyone
                for (Claim claim : admitted) {
                    long extra = Math.min(claim.required, claim.demand) - claim.amount;
                    for (int p : claim.phases) {
                        extra = Math.min(extra, remaining[p]);
                    }
                    if (extra > 0) {
                        take(claim, remaining, extra);
                        claim.amount += extra;
                    }
                }
                waterFill(admitted.stream().filter(c -> c.required == 0).toList(), remaining);
                waterFill(admitted, remaining);
            }
            case TIME_OF_USE -> {
                for (Claim claim : admitted) {
                    long extra = claim.required - claim.amount;
                    for (int p : claim.phases) {
                        extra = Math.min(extra, remaining[p]);
                    }
                    if (extra > 0) {
                        take(claim, remaining, extra);
                        claim.amount += extra;
                    }
                }
                waterFill(admitted.stream().filter(c -> c.required == 0).toList(), remaining);
                if (parameters.timeOfUse() != null && parameters.timeOfUse().goal() == TimeOfUse.Goal.OPTIMISE_TIME) {
                    waterFill(admitted, remaining);
                }
            }
        }
        for (Claim claim : claims) {
            if (states[claim.index] != SocketAllocation.State.PAUSED) {
                limits[claim.index] = claim.amount;
            }
        }

        List<SocketAllocation> result = new ArrayList<>(sockets.size());
        long[] allotted = new long[PHASES.length];
        for (int i = 0; i < sockets.size(); i++) {
            Socket socket = sockets.get(i);
            result.add(new SocketAllocation(socket.evseId(), limits[i] / 10.0, states[i], priority[i]));
            if (limits[i] != 0) {
                for (int p : phaseIndexes(socket)) {
                    allotted[p] += limits[i];
                }
            }
        }
        return new Allocation(capacity, result, new PerPhase(allotted[0] / 10.0, allotted[1] / 10.0, allotted[2] / 10.0));
    }

    /**
     * No management at all (a group whose algorithm is "none"): every session may draw its maximum, whatever the
     * capacity; sockets out of our control count at what they may draw. The capacity is reported, not enforced.
     */
    public static Allocation unmanaged(List<Socket> sockets, PerPhase capacity) {
        List<SocketAllocation> result = new ArrayList<>(sockets.size());
        long[] allotted = new long[PHASES.length];
        for (Socket socket : sockets) {
            long limit;
            SocketAllocation.State state;
            if (!socket.controllable()) {
                limit = ceilDeci(Math.min(socket.reserved(), socket.max()));
                state = SocketAllocation.State.UNCONTROLLABLE;
            } else if (socket.charging()) {
                limit = floorDeci(socket.max());
                state = SocketAllocation.State.CHARGING;
            } else {
                limit = 0;
                state = SocketAllocation.State.AVAILABLE;
            }
            result.add(new SocketAllocation(socket.evseId(), limit / 10.0, state, false));
            for (int p : phaseIndexes(socket)) {
                allotted[p] += limit;
            }
        }
        return new Allocation(capacity, result, new PerPhase(allotted[0] / 10.0, allotted[1] / 10.0, allotted[2] / 10.0));
    }

    /** Earliest start first (ties by evse_id); with the priority strategy, priority sessions before all others. */
    private static Comparator<Claim> admissionOrder(Strategy strategy) {
        return strategy == Strategy.PRIORITY || strategy == Strategy.TIME_OF_USE ? ReferenceAllocator::byPriorityThenStart
                : ReferenceAllocator::byStart;
    }

    private static int byStart(Claim a, Claim b) {
        int order = Long.compare(a.startSeconds, b.startSeconds);
        if (order == 0) {
            order = Integer.compare(a.startNanos, b.startNanos);
        }
        return order != 0 ? order : a.socket.evseId().compareTo(b.socket.evseId());
    }

    private static int byPriorityThenStart(Claim a, Claim b) {
        return a.wantsPriority != b.wantsPriority ? (a.wantsPriority ? -1 : 1) : byStart(a, b);
    }

    private static void markPriority(List<Claim> ordered, AllocationParameters parameters, EnergyPlan plan, boolean[] priority) {
        boolean timeOfUse = parameters.strategy() == Strategy.TIME_OF_USE || plan != null && plan.timeOfUse();
        if (parameters.strategy() != Strategy.PRIORITY && !timeOfUse) {
            return;
        }
        int cap = timeOfUse ? Integer.MAX_VALUE : parameters.maxPrioritySessions();
        int granted = 0;
        for (Claim claim : ordered) {
            if (claim.socket.session().priority() && granted < cap) {
                priority[claim.index] = true;
                granted++;
            }
        }
        if (timeOfUse) {
            return; // no cap: nobody was refused, the order stands
        }
        // sessions beyond the priority cap queue with the others, in order of start
        ordered.sort((a, b) -> priority[a.index] != priority[b.index] ? (priority[a.index] ? -1 : 1) : byStart(a, b));
    }

    /** Each session in turn gets as much more as it can take and its phases allow. */
    static void serveInOrder(List<Claim> claims, long[] remaining) {
        for (Claim claim : claims) {
            long extra = claim.demand - claim.amount;
            for (int p : claim.phases) {
                extra = Math.min(extra, remaining[p]);
            }
            if (extra > 0) {
                take(claim, remaining, extra);
                claim.amount += extra;
            }
        }
    }

    /**
     * Max-min fair progressive filling: raise every unfrozen session by the same amount until it
     * reaches its demand or one of its phases is full. Sessions on a full phase freeze; the
     * deciamperes a full phase has left (fewer than its sessions) go one each, in admission order.
     */
    static void waterFill(List<Claim> claims, long[] remaining) {
        int n = claims.size();
        if (n == 0) {
            return;
        }
        Claim[] byHeadroom = claims.toArray(new Claim[0]);
        java.util.Arrays.sort(byHeadroom, Comparator.comparingLong(c -> c.demand - c.amount));
        int[] unfrozenOn = new int[PHASES.length];
        List<List<Claim>> onPhase = new ArrayList<>();
        for (int p = 0; p < PHASES.length; p++) {
            onPhase.add(new ArrayList<>());
        }
        for (Claim claim : claims) {
            claim.frozen = false;
            claim.base = claim.amount;
            for (int p : claim.phases) {
                unfrozenOn[p]++;
                onPhase.get(p).add(claim);
            }
        }
        long level = 0;
        int unfrozen = n;
        int next = 0;
        while (unfrozen > 0) {
            while (next < n && (byHeadroom[next].frozen || byHeadroom[next].demand - byHeadroom[next].base <= level)) {
                if (!byHeadroom[next].frozen) {
                    unfrozen -= freeze(byHeadroom[next], level, unfrozenOn);
                }
                next++;
            }
            if (unfrozen == 0) {
                break;
            }
            long raise = byHeadroom[next].demand - byHeadroom[next].base - level;
            for (int p = 0; p < PHASES.length; p++) {
                if (unfrozenOn[p] > 0) {
                    raise = Math.min(raise, remaining[p] / unfrozenOn[p]);
                }
            }
            if (raise > 0) {
                level += raise;
                for (int p = 0; p < PHASES.length; p++) {
                    remaining[p] -= raise * unfrozenOn[p];
                }
            }
            // sessions at their demand need no more: they stop before a phase is judged full
            for (Claim claim : claims) {
                if (!claim.frozen && claim.demand - claim.base <= level) {
                    unfrozen -= freeze(claim, level, unfrozenOn);
                }
            }
            for (int p = 0; p < PHASES.length; p++) {
                if (unfrozenOn[p] > 0 && remaining[p] < unfrozenOn[p]) {
                    for (Claim claim : onPhase.get(p)) {
                        if (!claim.frozen) {
                            unfrozen -= freeze(claim, level, unfrozenOn);
                        }
                    }
                }
            }
        }
        for (Claim claim : claims) {
            if (claim.amount < claim.demand && fits(claim, remaining, 1)) {
                take(claim, remaining, 1);
                claim.amount += 1;
            }
        }
    }

    private static int freeze(Claim claim, long level, int[] unfrozenOn) {
        claim.frozen = true;
        claim.amount = claim.base + level;
        for (int p : claim.phases) {
            unfrozenOn[p]--;
        }
        return 1;
    }

    private static boolean fits(Claim claim, long[] remaining, long amount) {
        for (int p : claim.phases) {
            if (remaining[p] < amount) {
                return false;
            }
        }
        return true;
    }

    private static void take(Claim claim, long[] remaining, long amount) {
        for (int p : claim.phases) {
            remaining[p] -= amount;
        }
    }

    /** The phase indexes of each subset of L1/L2/L3, by bit mask, shared by every claim on that subset. */
    private static final int[][] PHASE_INDEXES = new int[1 << 3][];

    static {
        for (int mask = 0; mask < PHASE_INDEXES.length; mask++) {
            int[] indexes = new int[Integer.bitCount(mask)];
            for (int p = 0, k = 0; p < 3; p++) {
                if ((mask & (1 << p)) != 0) {
                    indexes[k++] = p;
                }
            }
            PHASE_INDEXES[mask] = indexes;
        }
    }

    private static int[] phaseIndexes(Socket socket) {
        int mask = 0;
        for (Phase phase : socket.gridPhases()) {
            mask |= 1 << phase.ordinal();
        }
        return PHASE_INDEXES[mask];
    }

    /*
     * The oracle's own rounding, written apart from the allocator's: amperes are first taken to whole microamperes
     * (which absorbs the binary noise of decimal inputs such as 0.1 + 0.2), then to deciamperes by integer division.
     * The allocator nudges a scaled double instead; both agree on every input that is not within a microampere of a
     * deciampere boundary, and the property tests compare them on whole deciamperes.
     */

    /** Amperes to whole deciamperes, rounding down (what we may hand out). */
    static long floorDeci(double amps) {
        return Math.floorDiv(Math.round(amps * 1_000_000), 100_000L);
    }

    /** Amperes to whole deciamperes, rounding up (what we must hold back). */
    static long ceilDeci(double amps) {
        return -Math.floorDiv(-Math.round(amps * 1_000_000), 100_000L);
    }

    /** One session's claim on capacity while the allocation runs. */
    static final class Claim {
        final int index;
        final Socket socket;
        final int[] phases;
        final long demand;
        final long startSeconds;
        final int startNanos;
        final boolean wantsPriority;
        long amount;
        long base;
        boolean frozen;
        /** Deciamperes that meet the session's energy need by its departure (0: it gave none). */
        long required;
        /** Seconds it may still wait (infinite: it gave no need). */
        double slack = Double.POSITIVE_INFINITY;

        /**
         * The deadline of the session at {@code at}: its energy need, in whole Wh rounded up, over the whole seconds
         * left until its departure; none once that has come.
         */
        void deadline(Instant at, double wattsPerUnit) {
            Session session = socket.session();
            if (session.departure() == null || session.energyNeedWh() == null || session.energyNeedWh() <= 0
                    || session.energyNeedWh().isNaN()) {
                return;
            }
            long left = java.time.Duration.between(at, session.departure()).getSeconds();
            if (left < 1) {
                return; // gone (or going now): no deadline to meet any more
            }
            double wh = Math.ceil(Math.min(session.energyNeedWh(), 1e12));
            double perUnit = phases.length * wattsPerUnit;
            slack = left - wh * 36_000.0 / (demand * perUnit);
            required = Math.min(demand, (long) Math.ceil(wh * 36_000.0 / (left * perUnit)));
        }

        Claim(int index, Socket socket, int[] phases, long demand) {
            this.index = index;
            this.socket = socket;
            this.phases = phases;
            this.demand = demand;
            this.startSeconds = socket.session().startedAt().getEpochSecond();
            this.startNanos = socket.session().startedAt().getNano();
            this.wantsPriority = socket.session().priority();
        }
    }
}
