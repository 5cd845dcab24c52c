package org.gridcharge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.gridcharge.allocation.SocketAllocation.State;

/**
 * A grid tree's guarantees over random trees: depth 1 to 6, rotated nodes, nodes without a capacity of their own,
 * nodes dividing by another algorithm, offline sockets, priority sessions and tight capacities.
 *
 * <p>Everything checked here is computed from the tree as drawn, without {@link Grid}'s own paths: which phase of which
 * node a socket's phase is wired to is worked out again by walking the tree, and the fair allocation is computed by
 * progressive filling over explicit constraints, in exact rational steps.
 */
class GridProperties {

    private static final double EPS = 1e-9;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant AT = T0.plusSeconds(60L * 300);
    private static final Phase[] PHASES = Phase.values();

    /** A drawn tree: its nodes, their capacities, the sockets on them, and the root's parameters. */
    record Tree(List<Grid.Node> nodes, PerPhase[] capacities, List<Socket> sockets, int[] nodeOf, AllocationParameters parameters) {
        Grid grid() {
            return new Grid(nodes, sockets, nodeOf);
        }

        Allocation allocate() {
            return grid().allocate(capacities, parameters, AT);
        }

        int parent(int u) {
            return nodes.get(u).parent();
        }

        /** The phase of ancestor {@code u} that phase {@code p} of node {@code v} is wired to, or null if u is not above v. */
        Phase wiredTo(int v, Phase p, int u) {
            Phase phase = p;
            for (int w = v; w >= 0; w = parent(w)) {
                if (w == u) {
                    return phase;
                }
                List<Phase> onParent = nodes.get(w).onParent();
                phase = onParent == null ? phase : onParent.get(phase.ordinal());
            }
            return null;
        }

        /** Whether socket i draws on phase q of node u. */
        boolean drawsOn(int i, int u, Phase q) {
            for (Phase p : sockets.get(i).gridPhases()) {
                if (wiredTo(nodeOf[i], p, u) == q) {
                    return true;
                }
            }
            return false;
        }

        int depth() {
            int deepest = 0;
            for (int v = 0; v < nodes.size(); v++) {
                int d = 1;
                for (int w = v; parent(w) >= 0; w = parent(w)) {
                    d++;
                }
                deepest = Math.max(deepest, d);
            }
            return deepest;
        }
    }

    /** A random tree from a seed: the seed is what jqwik reports for a failure, and what reproduces it. */
    static Tree draw(long seed, boolean equalShareOnly) {
        Random random = new Random(seed);
        int count = 1 + random.nextInt(10);
        List<Grid.Node> nodes = new ArrayList<>();
        int[] depth = new int[count];
        nodes.add(Grid.Node.root("n0"));
        for (int u = 1; u < count; u++) {
            int parent = random.nextBoolean() ? u - 1 : random.nextInt(u); // chains, to reach six levels often
            while (depth[parent] >= 5) {
                parent = nodes.get(parent).parent();
            }
            depth[u] = depth[parent] + 1;
            List<Phase> onParent = random.nextInt(3) == 0 ? null : permutation(random);
            Strategy strategy = equalShareOnly || random.nextInt(3) > 0 ? null : Strategy.values()[random.nextInt(3)];
            nodes.add(new Grid.Node("n" + u, parent, onParent, strategy));
        }
        PerPhase[] capacities = new PerPhase[count];
        int sockets = 1 + random.nextInt(30);
        for (int u = 0; u < count; u++) {
            // tight: about 0 to 12 A per socket of the whole tree, less further down; a fifth of the inner nodes have none
            capacities[u] = u > 0 && random.nextInt(5) == 0 ? null
                    : random.nextInt(8) == 0 ? new PerPhase(random.nextInt(400) / 10.0, random.nextInt(400) / 10.0, random.nextInt(400) / 10.0)
                    : PerPhase.balanced(random.nextInt(sockets * 120 / (1 + depth[u]) + 1) / 10.0);
        }
        List<Socket> list = new ArrayList<>();
        int[] nodeOf = new int[sockets];
        for (int i = 0; i < sockets; i++) {
            nodeOf[i] = random.nextInt(count);
            double max = random.nextInt(801) / 10.0;
            Set<Phase> phases = switch (random.nextInt(5)) {
                case 0 -> EnumSet.of(Phase.L1);
                case 1 -> EnumSet.of(Phase.L2);
                case 2 -> EnumSet.of(Phase.L3);
                default -> EnumSet.allOf(Phase.class);
            };
            Session session = null;
            if (random.nextInt(10) < 8) {
                int measured = random.nextInt(112) - 1;
                long startNanos = 60_000_000_000L * random.nextInt(601) + (random.nextInt(4) == 0 ? random.nextInt(1_000_000_000) : 0);
                session = new Session("s" + i, T0.plusNanos(startNanos), measured < 0 ? null : max * measured / 100.0,
                        random.nextInt(5) == 0, null, null);
            }
            Socket socket = new Socket("evse-" + i, max, phases, true, 0, session);
            if (random.nextInt(8) == 0) {
                socket = socket.uncontrollable(max * random.nextInt(13) / 12.0);
            }
            list.add(socket);
        }
        Strategy strategy = equalShareOnly ? Strategy.EQUAL_SHARE : Strategy.values()[random.nextInt(3)];
        AllocationParameters parameters = new AllocationParameters(strategy, (60 + random.nextInt(41)) / 10.0,
                random.nextInt(51) / 10.0, random.nextInt(6) == 5 ? Integer.MAX_VALUE : random.nextInt(5),
                equalShareOnly ? Duration.ZERO : Duration.ofHours(random.nextInt(4)));
        return new Tree(nodes, capacities, list, nodeOf, parameters);
    }

