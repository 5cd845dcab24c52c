package org.gridcharge.steering.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridcharge.allocation.Allocation;
import org.gridcharge.allocation.AllocationParameters;
import org.gridcharge.allocation.Allocator;
import org.gridcharge.allocation.SocketAllocation;
import org.gridcharge.allocation.CapacityTimeline;
import org.gridcharge.allocation.Phase;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.allocation.Plan;
import org.gridcharge.allocation.Planner;
import org.gridcharge.allocation.Socket;
import org.gridcharge.allocation.Strategy;
import org.gridcharge.capacity.boundary.CapacityProfileService;
import org.gridcharge.evse.control.Evses;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.group.control.Groups;
import org.gridcharge.evse.entity.PhaseRotation;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.allocation.Session;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.priority.boundary.PriorityService;
import org.gridcharge.session.boundary.SessionService;
import org.gridcharge.session.entity.ChargingSession;
import org.gridcharge.station.boundary.StationControlService;
import org.gridcharge.steering.entity.AllocationLimit;
import org.gridcharge.steering.entity.AllocationRecord;
import org.gridcharge.station.entity.StationLink;

/**
 * Makes a group's allocation: a snapshot of its EVSEs, their open sessions and how far we steer
 * them (an EVSE whose station is offline or which has not accepted its limit counts at what it may
 * still draw), its capacity from now on, the group's algorithm; the plan covers {@link #HORIZON} in at most {@link #MAX_SEGMENTS}
 * capacity segments. Stores the allocation data when the allocation in force changed, and
 * announces the plan so the stations get their schedules.
 */
@Stateless
public class AllocationService {

    public static final Duration HORIZON = Duration.ofHours(24);
    public static final int MAX_SEGMENTS = 48;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<AllocationPlanned> planned;

    @EJB
    CapacityProfileService profiles;

    @EJB
    SessionService sessions;

    @EJB
    GroupService groups;

    @EJB
    StationControlService control;

    @EJB
    PriorityService priorities;

    @Inject
    Evses evses;

    @Inject
    Groups groupsById;

