package org.gridcharge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** session_started_duration: a new session charges unthrottled, within the capacity, for a while. */
class StartedWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final AllocationParameters FIFTEEN_MINUTES = new AllocationParameters(Strategy.EQUAL_SHARE, 6, 1, Integer.MAX_VALUE,
            Duration.ofMinutes(15));

    private static List<Socket> oldAndNew() {
        return List.of(Socket.threePhase("OLD", 32, Session.started("s-old", NOW.minusSeconds(3600))),
                Socket.threePhase("NEW", 32, Session.started("s-new", NOW.minusSeconds(60))));
    }

    @Test
    void aNewSessionIsServedUpToItsMaximumBeforeTheOthersShare() {
        Map<String, SocketAllocation> at = Allocator.allocate(oldAndNew(), PerPhase.balanced(32), FIFTEEN_MINUTES, NOW).byEvse();
        assertEquals(26.0, at.get("NEW").limit(), "its minimum plus all that is left");
        assertEquals(SocketAllocation.State.STARTED, at.get("NEW").state());
        assertEquals(6.0, at.get("OLD").limit(), "the managed session keeps its minimum");
        assertEquals(SocketAllocation.State.CHARGING, at.get("OLD").state());

        Map<String, SocketAllocation> later = Allocator.allocate(oldAndNew(), PerPhase.balanced(32), FIFTEEN_MINUTES,
                NOW.plus(Duration.ofMinutes(20))).byEvse();
        assertEquals(16.0, later.get("NEW").limit(), "after its window it shares like any other");
        assertEquals(16.0, later.get("OLD").limit());
        assertEquals(SocketAllocation.State.CHARGING, later.get("NEW").state());
    }

    @Test
    void withoutRoomANewSessionWaitsLikeAnyOther() {
        Map<String, SocketAllocation> at = Allocator.allocate(oldAndNew(), PerPhase.balanced(10), FIFTEEN_MINUTES, NOW).byEvse();
        assertEquals(0.0, at.get("NEW").limit());
        assertEquals(SocketAllocation.State.PAUSED, at.get("NEW").state());
        assertEquals(10.0, at.get("OLD").limit());
    }

    @Test
    void theEndOfAWindowIsABreakpointOfThePlan() {
        Plan plan = Planner.plan(oldAndNew(), CapacityTimeline.constant(32), FIFTEEN_MINUTES, NOW, Duration.ofHours(1), 48);
        assertEquals(2, plan.segments().size());
        assertEquals(NOW.plus(Duration.ofMinutes(14)), plan.segments().get(0).end(), "the new session started a minute ago");
        assertEquals(26.0, plan.segments().get(0).allocation().byEvse().get("NEW").limit());
        assertEquals(16.0, plan.segments().get(1).allocation().byEvse().get("NEW").limit());
        assertEquals(16.0, plan.at(NOW.plus(Duration.ofMinutes(30))).byEvse().get("OLD").limit());
    }

    @Test
    void manyStartWindowsDoNotCutThePlanShort() {
        List<Socket> sockets = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sockets.add(Socket.threePhase("E" + i, 32, Session.started("s" + i, NOW.minusSeconds(60L * i))));
        }
        AllocationParameters hour = new AllocationParameters(Strategy.EQUAL_SHARE, 6, 1, Integer.MAX_VALUE, Duration.ofHours(1));
        CapacityTimeline curtailed = new CapacityTimeline(List.of(new CapacityPeriod(NOW.plus(Duration.ofHours(5)),
                NOW.plus(Duration.ofHours(9)), 50)), 400);
        Plan plan = Planner.plan(sockets, curtailed, hour, NOW, Duration.ofHours(24), 48);
        assertEquals(NOW.plus(Duration.ofHours(24)), plan.segments().get(plan.segments().size() - 1).end(), "the plan covers the horizon");
        assertEquals(50.0, plan.at(NOW.plus(Duration.ofHours(6))).capacity().on(Phase.L1), "the curtailment is in it");
    }

    @Test
    void withoutAWindowNothingChanges() {
        AllocationParameters none = new AllocationParameters(Strategy.EQUAL_SHARE, 6, 1, Integer.MAX_VALUE);
        Map<String, SocketAllocation> at = Allocator.allocate(oldAndNew(), PerPhase.balanced(32), none, NOW).byEvse();
        assertEquals(16.0, at.get("NEW").limit());
        assertEquals(1, Planner.plan(oldAndNew(), CapacityTimeline.constant(32), none, NOW, Duration.ofHours(1), 48).segments().size());
    }
}