    private static List<Phase> permutation(Random random) {
        List<Phase> phases = new ArrayList<>(List.of(PHASES));
        java.util.Collections.shuffle(phases, random);
        return phases;
    }

    /**
     * Safety: at every node, on every phase, the limits of the sockets below it plus what the uncontrollable ones may
     * still draw stay within its capacity; where uncontrollable sockets alone exceed it, every other socket drawing
     * on it gets nothing.
     */
    @Property(tries = 300_000)
    void neverMoreThanAnyNodesCapacityOnAnyPhase(@ForAll long seed) {
        Tree tree = draw(seed, false);
        assertSafe(tree, tree.capacities(), tree.allocate());
    }

    static void assertSafe(Tree tree, PerPhase[] capacities, Allocation allocation) {
        for (int u = 0; u < tree.nodes().size(); u++) {
            for (Phase q : PHASES) {
                double controlled = 0;
                double reserved = 0;
                for (int i = 0; i < tree.sockets().size(); i++) {
                    if (tree.drawsOn(i, u, q)) {
                        double limit = allocation.sockets().get(i).limit();
                        if (tree.sockets().get(i).controllable()) {
                            controlled += limit;
                        } else {
                            reserved += limit;
                        }
                    }
                }
                NodeAllocation node = allocation.nodes().get(u);
                assertEquals(controlled + reserved, node.allotted().on(q), 1e-6, "allotted of node " + u + " on " + q);
                if (capacities[u] == null) {
                    continue;
                }
                double capacity = capacities[u].on(q);
                if (reserved > capacity + EPS) {
                    assertEquals(0.0, controlled, "node " + u + " " + q + " is over capacity from uncontrollable sockets alone");
                } else {
                    double total = controlled + reserved;
                    assertTrue(total <= capacity + EPS, () -> "node " + tree.nodes().get(0) + ": " + total + " > " + capacity);
                }
            }
        }
    }

    /** Per socket: 0 or from the minimum current up to its maximum, in whole deciamperes; nothing for an idle socket. */
    @Property(tries = 100_000)
    void everyLimitZeroOrFromTheMinimumToTheMaximum(@ForAll long seed) {
        Tree tree = draw(seed, false);
        Allocation allocation = tree.allocate();
        for (int i = 0; i < tree.sockets().size(); i++) {
            Socket socket = tree.sockets().get(i);
            SocketAllocation result = allocation.sockets().get(i);
            if (!socket.controllable()) {
                assertEquals(State.UNCONTROLLABLE, result.state());
                continue;
            }
            double limit = result.limit();
            assertTrue(limit >= 0 && limit <= socket.max() + EPS, () -> "limit " + limit + " outside [0, max]");
            assertTrue(limit == 0 || limit >= tree.parameters().minimum() - EPS, () -> "limit " + limit + " below the minimum");
            assertEquals(Math.round(limit * 10) / 10.0, limit, EPS, "whole deciamperes");
            if (!socket.charging()) {
                assertEquals(0.0, limit);
            }
        }
    }

