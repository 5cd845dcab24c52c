package org.gridcharge.allocation;

import static org.gridcharge.allocation.Phase.L1;
import static org.gridcharge.allocation.Phase.L2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gridcharge.allocation.SocketAllocation.State;
import org.junit.jupiter.api.Test;

/** Hand-worked cases, one per rule. */
class AllocatorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    private static Session session(int minutesAfterT0) {
        return Session.started("s" + minutesAfterT0, T0.plusSeconds(60L * minutesAfterT0));
    }

    private static Map<String, SocketAllocation> allocate(Strategy strategy, double capacity, Socket... sockets) {
        return Allocator.allocate(List.of(sockets), PerPhase.balanced(capacity), AllocationParameters.defaults(strategy)).byEvse();
    }

    private static double limit(Map<String, SocketAllocation> result, String evse) {
        return result.get(evse).limit();
    }

    @Test
    void equalShareSplitsEvenlyAndCapsAtTheSocketMaximum() {
        var result = allocate(Strategy.EQUAL_SHARE, 50,
                Socket.threePhase("a", 32, session(0)), Socket.threePhase("b", 32, session(1)), Socket.threePhase("c", 10, session(2)));
        assertEquals(10.0, limit(result, "c"));
        assertEquals(20.0, limit(result, "a"));
        assertEquals(20.0, limit(result, "b"));
    }

    @Test
    void equalShareRespectsEachPhaseForSinglePhaseSockets() {
        // L1 carries a three-phase socket and two single-phase sockets; L2 only the three-phase one.
        var result = allocate(Strategy.EQUAL_SHARE, 30,
                Socket.threePhase("three", 32, session(0)),
                Socket.singlePhase("one-a", 32, L1, session(1)),
                Socket.singlePhase("one-b", 32, L1, session(2)),
                Socket.singlePhase("two", 32, L2, session(3)));
        assertEquals(10.0, limit(result, "three"));
        assertEquals(10.0, limit(result, "one-a"));
        assertEquals(10.0, limit(result, "one-b"));
        assertEquals(20.0, limit(result, "two"), "L2 has room left after the three-phase socket's share");
    }

    @Test
    void belowTheMinimumTheLatestSessionsArePaused() {
        // 17 A cannot give three sessions 6 A each: the latest waits, the other two share all 17 A.
        var result = allocate(Strategy.EQUAL_SHARE, 17,
                Socket.threePhase("first", 32, session(0)), Socket.threePhase("second", 32, session(5)),
                Socket.threePhase("third", 32, session(9)), Socket.threePhase("idle", 32, null));
        assertEquals(8.5, limit(result, "first"));
        assertEquals(8.5, limit(result, "second"));
        assertEquals(0.0, limit(result, "third"));
        assertEquals(State.PAUSED, result.get("third").state());
        assertEquals(State.AVAILABLE, result.get("idle").state());
    }

    @Test
    void firstComeFirstServedFillsInOrderOfStart() {
        var result = allocate(Strategy.FIRST_COME_FIRST_SERVED, 50,
                Socket.threePhase("late", 32, session(10)), Socket.threePhase("early", 32, session(0)),
                Socket.threePhase("middle", 32, session(5)));
        assertEquals(32.0, limit(result, "early"));
        assertEquals(12.0, limit(result, "middle"));
        assertEquals(6.0, limit(result, "late"), "the minimum first, then in order");
    }

    @Test
    void prioritySessionsAreServedFirstAndTheRestShare() {
        var result = allocate(Strategy.PRIORITY, 60,
                Socket.threePhase("a", 32, session(0)), Socket.threePhase("b", 32, session(1)),
                Socket.threePhase("hurry", 32, session(2).withPriority(true)));
        assertEquals(32.0, limit(result, "hurry"));
        assertEquals(14.0, limit(result, "a"));
        assertEquals(14.0, limit(result, "b"));
        assertEquals(true, result.get("hurry").priority());
    }

    @Test
    void priorityLeavesTheOthersTheirMinimumAndNeverExceedsCapacity() {
        var result = allocate(Strategy.PRIORITY, 20,
                Socket.threePhase("a", 32, session(0)), Socket.threePhase("hurry", 32, session(1).withPriority(true)));
        assertEquals(14.0, limit(result, "hurry"), "all that is left after the other's minimum");
        assertEquals(6.0, limit(result, "a"));
    }

    @Test
    void prioritySessionsBeyondTheCapQueueWithTheOthers() {
        AllocationParameters oneAtATime = new AllocationParameters(Strategy.PRIORITY, 6, 1, 1);
        var result = Allocator.allocate(List.of(Socket.threePhase("first", 32, session(0).withPriority(true)),
                Socket.threePhase("second", 32, session(1).withPriority(true)), Socket.threePhase("plain", 32, session(2))),
                PerPhase.balanced(50), oneAtATime).byEvse();
        assertEquals(32.0, limit(result, "first"), "the earliest priority request is served first");
        assertEquals(false, result.get("second").priority(), "the second is beyond max_priority_sessions");
        assertEquals(9.0, limit(result, "second"));
        assertEquals(9.0, limit(result, "plain"));
    }

    @Test
    void unusedCapacityIsRedistributedWithAMargin() {
        // "full" draws 4 A of its 10 A share: it keeps 4 + 1 A margin, the other takes the rest.
        var result = allocate(Strategy.EQUAL_SHARE, 20,
                Socket.threePhase("full", 32, session(0).withMeasuredAmps(4.0)), Socket.threePhase("hungry", 32, session(1)));
        assertEquals(6.0, limit(result, "full"), "never below the minimum current");
        assertEquals(14.0, limit(result, "hungry"));
    }

    @Test
    void uncontrollableSocketsCountAtWhatTheyMayDraw() {
        var result = allocate(Strategy.EQUAL_SHARE, 40,
                Socket.threePhase("offline", 32, session(0)).uncontrollable(16), Socket.threePhase("online", 32, session(1)));
        assertEquals(16.0, limit(result, "offline"));
        assertEquals(State.UNCONTROLLABLE, result.get("offline").state());
        assertEquals(24.0, limit(result, "online"));
    }

    @Test
    void whenUncontrollableSocketsExceedThePhaseTheOthersOnItGetNothing() {
        var result = allocate(Strategy.EQUAL_SHARE, 20,
                Socket.singlePhase("offline", 32, L1, session(0)).uncontrollable(32),
                Socket.singlePhase("l1", 32, L1, session(1)), Socket.singlePhase("l2", 32, L2, session(2)));
        assertEquals(0.0, limit(result, "l1"));
        assertEquals(20.0, limit(result, "l2"));
    }

    @Test
    void aSocketThatCannotReachTheMinimumIsRejected() {
        var result = allocate(Strategy.EQUAL_SHARE, 100, Socket.threePhase("tiny", 5, session(0)));
        assertEquals(0.0, limit(result, "tiny"));
        assertEquals(State.REJECTED, result.get("tiny").state());
    }

    @Test
    void sharesAreWholeDeciamperesAndNeverOverTheCapacity() {
        var result = allocate(Strategy.EQUAL_SHARE, 20,
                Socket.threePhase("a", 32, session(0)), Socket.threePhase("b", 32, session(1)), Socket.threePhase("c", 32, session(2)));
        double sum = limit(result, "a") + limit(result, "b") + limit(result, "c");
        assertEquals(20.0, sum, 1e-9);
        assertEquals(6.7, limit(result, "a"), "the leftover deciampere goes to the earliest session");
        assertEquals(6.7, limit(result, "b"));
        assertEquals(6.6, limit(result, "c"));
    }

    @Test
    void anUnmanagedGroupLetsEverySessionDrawItsMaximum() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Allocation allocation = Allocator.unmanaged(List.of(Socket.threePhase("A", 32, Session.started("a", t)),
                Socket.singlePhase("B", 16, Phase.L2, Session.started("b", t)), Socket.threePhase("C", 32, null),
                Socket.threePhase("D", 32, Session.started("d", t)).uncontrollable(10)), PerPhase.balanced(20));
        Map<String, SocketAllocation> byEvse = allocation.byEvse();
        assertEquals(32.0, byEvse.get("A").limit());
        assertEquals(16.0, byEvse.get("B").limit());
        assertEquals(SocketAllocation.State.AVAILABLE, byEvse.get("C").state());
        assertEquals(10.0, byEvse.get("D").limit());
        assertEquals(58.0, allocation.allotted().on(Phase.L2), "reported, not kept to the capacity");
        assertEquals(42.0, allocation.allotted().on(Phase.L1));
    }

    @Test
    void startsCenturiesApartAreOrderedLikeAnyOthers() {
        // more than the radix key's span (about 146 years): the allocator falls back to comparing starts one by one
        Instant[] starts = {Instant.parse("1850-06-01T10:00:00Z"), Instant.parse("2026-01-01T08:00:00Z"),
                Instant.parse("1850-06-01T10:00:00Z"), Instant.parse("2026-01-01T08:00:00.5Z"), Instant.parse("2199-12-31T23:59:59Z")};
        java.util.List<Socket> sockets = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Session session = new Session("s" + i, starts[i % starts.length], null, i % 3 == 0, null, null);
            sockets.add(Socket.threePhase("evse-" + (char) ('a' + i), 32, session));
        }
        for (Strategy strategy : Strategy.values()) {
            AllocationParameters parameters = new AllocationParameters(strategy, 6, 1, 2);
            Allocation expected = ReferenceAllocator.allocate(sockets, PerPhase.balanced(100), parameters, null);
            assertEquals(expected, Allocator.allocate(sockets, PerPhase.balanced(100), parameters, null), strategy.name());
            assertEquals(List.of(State.CHARGING, State.CHARGING, State.CHARGING), expected.sockets().stream().map(SocketAllocation::state)
                    .filter(st -> st == State.CHARGING).limit(3).toList(), "the case is not trivial");
        }
    }

    @Test
    void enormousNumbersAreAllocatedLikeAnyOthers() {
        // headrooms beyond 2^40 deciamperes take the allocator's last-resort sort
        java.util.List<Socket> sockets = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Session session = new Session("s" + i, Instant.parse("2026-01-01T08:00:00Z").plusSeconds(i % 2), i == 2 ? 4e10 : null, false,
                    null, null);
            sockets.add(Socket.threePhase("evse-" + i, 2e11 + i * 1e10, session));
        }
        for (Strategy strategy : Strategy.values()) {
            AllocationParameters parameters = new AllocationParameters(strategy, 6, 1, 1);
            assertEquals(ReferenceAllocator.allocate(sockets, PerPhase.balanced(5e11), parameters, null),
                    Allocator.allocate(sockets, PerPhase.balanced(5e11), parameters, null), strategy.name());
        }
    }

    /** A session started at T0 whose driver leaves {@code hours} later wanting {@code kwh}. */
    private static Session leaving(String id, double hours, double kwh) {
        return new Session(id, T0, null, false, T0.plusSeconds((long) (hours * 3600)), kwh * 1000);
    }

    private static Map<String, SocketAllocation> deadline(double capacity, Socket... sockets) {
        return Allocator.allocate(List.of(sockets), PerPhase.balanced(capacity), AllocationParameters.defaults(Strategy.DEADLINE), T0)
                .byEvse();
    }

    @Test
    void deadlineGivesASessionWhatMeetsItsNeedThenSharesTheRest() {
        // 30 kWh in 2 h on three phases at 230 V: 30,000 Wh / 2 h / 690 W per ampere = 21.74 A, rounded up to 21.8 A;
        // equal shares (16 A each) would leave the driver about 8 kWh short
        var result = deadline(32, Socket.threePhase("leaving", 32, leaving("s1", 2, 30)), Socket.threePhase("staying", 32, session(1)));
        assertEquals(21.8, limit(result, "leaving"));
        assertEquals(10.2, limit(result, "staying"), "what is left goes to the session that said nothing");
        var equal = allocate(Strategy.EQUAL_SHARE, 32, Socket.threePhase("leaving", 32, leaving("s1", 2, 30)),
                Socket.threePhase("staying", 32, session(1)));
        assertEquals(16.0, limit(equal, "leaving"));
    }

    @Test
    void deadlineServesTheLeastSlackFirstWhenCapacityIsShort() {
        // both want 20 kWh; "soon" leaves in 1 h (29 A needed), "later" in 3 h (9.7 A): 32 A cannot meet both, so the one
        // with less slack is admitted first with what it needs (and takes the rest), and the other waits at 0 A for now:
        // its minimum would leave "soon" short
        var result = deadline(32, Socket.threePhase("later", 32, leaving("s1", 3, 20)), Socket.threePhase("soon", 32, leaving("s2", 1, 20)));
        assertEquals(32.0, limit(result, "soon"));
        assertEquals(0.0, limit(result, "later"));
        assertEquals(State.PAUSED, result.get("later").state());
        var roomy = deadline(45, Socket.threePhase("later", 32, leaving("s1", 3, 20)), Socket.threePhase("soon", 32, leaving("s2", 1, 20)));
        // with room for both needs (29 + 9.7 A), the 6.3 A left go to both equally, "soon" up to its 32 A maximum
        assertEquals(32.0, limit(roomy, "soon"));
        assertEquals(13.0, limit(roomy, "later"));
    }

    @Test
    void deadlineServesNeedsThatCanStillBeMetBeforeOnesThatCannot() {
        // "hopeless" wants 50 kWh within 1 h, more than its 32 A (22 kW) can deliver: its slack is negative. "feasible"
        // wants 15 kWh in 1 h (21.8 A). The feasible need is met first; the hopeless one gets what is left.
        var result = deadline(32, Socket.threePhase("hopeless", 32, leaving("s1", 1, 50)), Socket.threePhase("feasible", 32,
                leaving("s2", 1, 15)));
        assertEquals(21.8, limit(result, "feasible"));
        assertEquals(10.2, limit(result, "hopeless"));
    }

    @Test
    void aDepartureThatHasComeIsNoDeadline() {
        // "gone" said it would leave an hour ago and is still charging: it is served like a session that said nothing
        Session overdue = new Session("s1", T0.minusSeconds(7200), null, false, T0.minusSeconds(3600), 30_000.0);
        var result = deadline(32, Socket.threePhase("gone", 32, overdue), Socket.threePhase("quiet", 32, session(1)));
        assertEquals(16.0, limit(result, "gone"));
        assertEquals(16.0, limit(result, "quiet"));
    }

    @Test
    void withoutNeedsDeadlineIsEqualShare() {
        var sockets = new Socket[] {Socket.threePhase("a", 32, session(0)), Socket.threePhase("b", 32, session(1)),
                Socket.singlePhase("c", 16, L1, session(2))};
        assertEquals(allocate(Strategy.EQUAL_SHARE, 40, sockets), deadline(40, sockets));
    }
}
