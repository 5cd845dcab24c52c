package org.gridcharge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The time-of-use energy plan and the plans made with it, over random groups, tariffs, exclusion times and capacity
 * timelines. Each property states what a plan must be from the outside: it never plans past a slot's capacity, charges
 * nobody in an exclusion time or after their departure, and (minimising cost) never leaves a cheaper slot unused that
 * could have taken more of a session that charges at a dearer one.
 */
class TimeOfUseProperties {

    private static final double EPS = 1e-9;
    private static final Instant JANUARY = Instant.parse("2026-01-01T04:00:00Z");
    /** Three hours before Amsterdam's clocks go forward (2026-03-29 01:00 UTC): the tariff's local hours shift under the plan. */
    private static final Instant SPRING = Instant.parse("2026-03-28T22:00:00Z");

    /** A group planned from {@code from}. */
    record Case(List<Socket> sockets, CapacityTimeline capacity, AllocationParameters parameters, Instant from) {
        EnergyPlan plan() {
            return EnergyPlan.plan(sockets, capacity, parameters, from, from.plus(Duration.ofHours(24)));
        }
    }

    /** The sockets with their sessions' times moved by {@code by}. */
    private static List<Socket> shifted(List<Socket> sockets, Duration by) {
        return sockets.stream().map(s -> s.session() == null ? s : new Socket(s.evseId(), s.max(), s.gridPhases(), s.controllable(),
                s.reserved(), new Session(s.session().sessionId(), s.session().startedAt().plus(by), s.session().measuredAmps(),
                s.session().priority(), s.session().departure() == null ? null : s.session().departure().plus(by),
                s.session().energyNeedWh()))).toList();
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<AllocatorProperties.Case> groups = new AllocatorProperties().groups();
        // the capacity changes every few hours: 0 to 400 A per phase
        Arbitrary<List<Integer>> steps = Arbitraries.integers().between(0, 4000).list().ofMinSize(1).ofMaxSize(12);
        Arbitrary<Integer> hours = Arbitraries.integers().between(1, 5);
        return Combinators.combine(groups, steps, hours, Arbitraries.integers(), Arbitraries.integers().between(60, 100),
                        Arbitraries.of(JANUARY, SPRING))
                .as((group, values, every, tariff, min, from) -> {
                    List<CapacityPeriod> periods = new ArrayList<>();
                    for (int i = 0; i < values.size(); i++) {
                        periods.add(new CapacityPeriod(from.plus(Duration.ofHours((long) every * i)),
                                from.plus(Duration.ofHours((long) every * (i + 1))), values.get(i) / 10.0));
                    }
                    AllocationParameters parameters = new AllocationParameters(Strategy.TIME_OF_USE, min / 10.0,
                            group.parameters().margin(), Integer.MAX_VALUE, Duration.ZERO, AllocationParameters.VOLTS, Tariffs.random(tariff));
                    return new Case(shifted(group.sockets(), Duration.between(JANUARY, from)), new CapacityTimeline(periods, group.capacity()),
                            parameters, from);
                });
    }

    /** In every slot, on every phase: what is planned plus what the sockets out of our control may draw fits the capacity. */
    @Property(tries = 20_000, edgeCases = EdgeCasesMode.MIXIN)
    void planNeverExceedsASlotsCapacity(@ForAll("cases") Case c) {
        EnergyPlan plan = c.plan();
        for (int k = 0; k < plan.slots().size(); k++) {
            PerPhase capacity = c.capacity().perPhaseAt(plan.slots().get(k).start());
            for (Phase phase : Phase.values()) {
                double reserved = 0;
                double planned = 0;
                for (int i = 0; i < c.sockets().size(); i++) {
                    Socket socket = c.sockets().get(i);
                    if (!socket.gridPhases().contains(phase)) {
                        continue;
                    }
                    if (!socket.controllable()) {
                        reserved += Math.ceil(Math.min(socket.reserved(), socket.max()) * 10 - 1e-9) / 10;
                    } else if (plan.planned(i, k) > 0) {
                        planned += plan.planned(i, k);
                    }
                }
                if (planned > 0) {
                    assertTrue(planned + reserved <= capacity.on(phase) + EPS,
                            "slot " + k + " " + phase + ": planned " + planned + " + reserved " + reserved + " > " + capacity.on(phase));
                }
            }
        }
    }

    /** A planned current is 0 or from the minimum to what the session can draw; 0 in exclusion times and from the departure on. */
    @Property(tries = 20_000, edgeCases = EdgeCasesMode.MIXIN)
    void plannedCurrentsKeepTheRules(@ForAll("cases") Case c) {
        EnergyPlan plan = c.plan();
        for (int i = 0; i < c.sockets().size(); i++) {
            Socket socket = c.sockets().get(i);
            Session session = socket.session();
            boolean planned = plan.planned(i, 0) >= 0 || plan.slots().isEmpty();
            boolean shouldPlan = socket.controllable() && session != null && !session.priority() && session.departure() != null
                    && session.energyNeedWh() != null && session.energyNeedWh() > 0 && session.departure().isAfter(c.from())
                    && Math.floor(socket.max() * 10 + 1e-9) / 10 >= c.parameters().minimum();
            if (!plan.slots().isEmpty()) {
                assertEquals(shouldPlan, planned, "socket " + i + " planned");
            }
            if (!shouldPlan) {
                continue;
            }
            for (int k = 0; k < plan.slots().size(); k++) {
                EnergyPlan.Slot slot = plan.slots().get(k);
                double limit = plan.planned(i, k);
                assertTrue(limit == 0 || limit >= c.parameters().minimum() - EPS && limit <= socket.max() + EPS, "limit " + limit);
                if (slot.excluded() || !slot.start().isBefore(session.departure())) {
                    assertEquals(0.0, limit, "slot " + k + " excluded or after the departure");
                }
            }
        }
    }

