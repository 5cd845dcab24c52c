package org.gridcharge.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJB;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gridcharge.allocation.Allocation;
import org.gridcharge.allocation.Phase;
import org.gridcharge.allocation.Plan;
import org.gridcharge.allocation.SocketAllocation;
import org.gridcharge.capacity.boundary.CapacityProfileService;
import org.gridcharge.capacity.boundary.PeriodDraft;
import org.gridcharge.capacity.boundary.ProfileDraft;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.evse.boundary.EvseDraft;
import org.gridcharge.evse.boundary.EvseService;
import org.gridcharge.group.boundary.AlgorithmChoice;
import org.gridcharge.group.boundary.GroupDraft;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.session.boundary.SessionService;
import org.gridcharge.station.boundary.StationControlService;
import org.gridcharge.station.entity.EvseControl;
import org.gridcharge.steering.boundary.AllocationService;
import org.gridcharge.steering.entity.AllocationRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A group's allocation made in the container from what the database holds: EVSEs, sessions, capacity profile. */
@ExtendWith(ArquillianExtension.class)
class AllocationInContainerIT {

    private static final Caller ADMIN = Caller.platformAdmin("in-container-test");

    @Deployment
    static WebArchive deployment() {
        return InContainerDeployment.withTests(AllocationInContainerIT.class);
    }

    @EJB
    CpoService cpos;

    @EJB
    EvseService evses;

    @EJB
    GroupService groups;

    @EJB
    CapacityProfileService profiles;

    @EJB
    SessionService sessions;

    @EJB
    AllocationService allocations;

    @EJB
    StationControlService control;

    /** The EVSE's station is connected and the EVSE accepted a limit: allocation steers it. */
    private void steered(String evseId) {
        control.connected(evses.get(ADMIN, evseId).chargeStationId(), "ocpp1.6");
        control.limitSent(evseId, 16);
        control.limitAnswered(evseId, EvseControl.Status.ACCEPTED, 16);
    }

