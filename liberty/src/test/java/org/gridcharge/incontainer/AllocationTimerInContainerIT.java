package org.gridcharge.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.gridcharge.allocation.Plan;
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
import org.gridcharge.session.boundary.SessionService;
import org.gridcharge.station.boundary.StationControlService;
import org.gridcharge.station.entity.EvseControl;
import org.gridcharge.steering.boundary.AllocationPlanned;
import org.gridcharge.steering.boundary.AllocationScheduler;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The timers and events that drive allocation, observed in the container. */
@ExtendWith(ArquillianExtension.class)
class AllocationTimerInContainerIT {

    private static final Caller ADMIN = Caller.platformAdmin("in-container-test");

    @Deployment
    static WebArchive deployment() {
        return InContainerDeployment.withTests(AllocationTimerInContainerIT.class, PlannedEvents.class);
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
    StationControlService control;

    @EJB
    AllocationScheduler scheduler;

    @Inject
    PlannedEvents planned;

    @Test
    void aProfileChangeAllocatesAtOnceAndTheBreakpointTimerAllocatesAgainWhenTheCapacityChanges() throws InterruptedException {
        String cpoId = "IT*" + UUID.randomUUID().toString().substring(0, 8);
        cpos.create(ADMIN, cpoId, "Timer CPO");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String evseId = evses.create(ADMIN, new EvseDraft("NL*TMR*E" + suffix, cpoId, "TMR-" + suffix, 1, 32.0, 3, null, null, null)).evseId();
        String groupId = groups.create(ADMIN, new GroupDraft(cpoId, "Timed", new AlgorithmChoice("equal_share", null), 40.0,
                List.of(evseId), null, null, null)).groupId();
        control.connected("TMR-" + suffix, "ocpp1.6");
        control.limitSent(evseId, 32);
        control.limitAnswered(evseId, EvseControl.Status.ACCEPTED, 32);
        sessions.start(evseId, "tmr-" + suffix, Instant.now().minusSeconds(60));

        Instant breakpoint = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(4);
        profiles.replace(ADMIN, groupId, new ProfileDraft("capacity_limit", List.of(
                new PeriodDraft(breakpoint.minusSeconds(600).toString(), breakpoint.toString(), 30.0),
                new PeriodDraft(breakpoint.toString(), breakpoint.plusSeconds(3600).toString(), 20.0))));

        AllocationPlanned afterChange = planned.await(p -> p.groupId().equals(groupId) && !p.reason().equals("timer")
                && p.schedules().get(evseId).get(0).limit() == 30.0, 10);
        assertNotNull(afterChange, "setting the profile made the group allocate");
        List<Plan.LimitPeriod> schedule = afterChange.schedules().get(evseId);
        assertEquals(breakpoint, schedule.get(0).end());
        assertEquals(20.0, schedule.get(1).limit());
        assertEquals(breakpoint, armed(groupId, breakpoint), "a timer is armed for the capacity change");

        AllocationPlanned atBreakpoint = planned.await(p -> p.groupId().equals(groupId) && p.reason().equals("breakpoint"), 20);
        assertNotNull(atBreakpoint, "the breakpoint timer fired and the group was allocated again");
        assertEquals(20.0, atBreakpoint.schedules().get(evseId).get(0).limit());
        assertEquals(breakpoint.plusSeconds(3600), armed(groupId, breakpoint.plusSeconds(3600)),
                "the next timer is armed for the profile's end");
    }

    /** The group's armed breakpoint once it is the expected one (the scheduler arms it right after the plan is announced). */
    private Instant armed(String groupId, Instant expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        Instant armed = scheduler.nextBreakpoint(groupId);
        while (!expected.equals(armed) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            armed = scheduler.nextBreakpoint(groupId);
        }
        return armed;
    }
}