    /**
     * Over a day of capacities that change at random instants on random nodes, every segment of the plan is safe
     * at every node for the capacities in force during the whole segment.
     */
    @Property(tries = 20_000)
    void everyInstantOfThePlanIsSafe(@ForAll long seed) {
        Tree tree = draw(seed, false);
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<CapacityTimeline> timelines = new ArrayList<>();
        for (int u = 0; u < tree.nodes().size(); u++) {
            if (tree.capacities()[u] == null) {
                timelines.add(null);
                continue;
            }
            List<CapacityPeriod> periods = new ArrayList<>();
            Instant cursor = AT.minusSeconds(3600);
            while (random.nextInt(4) > 0) {
                Instant start = cursor.plusSeconds(60L * random.nextInt(600));
                Instant end = start.plusSeconds(60L * (1 + random.nextInt(300)));
                periods.add(new CapacityPeriod(start, end, random.nextInt(1200) / 10.0));
                cursor = end;
            }
            timelines.add(new CapacityTimeline(periods, tree.capacities()[u].l1()));
        }
        Plan plan = Planner.plan(tree.grid(), timelines, tree.parameters(), AT, Duration.ofHours(24), 48);
        Instant expectedStart = AT;
        for (Plan.Segment segment : plan.segments()) {
            assertEquals(expectedStart, segment.start(), "segments are contiguous");
            expectedStart = segment.end();
            // the capacities in force at the start hold until the end: no node's capacity changes inside a segment
            PerPhase[] capacities = new PerPhase[timelines.size()];
            for (int u = 0; u < timelines.size(); u++) {
                CapacityTimeline timeline = timelines.get(u);
                if (timeline == null) {
                    continue;
                }
                capacities[u] = PerPhase.balanced(timeline.capacityAt(segment.start()));
                Instant change = timeline.nextChangeAfter(segment.start());
                assertTrue(change == null || !change.isBefore(segment.end())
                        || timeline.capacityAt(change) >= capacities[u].l1(), "node " + u + " drops inside a segment");
            }
            assertSafe(tree, capacities, segment.allocation());
        }
    }

    /**
     * Time of use at the root of a random tree (its nodes dividing their share their own ways), sessions with needs and
     * departures: the energy plan keeps every node's capacity on every phase in every slot, and every instant of the plan
     * is safe, with nobody but a priority session charging in an exclusion time at any node.
     */
    @Property(tries = 5_000)
    void timeOfUseKeepsEveryNodeAndTheExclusionTimes(@ForAll long seed) {
        Tree drawn = draw(seed, false);
        Random random = new Random(seed ^ 0x2545F491L);
        List<Socket> sockets = new ArrayList<>();
        for (Socket socket : drawn.sockets()) {
            Session s = socket.session();
            sockets.add(s == null || random.nextInt(3) == 0 ? socket : new Socket(socket.evseId(), socket.max(), socket.gridPhases(),
                    socket.controllable(), socket.reserved(), new Session(s.sessionId(), s.startedAt(), s.measuredAmps(), s.priority(),
                    AT.plusSeconds(60L * random.nextInt(1500)), (double) random.nextInt(60_000))));
        }
        AllocationParameters parameters = new AllocationParameters(Strategy.TIME_OF_USE, drawn.parameters().minimum(),
                drawn.parameters().margin(), Integer.MAX_VALUE, Duration.ZERO, AllocationParameters.VOLTS, Tariffs.random((int) seed));
        Tree tree = new Tree(drawn.nodes(), drawn.capacities(), sockets, drawn.nodeOf(), parameters);
        List<CapacityTimeline> timelines = new ArrayList<>();
        for (PerPhase capacity : tree.capacities()) {
            timelines.add(capacity == null ? null : new CapacityTimeline(List.of(CapacityPeriod.perPhase(AT.minusSeconds(86_400),
                    AT.plusSeconds(4 * 86_400), capacity)), capacity.l1()));
        }
        EnergyPlan energy = EnergyPlan.of(tree.grid(), timelines, parameters, AT, AT.plus(Duration.ofHours(24)));
        for (int k = 0; k < energy.slots().size(); k++) {
            for (int u = 0; u < tree.nodes().size(); u++) {
                if (tree.capacities()[u] == null) {
                    continue;
                }
                for (Phase q : PHASES) {
                    double planned = 0;
                    double reserved = 0;
                    for (int i = 0; i < sockets.size(); i++) {
                        if (!tree.drawsOn(i, u, q)) {
                            continue;
                        }
                        if (!sockets.get(i).controllable()) {
                            reserved += Math.ceil(Math.min(sockets.get(i).reserved(), sockets.get(i).max()) * 10 - 1e-9) / 10;
                        } else {
                            planned += Math.max(0, energy.planned(i, k));
                        }
                    }
                    if (planned > 0) {
                        assertTrue(planned + reserved <= tree.capacities()[u].on(q) + 1e-9, "slot " + k + ", node " + u + ", " + q
                                + ": planned " + planned + " + reserved " + reserved + " > " + tree.capacities()[u].on(q));
                    }
                }
            }
        }
        Plan plan = Planner.plan(tree.grid(), timelines, parameters, AT, Duration.ofHours(24), 48);
        for (Plan.Segment segment : plan.segments()) {
            assertSafe(tree, tree.capacities(), segment.allocation());
            boolean excluded = plan.energy().slots().stream().anyMatch(slot -> slot.excluded() && slot.start().isBefore(segment.end())
                    && slot.end().isAfter(segment.start()));
            for (int i = 0; i < sockets.size(); i++) {
                Socket socket = sockets.get(i);
                if (excluded && socket.controllable() && segment.allocation().sockets().get(i).limit() > 0) {
                    assertTrue(socket.session().priority(), "socket " + i + " charges in an exclusion time at " + segment.start());
                }
            }
        }
    }