    private String evse(String cpoId, int phases, String rotation, double max) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return evses.create(ADMIN, new EvseDraft("NL*ICX*E" + suffix, cpoId, "IC-" + suffix, 1, max, phases, rotation, null, null)).evseId();
    }

    @Test
    void anEvseWaitingForAnotherServerToDeliverItsPlanCountsAtWhatItMayStillDraw() {
        String cpoId = "IC*" + UUID.randomUUID().toString().substring(0, 8);
        cpos.create(ADMIN, cpoId, "Delivery CPO");
        String evseId = evse(cpoId, 3, null, 32);
        steered(evseId);
        assertTrue(control.controlOf(List.of(evses.get(ADMIN, evseId))).get(evseId).controllable(), "steered: it accepted 16 A");

        control.awaitDelivery(Map.of(evseId, 10.0), 7); // plan 7 lowers it; the server holding its station has not sent it yet
        StationControlService.Control waiting = control.controlOf(List.of(evses.get(ADMIN, evseId))).get(evseId);
        assertFalse(waiting.controllable(), "not steered while its plan is on the way");
        assertEquals(16.0, waiting.mayStillDraw(), "it counts at the limit it accepted, not at the lower one on its way");
        control.awaitDelivery(Map.of(evseId, 24.0), 7); // had plan 7 raised it: the other server may be sending that already
        assertEquals(24.0, control.controlOf(List.of(evses.get(ADMIN, evseId))).get(evseId).mayStillDraw(), "it counts at the raise");

        control.limitsSent(Map.of(), List.of(evseId), 6); // a late delivery of an older plan
        assertFalse(control.controlOf(List.of(evses.get(ADMIN, evseId))).get(evseId).controllable(), "an older plan's delivery leaves the mark");
        control.limitsSent(Map.of(), List.of(evseId), 7); // plan 7 delivered: the station held it already
        assertTrue(control.controlOf(List.of(evses.get(ADMIN, evseId))).get(evseId).controllable(), "steered again once delivered");

        control.awaitDelivery(Map.of(evseId, 10.0), 8);
        control.limitsSent(Map.of(evseId, 10.0), List.of(), 9); // a newer plan went out to it: its answer decides
        StationControlService.Control sent = control.controlOf(List.of(evses.get(ADMIN, evseId))).get(evseId);
        assertFalse(sent.controllable(), "pending until the station answers");
        control.limitAnswered(evseId, EvseControl.Status.ACCEPTED, 10.0);
        assertTrue(control.controlOf(List.of(evses.get(ADMIN, evseId))).get(evseId).controllable(), "steered at its new limit");

        control.awaitDelivery(Map.of(evseId, 10.0), 10);
        steered(evseId); // the station reconnected (to whichever server) and accepted again: the old plan's mark is gone
        assertTrue(control.controlOf(List.of(evses.get(ADMIN, evseId))).get(evseId).controllable(), "a reconnection clears the mark");
    }

    @Test
    void aReplanThatALaterRunMadeUnneededIsLeftOut() {
        String cpoId = "IC*" + UUID.randomUUID().toString().substring(0, 8);
        cpos.create(ADMIN, cpoId, "Replan CPO");
        String evseId = evse(cpoId, 3, null, 32);
        String groupId = groups.create(ADMIN, new GroupDraft(cpoId, "Replanned", new AlgorithmChoice("equal_share", null), 63.0,
                List.of(evseId), null, null, null)).groupId();
        steered(evseId);
        assertNotNull(allocations.allocate(groupId, "test"));
        Instant answered = allocations.clusterClock();
        if (answered == null) {
            // alone (Derby): there is no other server's run to rely on, and a conditional run always runs
            assertNotSame(AllocationService.NOT_NEEDED, allocations.allocate(groupId, "limits_accepted", Instant.now()));
            return;
        }
        // the last run read the database before the answers: the re-plan is needed, and made
        Plan replanned = allocations.allocate(groupId, "limits_accepted", answered);
        assertNotSame(AllocationService.NOT_NEEDED, replanned);
        assertNotNull(replanned);
        // a second server asking for a re-plan after the same answers: the run just made read them, so this one is not needed
        assertSame(AllocationService.NOT_NEEDED, allocations.allocate(groupId, "limits_accepted", answered));
        // nor is any unconditional run left out
        assertNotSame(AllocationService.NOT_NEEDED, allocations.allocate(groupId, "test"));
    }

    @Test
    void theAllocationFollowsTheProfileAndNeverExceedsIt() {
        String cpoId = "IC*" + UUID.randomUUID().toString().substring(0, 8);
        cpos.create(ADMIN, cpoId, "Allocation CPO");
        String three = evse(cpoId, 3, null, 32);
        String single = evse(cpoId, 1, "L1", 16);
        String other = evse(cpoId, 3, null, 32);
        String idle = evse(cpoId, 1, "L2", 16);
        String groupId = groups.create(ADMIN, new GroupDraft(cpoId, "Allocated", new AlgorithmChoice("equal_share", null), 63.0,
                List.of(three, single, other, idle), null, null, null)).groupId();

        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        profiles.replace(ADMIN, groupId, new ProfileDraft("capacity_limit", List.of(
                new PeriodDraft(now.minusSeconds(3600).toString(), now.plusSeconds(600).toString(), 30.0),
                new PeriodDraft(now.plusSeconds(600).toString(), now.plusSeconds(660).toString(), 0.0),
                new PeriodDraft(now.plusSeconds(660).toString(), now.plusSeconds(3600).toString(), 20.0))));
        List.of(three, single, other, idle).forEach(this::steered);
        sessions.start(three, "ic-" + UUID.randomUUID(), Instant.now().minusSeconds(300));
        sessions.start(single, "ic-" + UUID.randomUUID(), Instant.now().minusSeconds(200));
        sessions.start(other, "ic-" + UUID.randomUUID(), Instant.now().minusSeconds(100));

        Plan plan = allocations.allocate(groupId, "test");
        Allocation current = plan.at(Instant.now());
        assertNotNull(current);
        assertEquals(30.0, current.capacity().l1());
        Map<String, SocketAllocation> byEvse = current.byEvse();
        assertEquals(10.0, byEvse.get(three).limit());
        assertEquals(10.0, byEvse.get(single).limit());
        assertEquals(10.0, byEvse.get(other).limit());
        assertEquals(0.0, byEvse.get(idle).limit());
        for (Plan.Segment segment : plan.segments()) {
            for (Phase phase : Phase.values()) {
                assertTrue(segment.allocation().allotted().on(phase) <= segment.allocation().capacity().on(phase) + 1e-9);
            }
        }
        List<Plan.LimitPeriod> schedule = plan.schedules().get(three);
        assertTrue(schedule.stream().anyMatch(p -> p.limit() == 0.0 && p.start().equals(now.plusSeconds(600))
                && p.end().equals(now.plusSeconds(660))), "the one-minute stop is in the schedule: " + schedule);
        // 20 A on L1 for three sessions: 6.6 A each, the last two deciamperes one each in order of start
        assertTrue(schedule.stream().anyMatch(p -> p.limit() == 6.7 && p.start().equals(now.plusSeconds(660))), schedule::toString);
        assertTrue(plan.schedules().get(other).stream().anyMatch(p -> p.limit() == 6.6 && p.start().equals(now.plusSeconds(660))));

        Page<AllocationRecord> records = allocations.records(ADMIN, groupId, now.minusSeconds(3600), Instant.now().plusSeconds(1),
                Page.Request.of(null, "500"));
        assertFalse(records.items().isEmpty());
        AllocationRecord last = records.items().get(records.items().size() - 1);
        assertEquals(30.0, last.capacity());
        assertEquals(30.0, last.allottedL1(), "L1 carries all three sessions");
        assertEquals(20.0, last.allottedL2(), "L2 only the two three-phase ones");

        // The idle socket's station goes offline: it may draw its 16 A on L2 unseen, so L2 has 14 A for the others.
        control.disconnected(evses.get(ADMIN, idle).chargeStationId());
        Map<String, SocketAllocation> offline = allocations.allocate(groupId, "test").at(Instant.now()).byEvse();
        assertEquals(SocketAllocation.State.UNCONTROLLABLE, offline.get(idle).state());
        assertEquals(16.0, offline.get(idle).limit());
        assertEquals(7.0, offline.get(three).limit());
        assertEquals(7.0, offline.get(other).limit());
        assertEquals(16.0, offline.get(single).limit(), "L1 has room once the three-phase sockets are held back by L2");
    }

    @Test
    void aLateCloseOfAnOldConnectionLeavesTheNewOneOnline() {
        String station = "RACE-" + UUID.randomUUID().toString().substring(0, 8);
        Instant first = Instant.now().minusSeconds(10);
        Instant second = first.plusSeconds(5);
        control.connected(station, "ocpp1.6", first);
        control.connected(station, "ocpp1.6", second); // the station reconnected
        control.disconnected(station, first); // and the old connection's close is recorded after the new open
        assertTrue(control.linkOf(station).connected(), "the newer connection is online");
        control.disconnected(station, second);
        assertFalse(control.linkOf(station).connected());
    }

    @jakarta.annotation.Resource(lookup = "jdbc/gridcharge")
    javax.sql.DataSource database;

    @Test
    void aCloseHereLeavesOnlineAStationThatReconnectedToAnotherServerWhateverItsClockSaid() throws Exception {
        String station = "SKEW-" + UUID.randomUUID().toString().substring(0, 8);
        Instant here = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        control.connected(station, "ocpp1.6", here);
        // the station reconnected to another server of the cluster, whose clock runs a minute behind this one's
        try (java.sql.Connection db = database.getConnection(); java.sql.PreparedStatement elsewhere = db.prepareStatement(
                "UPDATE station_link SET server_id = ?, connected_at = ? WHERE charge_station_id = ?")) {
            elsewhere.setString(1, "another-server~0123456789ab");
            elsewhere.setTimestamp(2, java.sql.Timestamp.from(here.minusSeconds(50)));
            elsewhere.setString(3, station);
            assertEquals(1, elsewhere.executeUpdate());
        }
        control.disconnected(station, here); // then this server's old connection closes
        assertTrue(control.linkOf(station).connected(), "the station is online, on the other server");
        assertEquals("another-server~0123456789ab", control.linkOf(station).serverId());
    }
}