    /** Allocates one group now, in a transaction of its own; null if the group no longer exists. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Plan allocate(String groupId, String reason) {
        SmartChargingGroup group = groupsById.find(groupId);
        if (group == null) {
            return null;
        }
        Instant now = clock.instant();
        List<Evse> evses = this.evses.inGroup(groupId);
        if (evses.isEmpty()) {
            return null; // an incomplete group (no EVSE yet, made through the vendor's API) is not allocated
        }
        Map<String, ChargingSession> open = new HashMap<>();
        for (ChargingSession session : sessions.openOn(evses.stream().map(Evse::evseId).toList())) {
            open.merge(session.evseId(), session, (a, b) -> a.startedAt().isAfter(b.startedAt()) ? a : b);
        }
        List<Socket> sockets = new ArrayList<>(evses.size());
        Map<String, AllocationPlanned.StationConnector> stations = new LinkedHashMap<>();
        Map<String, String> sessionByEvse = new HashMap<>();
        boolean watts = group.capacityUnit() == CapacityUnit.W;
        Map<String, StationControlService.Control> controls = control.controlOf(evses);
        for (Evse evse : evses) {
            ChargingSession session = open.get(evse.evseId());
            StationControlService.Control steer = controls.get(evse.evseId());
            Session allocated = session == null ? null : session.toAllocationSession();
            if (watts) {
                // DC chargers in a group managed in watts: one quantity (power), no phases; metered current says nothing
                // here. One out of our control counts at its maximum power: a limit it accepted earlier may be amperes.
                double max = evse.maxPowerWatts() == null ? 0 : evse.maxPowerWatts();
                sockets.add(new Socket(evse.evseId(), max, EnumSet.of(Phase.L1), steer.controllable(), steer.controllable() ? 0 : max,
                        allocated == null ? null : allocated.withMeasuredAmps(null)));
            } else {
                sockets.add(new Socket(evse.evseId(), evse.maxCurrentAmps(), gridPhases(evse.phaseRotation()), steer.controllable(),
                        steer.controllable() ? 0 : steer.mayStillDraw(), allocated));
            }
            stations.put(evse.evseId(), new AllocationPlanned.StationConnector(evse.chargeStationId(), evse.connectorId(), evse.phases(),
                    session == null ? null : session.transactionId(), group.capacityUnit()));
            if (session != null) {
                sessionByEvse.put(evse.evseId(), session.sessionId());
            }
        }
        CapacityTimeline timeline = profiles.timeline(group, now, now.plus(HORIZON));
        boolean unmanaged = group.algorithm() == Algorithm.NONE;
        Plan plan = unmanaged
                ? new Plan(List.of(new Plan.Segment(now, now.plus(HORIZON), Allocator.unmanaged(sockets,
                        PerPhase.balanced(group.defaultCapacity())))))
                : Planner.plan(sockets, timeline, parameters(group), now, HORIZON, MAX_SEGMENTS);
        Map<String, List<Plan.LimitPeriod>> schedules = plan.schedules();
        if (!unmanaged && sockets.stream().anyMatch(s -> !s.controllable())) {
            schedules = toSend(sockets, schedules, Planner.plan(sockets.stream().map(AllocationService::steerable).toList(), timeline,
                    parameters(group), now, HORIZON, MAX_SEGMENTS).schedules());
        }
        Allocation current = plan.at(now);
        if (!unmanaged && sockets.stream().anyMatch(s -> s.session() != null && s.session().priority())) {
            priorities.allotted(groupId, withAndWithoutPriority(sockets, current, parameters(group)));
        }
        String type = profiles.typeOf(groupId).apiName();
        List<AllocationRecord> latest = em.createNamedQuery("AllocationRecord.latest", AllocationRecord.class)
                .setParameter("groupId", groupId).setMaxResults(1).getResultList();
        if (latest.isEmpty() || !latest.get(0).sameAs(current, type)) {
            em.persist(new AllocationRecord(groupId, now, now, type, current, sessionByEvse, reason));
        }
        planned.fire(new AllocationPlanned(groupId, reason, stations, schedules));
        return plan;
    }

    /**
     * One EVSE of a group as it stands now: whether its station is online, its open session (null if none) and
     * its place in the group's latest allocation (null if it has not been allocated yet).
     */
    public record EvseState(Evse evse, boolean online, ChargingSession session, AllocationLimit limit) {
    }

    /** Every EVSE of the group, in evse_id order, as it stands now. */
    public List<EvseState> evseStates(Caller caller, String groupId) {
        SmartChargingGroup group = groups.get(caller, groupId);
        List<Evse> evses = this.evses.inGroup(group.groupId());
        Map<String, ChargingSession> open = new HashMap<>();
        for (ChargingSession session : sessions.openOn(evses.stream().map(Evse::evseId).toList())) {
            open.merge(session.evseId(), session, (a, b) -> a.startedAt().isAfter(b.startedAt()) ? a : b);
        }
        Map<String, AllocationLimit> limits = new HashMap<>();
        em.createNamedQuery("AllocationRecord.latest", AllocationRecord.class).setParameter("groupId", group.groupId()).setMaxResults(1)
                .getResultList().forEach(r -> r.limits().forEach(l -> limits.put(l.evseId(), l)));
        Map<String, Boolean> online = new HashMap<>();
        List<EvseState> states = new ArrayList<>(evses.size());
        for (Evse evse : evses) {
            boolean up = online.computeIfAbsent(evse.chargeStationId(), id -> {
                StationLink link = control.linkOf(id);
                return link != null && link.connected();
            });
            states.add(new EvseState(evse, up, open.get(evse.evseId()), limits.get(evse.evseId())));
        }
        return states;
    }

