package org.gridcharge.allocation;

import java.time.Duration;
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
 * (priority sessions first with {@link Strategy#PRIORITY}), sessions that started at the same
 * instant in the order their sockets are given (the platform gives them in evse_id order); a
 * session that no longer fits is paused at 0 A. What is left after the minimum is then divided by the strategy.
 */
public final class Allocator {

    private static final Phase[] PHASES = Phase.values();

    private Allocator() {
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

    /** As {@link #allocate(List, PerPhase, AllocationParameters, Instant)}, following an energy plan of these sockets ({@link Strategy#TIME_OF_USE}). */
    public static Allocation allocate(List<Socket> sockets, PerPhase capacity, AllocationParameters parameters, Instant at,
                                      EnergyPlan plan) {
        int n = sockets.size();
        long[] remaining = new long[PHASES.length];
        for (Phase p : PHASES) {
            remaining[p.ordinal()] = Math.max(0, floorDeci(capacity.on(p)));
        }
        Division division = new Division(sockets, plan);
        division.divide(null, null, PHASE_INDEXES, remaining, parameters, at);
        SocketAllocation[] result = new SocketAllocation[n];
        long[] allotted = new long[PHASES.length];
        for (int i = 0; i < n; i++) {
            long limit = division.limits[i];
            result[i] = new SocketAllocation(division.ids[i], limit / 10.0, division.states[i], division.priority[i]);
            if (limit != 0) {
                for (int p : division.paths[i]) {
                    allotted[p] += limit;
                }
            }
        }
        return new Allocation(capacity, java.util.Arrays.asList(result),
                new PerPhase(allotted[0] / 10.0, allotted[1] / 10.0, allotted[2] / 10.0));
    }

    /**
     * One division of capacity over sockets, in whole deciamperes. A capacity to respect is a <em>resource</em>: a
     * phase of a group (a flat group has three), or a phase of any node of a grid tree. Each socket draws its limit
     * from every resource on its path: its own phases, and what they are wired to at every node above it. The limits,
     * states and priority flags of the sockets divided are written into the arrays, indexed by socket.
     */
    static final class Division {
        final List<Socket> sockets;
        final long[] limits;
        final SocketAllocation.State[] states;
        final boolean[] priority;
        /** Each socket's evse_id, read on the one pass over the sockets (they are many, and far apart in memory). */
        final String[] ids;
        /** The resources each socket drew on in the last division of it. */
        final int[][] paths;
        /** The phases each socket draws on, as a bit mask. */
        final int[] masks;
        /** Whether each socket has a session. */
        final boolean[] charging;
        /** The sessions' energy plan ({@link Strategy#TIME_OF_USE}), or null. */
        final EnergyPlan plan;

        Division(List<Socket> sockets, EnergyPlan plan) {
            this.sockets = sockets;
            this.plan = plan;
            int n = sockets.size();
            limits = new long[n];
            states = new SocketAllocation.State[n];
            priority = new boolean[n];
            ids = new String[n];
            paths = new int[n][];
            masks = new int[n];
            charging = new boolean[n];
        }

        /**
         * Divides {@code remaining} (per resource, consumed) over the sockets {@code which} (indexes into the sockets, in
         * the order that breaks ties; null for all of them, in their order). A socket on node {@code v} (0 when
         * {@code nodeOf} is null) drawing on the phases of bit mask {@code m} draws on the resources {@code table[8v + m]}.
         */
        void divide(int[] which, int[] nodeOf, int[][] table, long[] remaining, AllocationParameters parameters, Instant at) {
            int n = which == null ? sockets.size() : which.length;
            long minimum = ceilDeci(parameters.minimum());
            long margin = ceilDeci(parameters.margin());
            long floor = Math.max(minimum, 1);

            Claims claims = new Claims(n);
            // a time-of-use plan binds every node of the tree, whatever its own strategy: the root's tariff and exclusions hold
            boolean timeOfUse = parameters.strategy() == Strategy.TIME_OF_USE || plan != null && plan.timeOfUse();
            boolean deadline = parameters.strategy() == Strategy.DEADLINE && at != null && !timeOfUse;
            boolean excluded = timeOfUse && plan != null && at != null && plan.excludedAt(at);
            for (int j = 0; j < n; j++) {
                int i = which == null ? j : which[j];
                Socket socket = sockets.get(i);
                int mask = mask(socket);
                int[] path = table[(nodeOf == null ? 0 : nodeOf[i] << 3) + mask];
                paths[i] = path;
                masks[i] = mask;
                ids[i] = socket.evseId();
                charging[i] = socket.charging();
                priority[i] = false;
                limits[i] = 0;
                if (!socket.controllable()) {
                    long reserved = ceilDeci(Math.min(socket.reserved(), socket.max()));
                    for (int r : path) {
                        remaining[r] -= reserved;
                    }
                    limits[i] = reserved;
                    states[i] = SocketAllocation.State.UNCONTROLLABLE;
                } else if (!socket.charging()) {
                    states[i] = SocketAllocation.State.AVAILABLE;
                } else {
                    long max = floorDeci(socket.max());
                    if (max < floor) {
                        states[i] = SocketAllocation.State.REJECTED;
                        continue;
                    }
                    Session session = socket.session();
                    Double measured = session.measuredAmps();
                    long demand = measured == null ? max : Math.min(max, ceilDeci(measured) + margin);
                    long planned = -1;
                    if (timeOfUse && !session.priority()) {
                        // a planned session charges in its plan's windows only; one without a plan, outside exclusion times
                        planned = plan == null || at == null ? -1 : plan.plannedAt(i, at);
                        if (planned == 0 || planned < 0 && excluded) {
                            states[i] = SocketAllocation.State.SCHEDULED;
                            continue;
                        }
                    }
                    claims.add(i, path, (nodeOf == null ? 0 : nodeOf[i] << 3) + mask, Math.max(demand, floor), session);
                    if (timeOfUse) {
                        // a priority session charges now at full rate; a planned one gets its planned current
                        claims.required[claims.count - 1] = session.priority() ? claims.demand[claims.count - 1]
                                : planned > 0 ? Math.min(planned, claims.demand[claims.count - 1]) : 0;
                    }
                    if (deadline) {
                        claims.need(claims.count - 1, session, Integer.bitCount(mask), parameters.wattsPerUnit(), at);
                        // what the latest plan says it must get now, the capacity to come and the other needs considered
                        long latest = plan == null || plan.timeOfUse() ? -1 : plan.plannedAt(i, at);
                        if (latest > claims.required[claims.count - 1] && claims.required[claims.count - 1] > 0) {
                            claims.required[claims.count - 1] = Math.min(latest, claims.demand[claims.count - 1]);
                        }
                    }
                }
            }

            int m = claims.count;
            int[] order = new int[m];
            for (int k = 0; k < m; k++) {
                order[k] = k;
            }
            boolean byPriority = parameters.strategy() == Strategy.PRIORITY || timeOfUse;
            if (deadline) {
                claims.sortBySlack(order);
            } else if (timeOfUse) {
                claims.sortByPlan(order);
            } else {
                claims.sort(order, byPriority);
            }
            if (byPriority) {
                // time of use has no cap on priority: a driver's "charge now" is a button, not a scarce grant
                markPriority(claims, order, timeOfUse ? Integer.MAX_VALUE : parameters.maxPrioritySessions(), priority);
            }
            int[] admitted = new int[m];
            int admittedCount = 0;
            for (int k : order) {
                int socket = claims.socket[k];
                // with deadlines, a session is admitted with the current its need requires if that fits, so that the most
                // urgent get it before the minimum goes to sessions that can wait
                long want = deadline || timeOfUse ? Math.max(floor, Math.min(claims.required[k], claims.demand[k])) : floor;
                long given = want > floor && fits(claims.path[k], remaining, want) ? want : floor;
                if (fits(claims.path[k], remaining, given)) {
                    take(claims.path[k], remaining, given);
                    claims.amount[k] = given;
                    admitted[admittedCount++] = k;
                    states[socket] = SocketAllocation.State.CHARGING;
                } else {
                    states[socket] = SocketAllocation.State.PAUSED;
                }
            }

            if (at != null && !parameters.startedWindow().isZero()) {
                int[] starting = new int[admittedCount];
                int startingCount = 0;
                int managedCount = 0;
                for (int j = 0; j < admittedCount; j++) {
                    int k = admitted[j];
                    int socket = claims.socket[k];
                    if (parameters.inStartedWindow(sockets.get(socket).session().startedAt(), at)) {
                        starting[startingCount++] = k;
                        states[socket] = SocketAllocation.State.STARTED;
                        priority[socket] = false;
                    } else {
                        admitted[managedCount++] = k; // the managed ones keep their order, in place
                    }
                }
                serveInOrder(claims, starting, startingCount, remaining);
                admittedCount = managedCount;
            }
            switch (parameters.strategy()) {
                case EQUAL_SHARE -> waterFill(claims, admitted, admittedCount, remaining, table);
                case FIRST_COME_FIRST_SERVED -> serveInOrder(claims, admitted, admittedCount, remaining);
                case PRIORITY -> {
                    int[] first = new int[admittedCount];
                    int[] rest = new int[admittedCount];
                    int firstCount = 0;
                    int restCount = 0;
                    for (int j = 0; j < admittedCount; j++) {
                        int k = admitted[j];
                        if (priority[claims.socket[k]]) {
                            first[firstCount++] = k;
                        } else {
                            rest[restCount++] = k;
                        }
                    }
                    serveInOrder(claims, first, firstCount, remaining);
                    waterFill(claims, rest, restCount, remaining, table);
                }
                case DEADLINE -> {
                    // admitted in order of slack (the least first), each is first given what delivers its need in time;
                    // then the sessions that said nothing share what is left; what they cannot take goes to all
                    upToRequired(claims, admitted, admittedCount, remaining);
                    int[] plain = withoutRequired(claims, admitted, admittedCount);
                    waterFill(claims, plain, plain.length, remaining, table);
                    waterFill(claims, admitted, admittedCount, remaining, table);
                }
                case TIME_OF_USE -> {
                    // priority sessions (first) up to their maximum, planned sessions up to their planned current; then the
                    // sessions without a plan share what is left; with the goal of time, what they cannot take goes to all
                    upToRequired(claims, admitted, admittedCount, remaining);
                    int[] plain = withoutRequired(claims, admitted, admittedCount);
                    waterFill(claims, plain, plain.length, remaining, table);
                    if (parameters.timeOfUse() != null && parameters.timeOfUse().goal() == TimeOfUse.Goal.OPTIMISE_TIME) {
                        waterFill(claims, admitted, admittedCount, remaining, table);
                    }
                }
            }
            for (int k = 0; k < m; k++) {
                int socket = claims.socket[k];
                if (states[socket] != SocketAllocation.State.PAUSED) {
                    limits[socket] = claims.amount[k];
                }
            }
        }
    }

    /** Each claim in turn gets up to what it requires ({@link Claims#required}), as far as its resources allow. */
    private static void upToRequired(Claims claims, int[] ids, int count, long[] remaining) {
        for (int j = 0; j < count; j++) {
            int k = ids[j];
            long extra = Math.min(claims.required[k], claims.demand[k]) - claims.amount[k];
            for (int r : claims.path[k]) {
                extra = Math.min(extra, remaining[r]);
            }
            if (extra > 0) {
                take(claims.path[k], remaining, extra);
                claims.amount[k] += extra;
            }
        }
    }

    /** The claims among {@code ids} that require nothing in particular, in their order. */
    private static int[] withoutRequired(Claims claims, int[] ids, int count) {
        int[] plain = new int[count];
        int plainCount = 0;
        for (int j = 0; j < count; j++) {
            if (claims.required[ids[j]] == 0) {
                plain[plainCount++] = ids[j];
            }
        }
        return java.util.Arrays.copyOf(plain, plainCount);
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

    /**
     * Grants priority to the first {@code cap} sessions that asked for it, in admission order (priority
     * askers first, then by start); sessions beyond the cap queue with the others, in order of start.
     */
    private static void markPriority(Claims claims, int[] order, int cap, boolean[] priority) {
        int granted = 0;
        boolean refused = false;
        for (int k : order) {
            if (claims.wantsPriority[k]) {
                if (granted < cap) {
                    priority[claims.socket[k]] = true;
                    granted++;
                } else {
                    refused = true;
                }
            }
        }
        if (refused) {
            claims.sortGranted(order, priority);
        }
    }

    /** Each session in turn gets as much more as it can take and its phases allow. */
    static void serveInOrder(Claims claims, int[] ids, int count, long[] remaining) {
        for (int j = 0; j < count; j++) {
            int k = ids[j];
            long extra = claims.demand[k] - claims.amount[k];
            for (int r : claims.path[k]) {
                extra = Math.min(extra, remaining[r]);
            }
            if (extra > 0) {
                take(claims.path[k], remaining, extra);
                claims.amount[k] += extra;
            }
        }
    }

    /**
     * Max-min fair progressive filling: raise every unfrozen session by the same amount until it
     * reaches its demand or one of its resources is full. Sessions on a full resource freeze; the
     * deciamperes a full resource has left (fewer than its sessions) go one each, in admission order.
     */
    static void waterFill(Claims claims, int[] ids, int n, long[] remaining, int[][] table) {
        if (n == 0) {
            return;
        }
        int resources = remaining.length;
        int keys = table.length;
        int[] byHeadroom = byHeadroom(claims, ids, n);
        // the claims by path: every claim of one key draws on the same resources, so a resource is counted and
        // emptied key by key rather than claim by claim; key g's claims are byKey[keyFirst[g] .. keyFirst[g + 1])
        int[] keyFirst = new int[keys + 1];
        for (int j = 0; j < n; j++) {
            int k = ids[j];
            claims.frozen[k] = false;
            claims.base[k] = claims.amount[k];
            keyFirst[claims.key[k] + 1]++;
        }
        for (int g = 0; g < keys; g++) {
            keyFirst[g + 1] += keyFirst[g];
        }
        int[] byKey = new int[n];
        int[] filled = java.util.Arrays.copyOf(keyFirst, keys);
        for (int j = 0; j < n; j++) {
            int k = ids[j];
            byKey[filled[claims.key[k]]++] = k;
        }
        int[] unfrozenOn = new int[resources];
        int[] keysOn = new int[resources + 1]; // then: resource r's keys are onKeys[keysOn[r] .. keysOn[r + 1])
        for (int g = 0; g < keys; g++) {
            int size = keyFirst[g + 1] - keyFirst[g];
            if (size > 0) {
                for (int r : table[g]) {
                    unfrozenOn[r] += size;
                    keysOn[r + 1]++;
                }
            }
        }
        for (int r = 0; r < resources; r++) {
            keysOn[r + 1] += keysOn[r];
        }
        int[] onKeys = new int[keysOn[resources]];
        int[] placed = java.util.Arrays.copyOf(keysOn, resources);
        for (int g = 0; g < keys; g++) {
            if (keyFirst[g + 1] > keyFirst[g]) {
                for (int r : table[g]) {
                    onKeys[placed[r]++] = g;
                }
            }
        }
        // the resources some unfrozen claim still draws on; the others need no look
        int[] active = new int[resources];
        int activeCount = 0;
        for (int r = 0; r < resources; r++) {
            if (unfrozenOn[r] > 0) {
                active[activeCount++] = r;
            }
        }
        long level = 0;
        int unfrozen = n;
        int next = 0;
        while (unfrozen > 0) {
            while (next < n && (claims.frozen[byHeadroom[next]] || claims.demand[byHeadroom[next]] - claims.base[byHeadroom[next]] <= level)) {
                if (!claims.frozen[byHeadroom[next]]) {
                    unfrozen -= freeze(claims, byHeadroom[next], level, unfrozenOn);
                }
                next++;
            }
            if (unfrozen == 0) {
                break;
            }
            long raise = claims.demand[byHeadroom[next]] - claims.base[byHeadroom[next]] - level;
            for (int a = 0; a < activeCount; a++) {
                int r = active[a];
                long sharing = unfrozenOn[r];
                if (sharing > 0) {
                    // most resources are far from full: no division for them (unless raise × sharing overflows)
                    long wanted = raise * sharing;
                    if (remaining[r] < wanted || Math.multiplyHigh(raise, sharing) != 0 || wanted < 0) {
                        raise = Math.min(raise, remaining[r] / sharing);
                    }
                }
            }
            if (raise > 0) {
                level += raise;
                for (int a = 0; a < activeCount; a++) {
                    int r = active[a];
                    remaining[r] -= raise * unfrozenOn[r];
                }
            }
            // those that reached their demand stop before a resource is judged full: they need no more of it
            while (next < n && (claims.frozen[byHeadroom[next]] || claims.demand[byHeadroom[next]] - claims.base[byHeadroom[next]] <= level)) {
                if (!claims.frozen[byHeadroom[next]]) {
                    unfrozen -= freeze(claims, byHeadroom[next], level, unfrozenOn);
                }
                next++;
            }
            int kept = 0;
            for (int a = 0; a < activeCount; a++) {
                int r = active[a];
                if (unfrozenOn[r] > 0 && remaining[r] < unfrozenOn[r]) {
                    for (int e = keysOn[r]; e < keysOn[r + 1]; e++) {
                        int g = onKeys[e];
                        int stopped = 0;
                        for (int i = keyFirst[g]; i < keyFirst[g + 1]; i++) {
                            int k = byKey[i];
                            if (!claims.frozen[k]) {
                                claims.frozen[k] = true;
                                claims.amount[k] = claims.base[k] + level;
                                stopped++;
                            }
                        }
                        if (stopped > 0) {
                            unfrozen -= stopped;
                            for (int q : table[g]) {
                                unfrozenOn[q] -= stopped;
                            }
                        }
                    }
                }
            }
            for (int a = 0; a < activeCount; a++) {
                if (unfrozenOn[active[a]] > 0) {
                    active[kept++] = active[a];
                }
            }
            activeCount = kept;
        }
        for (int j = 0; j < n; j++) {
            int k = ids[j];
            if (claims.amount[k] < claims.demand[k] && fits(claims.path[k], remaining, 1)) {
                take(claims.path[k], remaining, 1);
                claims.amount[k] += 1;
            }
        }
    }

    /** The claims in order of headroom (demand not yet given), smallest first; equal headrooms in any order. */
    private static int[] byHeadroom(Claims claims, int[] ids, int n) {
        int[] sorted = new int[n];
        long largest = 0;
        boolean negative = false;
        for (int j = 0; j < n; j++) {
            long headroom = claims.demand[ids[j]] - claims.amount[ids[j]];
            largest = Math.max(largest, headroom);
            negative |= headroom < 0;
        }
        if (!negative && largest <= 4 * (long) n + 1024) {
            // headrooms are deciamperes of one socket: a counting sort over their range
            int[] start = new int[(int) largest + 2];
            for (int j = 0; j < n; j++) {
                start[(int) (claims.demand[ids[j]] - claims.amount[ids[j]]) + 1]++;
            }
            for (int h = 1; h < start.length; h++) {
                start[h] += start[h - 1];
            }
            for (int j = 0; j < n; j++) {
                sorted[start[(int) (claims.demand[ids[j]] - claims.amount[ids[j]])]++] = ids[j];
            }
            return sorted;
        }
        if (!negative && n < (1 << 23) && largest < (1L << 40)) {
            // e.g. watts: the headroom and the claim's position packed in one long, and a primitive sort
            long[] packed = new long[n];
            for (int j = 0; j < n; j++) {
                packed[j] = (claims.demand[ids[j]] - claims.amount[ids[j]]) << 23 | j;
            }
            java.util.Arrays.sort(packed);
            for (int j = 0; j < n; j++) {
                sorted[j] = ids[(int) (packed[j] & ((1 << 23) - 1))];
            }
            return sorted;
        }
        Integer[] boxed = new Integer[n];
        for (int j = 0; j < n; j++) {
            boxed[j] = ids[j];
        }
        java.util.Arrays.sort(boxed, Comparator.comparingLong(k -> claims.demand[k] - claims.amount[k]));
        for (int j = 0; j < n; j++) {
            sorted[j] = boxed[j];
        }
        return sorted;
    }

    private static int freeze(Claims claims, int k, long level, int[] unfrozenOn) {
        claims.frozen[k] = true;
        claims.amount[k] = claims.base[k] + level;
        for (int r : claims.path[k]) {
            unfrozenOn[r]--;
        }
        return 1;
    }

    static boolean fits(int[] path, long[] remaining, long amount) {
        for (int r : path) {
            if (remaining[r] < amount) {
                return false;
            }
        }
        return true;
    }

    static void take(int[] path, long[] remaining, long amount) {
        for (int r : path) {
            remaining[r] -= amount;
        }
    }

    /** The phase indexes of each subset of L1/L2/L3, by bit mask, shared by every claim on that subset. */
    static final int[][] PHASE_INDEXES = new int[1 << 3][];

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

    /** Amperes to whole deciamperes, rounding down (what we may hand out). */
    static long floorDeci(double amps) {
        return (long) Math.floor(amps * 10 + 1e-9);
    }

    /** Amperes to whole deciamperes, rounding up (what we must hold back). */
    static long ceilDeci(double amps) {
        return (long) Math.ceil(amps * 10 - 1e-9);
    }

    static int mask(Socket socket) {
        java.util.Set<Phase> phases = socket.gridPhases();
        if (phases.size() == PHASES.length) {
            return (1 << PHASES.length) - 1;
        }
        int mask = 0;
        for (Phase phase : phases) {
            mask |= 1 << phase.ordinal();
        }
        return mask;
    }

    /**
     * The sessions' claims on capacity while the allocation runs, as parallel arrays indexed by claim rather
     * than an object each: a group of 100,000 sockets is walked several times, and arrays keep that in cache.
     */
    static final class Claims {
        final int[] socket;
        final int[][] path;
        /** Which entry of the division's table of paths the claim's path is: claims of one key draw on the same resources. */
        final int[] key;
        final long[] demand;
        final long[] amount;
        final long[] base;
        final boolean[] frozen;
        final boolean[] wantsPriority;
        /** What delivers the session's energy need by its departure (deciamperes; 0 without a need). */
        final long[] required;
        /** Seconds the session can still wait and meet its need at its demand (infinite without a need). */
        private final double[] slack;
        private final long[] startSeconds;
        private final int[] startNanos;
        int count;

        Claims(int capacity) {
            socket = new int[capacity];
            path = new int[capacity][];
            key = new int[capacity];
            demand = new long[capacity];
            amount = new long[capacity];
            base = new long[capacity];
            frozen = new boolean[capacity];
            wantsPriority = new boolean[capacity];
            required = new long[capacity];
            slack = new double[capacity];
            startSeconds = new long[capacity];
            startNanos = new int[capacity];
        }

        void add(int socketIndex, int[] resources, int pathKey, long claimDemand, Session session) {
            int k = count++;
            socket[k] = socketIndex;
            path[k] = resources;
            key[k] = pathKey;
            demand[k] = claimDemand;
            Instant started = session.startedAt();
            startSeconds[k] = started.getEpochSecond();
            startNanos[k] = started.getNano();
            wantsPriority[k] = session.priority();
            required[k] = 0;
            slack[k] = Double.POSITIVE_INFINITY;
        }

        /**
         * The need of claim {@code k} at {@code at}: a session that gave its departure and the energy it still wants
         * requires that energy (whole Wh, rounded up) spread evenly over the time left (whole seconds, rounded down), on
         * its {@code phases} phases of {@code wattsPerUnit} each per unit. Its slack is the time left less the time its
         * demand would take to deliver the energy. Once its departure has come it has no deadline any more: a driver who
         * stays longer (or a departure given as now) is served like one who said nothing, not first.
         */
        void need(int k, Session session, int phases, double wattsPerUnit, Instant at) {
            Double wh = session.energyNeedWh();
            Instant departure = session.departure();
            if (wh == null || departure == null || !(wh > 0)) {
                return;
            }
            long seconds = Duration.between(at, departure).getSeconds();
            if (seconds <= 0) {
                return;
            }
            double energy = Math.ceil(Math.min(wh, 1e12));
            double perUnit = phases * wattsPerUnit;
            slack[k] = seconds - energy * 36_000.0 / (demand[k] * perUnit);
            required[k] = Math.min(demand[k], (long) Math.ceil(energy * 36_000.0 / (seconds * perUnit)));
        }

        /**
         * Sessions whose need can still be met (slack 0 or more) first, the least slack first; then those whose need
         * can no longer be met in time, the least slack first (they get what is left before the others share, so that
         * one late session does not make every other late too); then those without a need; ties by start.
         */
        void sortBySlack(int[] order) {
            mergeSort(order, (a, b) -> {
                int byRank = Integer.compare(rank(a), rank(b));
                int bySlack = byRank != 0 ? byRank : Double.compare(slack[a], slack[b]);
                return bySlack != 0 ? bySlack : byStart(a, b);
            });
        }

        private int rank(int k) {
            return slack[k] == Double.POSITIVE_INFINITY ? 2 : slack[k] < 0 ? 1 : 0;
        }

        /** Time of use: sessions asking for priority, then those with a planned current, then the others; each by start. */
        void sortByPlan(int[] order) {
            mergeSort(order, (a, b) -> {
                int byRank = Integer.compare(planRank(a), planRank(b));
                return byRank != 0 ? byRank : byStart(a, b);
            });
        }

        private int planRank(int k) {
            return wantsPriority[k] ? 0 : required[k] > 0 ? 1 : 2;
        }

        /** Earliest start first (ties in the sockets' order); with {@code priorityFirst}, sessions asking for priority before all others. */
        void sort(int[] order, boolean priorityFirst) {
            if (!radixSort(order, priorityFirst ? wantsPriority : null, null)) {
                mergeSort(order, priorityFirst ? (a, b) -> wantsPriority[a] != wantsPriority[b] ? (wantsPriority[a] ? -1 : 1) : byStart(a, b)
                        : this::byStart);
            }
        }

        /** Sessions granted priority first, then every other by start. */
        void sortGranted(int[] order, boolean[] granted) {
            if (!radixSort(order, null, granted)) {
                mergeSort(order, (a, b) -> granted[socket[a]] != granted[socket[b]] ? (granted[socket[a]] ? -1 : 1) : byStart(a, b));
            }
        }

        private static final int DIGIT_BITS = 12;
        private static final int RADIX_FROM = 256;
        /** Starts further apart than this (about 146 years) do not fit the radix key: those groups take the merge sort. */
        private static final long MAX_SPAN_SECONDS = (1L << 62) / 1_000_000_000L - 2;

        /**
         * Sorts by one key, nanoseconds since the earliest start plus a top bit for the claims that do not come first
         * (by claim, {@code firstByClaim}, or by socket, {@code firstBySocket}), with a stable least-significant-digit
         * radix sort: ties keep the claims' order, which is the sockets' order. False, with nothing done, for a few
         * claims or if the starts span too long for the key.
         */
        private boolean allMultiplesOf(int nanos) {
            for (int k = 0; k < count; k++) {
                if (startNanos[k] % nanos != 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean radixSort(int[] order, boolean[] firstByClaim, boolean[] firstBySocket) {
            int m = order.length;
            if (m < RADIX_FROM) {
                return false; // a comparison sort is quicker than clearing the radix counts
            }
            long earliest = Long.MAX_VALUE;
            long latest = Long.MIN_VALUE;
            int fractions = 0;
            for (int k = 0; k < m; k++) {
                earliest = Math.min(earliest, startSeconds[k]);
                latest = Math.max(latest, startSeconds[k]);
                fractions |= startNanos[k];
            }
            if (latest - earliest > MAX_SPAN_SECONDS) {
                return false;
            }
            // the coarsest unit that tells every start apart: whole seconds (common in OCPP), milliseconds, or nanoseconds
            long perSecond = fractions == 0 ? 1 : allMultiplesOf(1_000_000) ? 1_000 : 1_000_000_000L;
            long divisor = 1_000_000_000L / perSecond;
            long span = (latest - earliest + 1) * perSecond;
            int notFirst = 64 - Long.numberOfLeadingZeros(span); // the bit above every start: set for those that do not come first
            long[] key = new long[m];
            long all = 0;
            for (int k = 0; k < m; k++) {
                boolean first = firstByClaim != null ? firstByClaim[k] : firstBySocket == null || firstBySocket[socket[k]];
                key[k] = (startSeconds[k] - earliest) * perSecond + startNanos[k] / divisor | (first ? 0 : 1L << notFirst);
                all |= key[k];
            }
            for (int k = 0; k < m; k++) {
                order[k] = k;
            }
            int bits = 64 - Long.numberOfLeadingZeros(all);
            int[] from = order;
            int[] to = new int[m];
            int[] count = new int[1 << DIGIT_BITS];
            for (int shift = 0; shift < bits; shift += DIGIT_BITS) {
                java.util.Arrays.fill(count, 0);
                for (int k : from) {
                    count[(int) (key[k] >>> shift) & ((1 << DIGIT_BITS) - 1)]++;
                }
                for (int d = 0, sum = 0; d < count.length; d++) {
                    int c = count[d];
                    count[d] = sum;
                    sum += c;
                }
                for (int k : from) {
                    to[count[(int) (key[k] >>> shift) & ((1 << DIGIT_BITS) - 1)]++] = k;
                }
                int[] swap = from;
                from = to;
                to = swap;
            }
            if (from != order) {
                System.arraycopy(from, 0, order, 0, m);
            }
            return true;
        }

        private int byStart(int a, int b) {
            int order = Long.compare(startSeconds[a], startSeconds[b]);
            if (order == 0) {
                order = Integer.compare(startNanos[a], startNanos[b]);
            }
            return order != 0 ? order : Integer.compare(socket[a], socket[b]);
        }
    }

    /** Compares two claims by index. */
    @FunctionalInterface
    interface IntComparator {
        int compare(int a, int b);
    }

    /** A stable merge sort of int indexes (no boxing); runs of up to 24 by insertion. */
    static void mergeSort(int[] values, IntComparator comparator) {
        int[] scratch = values.clone();
        mergeSort(scratch, values, 0, values.length, comparator);
    }

    /** Sorts {@code to[from, until)} using the same range of {@code scratch} (which holds the same values) as room. */
    private static void mergeSort(int[] scratch, int[] to, int from, int until, IntComparator comparator) {
        if (until - from <= 24) {
            for (int i = from + 1; i < until; i++) {
                int value = to[i];
                int j = i - 1;
                while (j >= from && comparator.compare(to[j], value) > 0) {
                    to[j + 1] = to[j];
                    j--;
                }
                to[j + 1] = value;
            }
            return;
        }
        int middle = (from + until) >>> 1;
        mergeSort(to, scratch, from, middle, comparator);
        mergeSort(to, scratch, middle, until, comparator);
        if (comparator.compare(scratch[middle - 1], scratch[middle]) <= 0) {
            System.arraycopy(scratch, from, to, from, until - from);
            return;
        }
        for (int i = from, left = from, right = middle; i < until; i++) {
            if (right >= until || left < middle && comparator.compare(scratch[left], scratch[right]) <= 0) {
                to[i] = scratch[left++];
            } else {
                to[i] = scratch[right++];
            }
        }
    }
}