    /**
     * Minimising cost: when a session charges in a slot, every cheaper allowed slot before its departure either gives it all
     * it can draw or has less than the minimum current left on one of its phases.
     */
    @Property(tries = 20_000, edgeCases = EdgeCasesMode.MIXIN)
    void noCheaperSlotLeftUnused(@ForAll("cases") Case c) {
        if (c.parameters().timeOfUse().goal() != TimeOfUse.Goal.MINIMISE_COST) {
            return;
        }
        EnergyPlan plan = c.plan();
        for (int i = 0; i < c.sockets().size(); i++) {
            if (plan.slots().isEmpty() || plan.planned(i, 0) < 0) {
                continue;
            }
            Socket socket = c.sockets().get(i);
            Session session = socket.session();
            // planned at what the car may draw
            double demand = Math.floor(socket.max() * 10 + 1e-9) / 10;
            for (int a = 0; a < plan.slots().size(); a++) {
                if (plan.planned(i, a) <= 0) {
                    continue;
                }
                for (int b = 0; b < plan.slots().size(); b++) {
                    EnergyPlan.Slot cheaper = plan.slots().get(b);
                    if (cheaper.price() >= plan.slots().get(a).price() || cheaper.excluded()
                            || !cheaper.start().isBefore(session.departure())) {
                        continue;
                    }
                    double left = Double.POSITIVE_INFINITY;
                    for (Phase phase : socket.gridPhases()) {
                        left = Math.min(left, plan.spare(b, phase));
                    }
                    double mine = plan.planned(i, b);
                    assertTrue(mine >= demand - EPS || left < c.parameters().minimum() - EPS,
                            "socket " + i + " charges at " + plan.slots().get(a).price() + " in slot " + a + " but gets " + mine + " of "
                                    + demand + " in slot " + b + " at " + cheaper.price() + " with " + left + " left");
                }
            }
        }
    }

    /** Every allocation of a time-of-use plan keeps every phase's capacity, and nobody but a priority session charges in an exclusion time. */
    @Property(tries = 5_000, edgeCases = EdgeCasesMode.MIXIN)
    void plansKeepTheCapacityAndTheExclusionTimes(@ForAll("cases") Case c) {
        Plan plan = Planner.plan(c.sockets(), c.capacity(), c.parameters(), c.from(), Duration.ofHours(24), 48);
        for (Plan.Segment segment : plan.segments()) {
            PerPhase capacity = c.capacity().perPhaseAt(segment.start());
            boolean excluded = plan.energy().slots().stream().anyMatch(slot -> slot.excluded() && slot.start().isBefore(segment.end())
                    && slot.end().isAfter(segment.start()));
            for (Phase phase : Phase.values()) {
                double reserved = 0;
                double controlled = 0;
                for (int i = 0; i < c.sockets().size(); i++) {
                    Socket socket = c.sockets().get(i);
                    double limit = segment.allocation().sockets().get(i).limit();
                    if (excluded && socket.controllable() && limit > 0) {
                        assertTrue(socket.session().priority(), "socket " + i + " charges in an exclusion time at " + segment.start());
                    }
                    if (socket.gridPhases().contains(phase)) {
                        if (socket.controllable()) {
                            controlled += limit;
                        } else {
                            reserved += limit;
                        }
                    }
                }
                if (reserved <= capacity.on(phase) + EPS) {
                    assertTrue(controlled + reserved <= capacity.on(phase) + EPS, "over capacity at " + segment.start() + " on " + phase);
                } else {
                    assertEquals(0.0, controlled);
                }
            }
        }
    }

    /**
     * The allocation follows the plan: at the plan's start, in a group without a tree, every planned session gets its planned
     * current (or what it draws now plus the margin, if less), whatever the others do. The plan holds back what the sockets
     * out of our control and the priority sessions may draw, and the planned sessions are admitted before those without a plan.
     */
    @Property(tries = 10_000, edgeCases = EdgeCasesMode.MIXIN)
    void plannedSessionsGetTheirPlannedCurrent(@ForAll("cases") Case c) {
        EnergyPlan energy = c.plan();
        if (energy.slots().isEmpty()) {
            return;
        }
        Allocation now = Allocator.allocate(c.sockets(), c.capacity().perPhaseAt(c.from()), c.parameters(), c.from(), energy);
        double margin = Math.ceil(c.parameters().margin() * 10 - 1e-9) / 10;
        for (int i = 0; i < c.sockets().size(); i++) {
            double planned = energy.planned(i, 0);
            if (planned <= 0) {
                continue;
            }
            Session session = c.sockets().get(i).session();
            double drawing = session.measuredAmps() == null ? Double.POSITIVE_INFINITY
                    : Math.max(c.parameters().minimum(), Math.ceil(session.measuredAmps() * 10 - 1e-9) / 10 + margin);
            double expected = Math.min(planned, drawing);
            double limit = now.sockets().get(i).limit();
            int socket = i;
            assertTrue(limit >= expected - EPS, () -> "socket " + socket + " planned " + planned + " (draws up to " + drawing + ") got " + limit
                    + " " + now.sockets().get(socket).state());
        }
    }
}