    /** The allocation data of a group whose record starts in [from, to), oldest first. */
    public Page<AllocationRecord> records(Caller caller, String groupId, Instant from, Instant to, Page.Request page) {
        groups.get(caller, groupId);
        long total = em.createNamedQuery("AllocationRecord.countInRange", Long.class).setParameter("groupId", groupId)
                .setParameter("from", from).setParameter("to", to).getSingleResult();
        List<AllocationRecord> items = em.createNamedQuery("AllocationRecord.inRange", AllocationRecord.class)
                .setParameter("groupId", groupId).setParameter("from", from).setParameter("to", to)
                .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        items.forEach(r -> r.limits().size());
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    /** Ids of every group, for the periodic sweep. */
    public List<String> allGroupIds() {
        return groupsById.allIds();
    }

    /** For each priority session: its limit now, and the limit it would have had without priority. */
    static Map<String, double[]> withAndWithoutPriority(List<Socket> sockets, Allocation current, AllocationParameters parameters) {
        List<Socket> plain = sockets.stream().map(s -> s.session() == null || !s.session().priority() ? s
                : new Socket(s.evseId(), s.max(), s.gridPhases(), s.controllable(), s.reserved(),
                s.session().withPriority(false))).toList();
        Map<String, SocketAllocation> without = Allocator.allocate(plain, current.capacity(), parameters).byEvse();
        Map<String, SocketAllocation> with = current.byEvse();
        Map<String, double[]> result = new HashMap<>();
        for (Socket socket : sockets) {
            if (socket.session() != null && socket.session().priority()) {
                result.put(socket.session().sessionId(), new double[] {with.get(socket.evseId()).limit(),
                        without.get(socket.evseId()).limit()});
            }
        }
        return result;
    }

    /**
     * What to tell each socket. A socket we do not steer yet (it has not accepted a limit) is
     * counted at what it may still draw, but told its share as if it were steered, capped at that
     * reservation: telling it so can only lower its draw, and once it accepts it is steered.
     */
    static Map<String, List<Plan.LimitPeriod>> toSend(List<Socket> sockets, Map<String, List<Plan.LimitPeriod>> planned,
                                                      Map<String, List<Plan.LimitPeriod>> ifSteered) {
        Map<String, List<Plan.LimitPeriod>> result = new LinkedHashMap<>(planned);
        for (Socket socket : sockets) {
            if (!socket.controllable()) {
                result.put(socket.evseId(), ifSteered.get(socket.evseId()).stream()
                        .map(p -> new Plan.LimitPeriod(p.start(), p.end(), Math.min(p.limit(), socket.reserved()))).toList());
            }
        }
        return result;
    }

    private static Socket steerable(Socket socket) {
        return socket.controllable() ? socket
                : new Socket(socket.evseId(), socket.max(), socket.gridPhases(), true, 0, socket.session());
    }

    static AllocationParameters parameters(SmartChargingGroup group) {
        Map<String, Double> p = new HashMap<>(group.algorithmParameters());
        if (group.capacityUnit() == CapacityUnit.W) {
            // minimum current and redistribution margin are amperes: a group managed in watts has neither
            p.put(Algorithm.Parameter.MIN_CURRENT.apiName(), 0.0);
            p.put(Algorithm.Parameter.REDISTRIBUTION_MARGIN.apiName(), 0.0);
        }
        Strategy strategy = switch (group.algorithm()) {
            case EQUAL_SHARE -> Strategy.EQUAL_SHARE;
            case FIRST_COME_FIRST_SERVED -> Strategy.FIRST_COME_FIRST_SERVED;
            case PRIORITY -> Strategy.PRIORITY;
            case NONE -> throw new IllegalArgumentException("a group without an algorithm is not allocated by strategy");
        };
        double maxPriority = p.getOrDefault(Algorithm.Parameter.MAX_PRIORITY_SESSIONS.apiName(), (double) Integer.MAX_VALUE);
        double startedSeconds = p.getOrDefault(Algorithm.Parameter.SESSION_STARTED.apiName(), 0.0);
        return new AllocationParameters(strategy, p.get(Algorithm.Parameter.MIN_CURRENT.apiName()),
                p.get(Algorithm.Parameter.REDISTRIBUTION_MARGIN.apiName()), (int) Math.min(Integer.MAX_VALUE, maxPriority),
                Duration.ofSeconds((long) startedSeconds));
    }

    /** The grid phases a socket of this wiring draws on. */
    public static EnumSet<Phase> gridPhases(PhaseRotation rotation) {
        return switch (rotation) {
            case L1 -> EnumSet.of(Phase.L1);
            case L2 -> EnumSet.of(Phase.L2);
            case L3 -> EnumSet.of(Phase.L3);
            default -> EnumSet.allOf(Phase.class);
        };
    }
}