    /**
     * With equal share at every node, the tree's allocation is the max-min fair one over all its sessions subject to
     * every node's limits, in whole deciamperes: computed here independently by progressive filling over the explicit
     * constraints (one per node and phase, listing the sessions on it), it equals the allocator's, session for session.
     * The admitted sessions are taken from the allocation, and checked: each had room for its minimum when its turn
     * came, and each paused one had none.
     */
    @Property(tries = 100_000)
    void equalShareEverywhereIsMaxMinFairOverTheWholeTree(@ForAll long seed) {
        Tree tree = draw(seed, true);
        Allocation allocation = tree.allocate();
        int n = tree.sockets().size();
        long floor = Math.max(ReferenceAllocator.ceilDeci(tree.parameters().minimum()), 1);
        List<Long> capacityOf = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int u = 0; u < tree.nodes().size(); u++) {
            if (tree.capacities()[u] == null) {
                continue;
            }
            for (Phase q : PHASES) {
                long left = Math.max(0, ReferenceAllocator.floorDeci(tree.capacities()[u].on(q)));
                List<Integer> on = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (tree.drawsOn(i, u, q)) {
                        Socket socket = tree.sockets().get(i);
                        if (!socket.controllable()) {
                            left -= ReferenceAllocator.ceilDeci(Math.min(socket.reserved(), socket.max()));
                        } else {
                            on.add(i);
                        }
                    }
                }
                capacityOf.add(left);
                members.add(on);
            }
        }
        // admission: by start, ties in the sockets' order; each session that still fits its minimum everywhere charges
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket socket = tree.sockets().get(i);
            if (socket.controllable() && socket.charging() && ReferenceAllocator.floorDeci(socket.max()) >= floor) {
                candidates.add(i);
            }
        }
        candidates.sort((a, b) -> {
            int order = tree.sockets().get(a).session().startedAt().compareTo(tree.sockets().get(b).session().startedAt());
            return order != 0 ? order : Integer.compare(a, b);
        });
        long[] left = new long[capacityOf.size()];
        for (int c = 0; c < left.length; c++) {
            left[c] = capacityOf.get(c);
        }
        List<Integer> admitted = new ArrayList<>();
        for (int i : candidates) {
            boolean fits = true;
            for (int c = 0; c < left.length; c++) {
                fits &= !members.get(c).contains(i) || left[c] >= floor;
            }
            SocketAllocation result = allocation.sockets().get(i);
            assertEquals(fits ? State.CHARGING : State.PAUSED, result.state(), "admission of socket " + i);
            if (fits) {
                admitted.add(i);
                for (int c = 0; c < left.length; c++) {
                    if (members.get(c).contains(i)) {
                        left[c] -= floor;
                    }
                }
            }
        }
        long[] fair = progressiveFilling(admitted, n, tree, floor, left, members);
        for (int i : admitted) {
            long mine = Math.round(allocation.sockets().get(i).limit() * 10);
            assertEquals(fair[i], mine, "socket " + i + " (deciamperes)");
        }
    }

    /**
     * Progressive filling in whole deciamperes: all rising sessions rise together by the largest whole step every
     * constraint allows them; a session stops at its demand, or when a constraint it is in cannot give each of its
     * rising sessions one more deciampere. What such a constraint still holds then goes one deciampere each, in order
     * of admission, to sessions below their demand that every one of their constraints can still give it.
     */
    private static long[] progressiveFilling(List<Integer> admitted, int n, Tree tree, long floor, long[] left,
                                             List<List<Integer>> members) {
        long[] amount = new long[n];
        long[] demand = new long[n];
        boolean[] rising = new boolean[n];
        long margin = ReferenceAllocator.ceilDeci(tree.parameters().margin());
        for (int i : admitted) {
            Socket socket = tree.sockets().get(i);
            long max = ReferenceAllocator.floorDeci(socket.max());
            Double measured = socket.session().measuredAmps();
            demand[i] = Math.max(floor, measured == null ? max : Math.min(max, ReferenceAllocator.ceilDeci(measured) + margin));
            amount[i] = floor;
            rising[i] = demand[i] > floor;
        }
        while (true) {
            long step = Long.MAX_VALUE;
            for (int i : admitted) {
                if (rising[i]) {
                    step = Math.min(step, demand[i] - amount[i]);
                }
            }
            if (step == Long.MAX_VALUE) {
                break;
            }
            long[] risingOn = new long[left.length];
            for (int c = 0; c < left.length; c++) {
                for (int i : members.get(c)) {
                    risingOn[c] += rising[i] ? 1 : 0;
                }
                if (risingOn[c] > 0) {
                    step = Math.min(step, Math.floorDiv(left[c], risingOn[c]));
                }
            }
            if (step > 0) {
                for (int c = 0; c < left.length; c++) {
                    left[c] -= step * risingOn[c];
                }
                for (int i : admitted) {
                    if (rising[i]) {
                        amount[i] += step;
                    }
                }
            }
            for (int i : admitted) {
                if (rising[i] && amount[i] >= demand[i]) {
                    rising[i] = false;
                }
            }
            for (int c = 0; c < left.length; c++) {
                if (risingOn[c] > 0 && left[c] - (step > 0 ? 0 : 0) < countRising(members.get(c), rising)) {
                    for (int i : members.get(c)) {
                        rising[i] = false;
                    }
                }
            }
        }
        for (int i : admitted) {
            if (amount[i] >= demand[i]) {
                continue;
            }
            boolean room = true;
            for (int c = 0; c < left.length; c++) {
                room &= !members.get(c).contains(i) || left[c] >= 1;
            }
            if (room) {
                amount[i]++;
                for (int c = 0; c < left.length; c++) {
                    if (members.get(c).contains(i)) {
                        left[c]--;
                    }
                }
            }
        }
        return amount;
    }

    private static long countRising(List<Integer> sessions, boolean[] rising) {
        return sessions.stream().filter(i -> rising[i]).count();
    }

    /** A tree of one node is a group on its own: the same allocation as the flat allocator, limit for limit. */
    @Property(tries = 50_000)
    void aTreeOfOneNodeIsAFlatGroup(@ForAll long seed) {
        Tree drawn = draw(seed, false);
        Tree tree = new Tree(List.of(Grid.Node.root("n0")), new PerPhase[] {drawn.capacities()[0]}, drawn.sockets(),
                new int[drawn.sockets().size()], drawn.parameters());
        Allocation flat = Allocator.allocate(tree.sockets(), tree.capacities()[0], tree.parameters(), AT);
        Allocation grid = tree.allocate();
        assertEquals(flat.sockets(), grid.sockets());
        assertEquals(flat.allotted(), grid.allotted());
    }
}
