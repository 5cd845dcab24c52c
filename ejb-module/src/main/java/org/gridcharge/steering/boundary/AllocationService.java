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
import org.gridcharge.allocation.EnergyPlan;
import org.gridcharge.allocation.SocketAllocation;
import org.gridcharge.allocation.CapacityTimeline;
import org.gridcharge.allocation.Phase;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.allocation.Plan;
import org.gridcharge.allocation.Planner;
import org.gridcharge.allocation.Grid;
import org.gridcharge.allocation.NodeAllocation;
import org.gridcharge.allocation.Socket;
import org.gridcharge.allocation.Strategy;
import org.gridcharge.allocation.TimeOfUse;
import org.gridcharge.capacity.boundary.CapacityProfileService;
import org.gridcharge.capacity.entity.ProfileType;
import org.gridcharge.evse.control.Evses;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.group.control.Groups;
import org.gridcharge.evse.entity.PhaseRotation;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.CapacityUpdateMethod;
import org.gridcharge.allocation.Session;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.priority.boundary.PriorityService;
import org.gridcharge.session.boundary.SessionService;
import org.gridcharge.session.entity.ChargingSession;
import org.gridcharge.station.boundary.StationControlService;
import org.gridcharge.steering.entity.AllocationLimit;
import org.gridcharge.steering.entity.AllocationRecord;
import org.gridcharge.steering.entity.GroupPlan;
import org.gridcharge.steering.entity.StoredEnergyPlan;
import org.gridcharge.steering.control.PlanCodec;
import org.gridcharge.platform.cluster.ClusterNode;
import org.gridcharge.platform.cluster.Coordination;
import org.gridcharge.tariff.boundary.TimeOfUseService;

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

    @EJB
    TimeOfUseService timeOfUse;

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

    @Inject
    org.gridcharge.platform.monitoring.PlatformMetrics metrics;

    @EJB
    Coordination coordination;

    @Inject
    ClusterNode cluster;

    /** The cluster signal that a tree's plan is new; its key is the tree's root group. */
    public static final String PLAN_SIGNAL = "plan";

    /** A tree's latest plan as stored for the servers of a cluster, and its version. */
    public record StoredPlan(long version, AllocationPlanned planned) {
    }

    /** The tree's latest plan as stored for the cluster, or null if none is. */
    public StoredPlan storedPlan(String rootGroupId) {
        GroupPlan stored = em.find(GroupPlan.class, rootGroupId);
        return stored == null ? null : new StoredPlan(stored.version(), PlanCodec.decode(stored.body()).withVersion(stored.version()));
    }

    /**
     * In a cluster, whether this server is to arm the tree's timer for its next breakpoint ({@code next}, null: none):
     * true for the first server whose plan has that breakpoint, false for the others, so that one persistent timer
     * per breakpoint exists in the cluster (it fails over to a survivor if its server dies). A timer for a breakpoint
     * the tree no longer has is not cancelled across servers: it fires, and the run it causes changes nothing.
     */
    public boolean claimBreakpoint(String rootGroupId, Instant next) {
        if (next == null) {
            em.createQuery("UPDATE GroupPlan p SET p.armedBreakpoint = NULL WHERE p.rootGroupId = :root").setParameter("root", rootGroupId)
                    .executeUpdate();
            return false;
        }
        return em.createQuery("UPDATE GroupPlan p SET p.armedBreakpoint = :next WHERE p.rootGroupId = :root"
                        + " AND (p.armedBreakpoint IS NULL OR p.armedBreakpoint <> :next)").setParameter("root", rootGroupId)
                .setParameter("next", next).executeUpdate() == 1;
    }

    /** The cluster's clock now (the database's), or null alone: see {@link Coordination#now}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Instant clusterClock() {
        return coordination.now();
    }

    /** The group's CPO, or null if the group no longer exists. */
    public String cpoOf(String groupId) {
        SmartChargingGroup group = groupsById.find(groupId);
        return group == null ? null : group.cpoId();
    }

    /** The id of the root of the group's grid tree (the group itself when it hangs on nothing), or null if it no longer exists. */
    public String rootOf(String groupId) {
        SmartChargingGroup group = groupsById.find(groupId);
        return group == null ? null : groupsById.rootOf(group).groupId();
    }

    /**
     * Allocates the group's whole grid tree now, in one run and a transaction of its own: every group from the root down,
     * each node's capacity holding for everything below it. Null if the group no longer exists, or its tree holds no EVSE.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Plan allocate(String groupId, String reason) {
        return allocate(groupId, reason, null);
    }

    /** What {@link #allocate(String, String, Instant)} returns when it had no need to run. */
    public static final Plan NOT_NEEDED = new Plan(List.of());

    /**
     * As {@link #allocate(String, String)}; in a cluster, unless the tree's stored plan was made by a run that read the
     * database after {@code unlessPlannedAfter} (the database's clock, see {@link Coordination#now}): that run saw all that
     * was committed by then, and this one returns {@link #NOT_NEEDED}. Null: run in any case.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Plan allocate(String groupId, String reason, Instant unlessPlannedAfter) {
        SmartChargingGroup start = groupsById.find(groupId);
        if (start == null) {
            return null;
        }
        // One run at a time across the cluster for the trees of one CPO (a tree never spans CPOs, and a CPO's id never
        // changes, whereas a root does when a tree is re-hung); taken before anything it protects is read, so the run
        // plans from what the last run committed.
        coordination.lock("allocation:" + start.cpoId());
        em.clear();
        start = groupsById.find(groupId);
        if (start == null) {
            return null;
        }
        SmartChargingGroup group = groupsById.rootOf(start);
        Instant readsFrom = coordination.now(); // in a cluster, on the database's clock: this run sees what was committed before
        if (unlessPlannedAfter != null && readsFrom != null) {
            GroupPlan last = em.find(GroupPlan.class, group.groupId());
            if (last != null && last.plannedAt().isAfter(unlessPlannedAfter)) {
                return NOT_NEEDED;
            }
        }
        List<SmartChargingGroup> nodes = groupsById.subtree(group);
        Map<String, Integer> nodeIndex = new HashMap<>();
        for (int u = 0; u < nodes.size(); u++) {
            nodeIndex.put(nodes.get(u).groupId(), u);
        }
        Instant now = clock.instant();
        List<Evse> evses = this.evses.inGroups(nodes.stream().map(SmartChargingGroup::groupId).toList());
        if (evses.isEmpty()) {
            return null; // an incomplete group (no EVSE yet, made through the vendor's API) is not allocated
        }
        Map<String, ChargingSession> open = new HashMap<>();
        for (ChargingSession session : sessions.openOn(evses.stream().map(Evse::evseId).toList())) {
            open.merge(session.evseId(), session, (a, b) -> a.startedAt().isAfter(b.startedAt()) ? a : b);
        }
        List<Socket> sockets = new ArrayList<>(evses.size());
        int[] nodeOf = new int[evses.size()];
        Map<String, AllocationPlanned.StationConnector> stations = new LinkedHashMap<>();
        Map<String, String> sessionByEvse = new HashMap<>();
        boolean watts = group.capacityUnit() == CapacityUnit.W;
        // the root's defaults for sessions that say nothing of their needs (deadline): a typical stay and energy
        double stayMinutes = group.algorithmParameters().getOrDefault(Algorithm.Parameter.DEFAULT_STAY.apiName(), 0.0);
        double energyKwh = group.algorithmParameters().getOrDefault(Algorithm.Parameter.DEFAULT_ENERGY.apiName(), 0.0);
        boolean needsMatter = group.algorithm() == Algorithm.DEADLINE || group.algorithm() == Algorithm.TIME_OF_USE;
        Duration defaultStay = needsMatter && stayMinutes > 0 ? Duration.ofMinutes((long) stayMinutes) : null;
        Double defaultEnergyWh = needsMatter && energyKwh > 0 ? energyKwh * 1000 : null;
        Map<String, StationControlService.Control> controls = control.controlOf(evses);
        for (Evse evse : evses) {
            ChargingSession session = open.get(evse.evseId());
            StationControlService.Control steer = controls.get(evse.evseId());
            Session allocated = session == null ? null : session.toAllocationSession(defaultStay, defaultEnergyWh);
            nodeOf[sockets.size()] = nodeIndex.get(evse.groupId());
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
        List<Grid.Node> gridNodes = new ArrayList<>(nodes.size());
        List<CapacityTimeline> timelines = new ArrayList<>(nodes.size());
        for (SmartChargingGroup node : nodes) {
            Integer parent = node.parentGroupId() == null || node == group ? null : nodeIndex.get(node.parentGroupId());
            gridNodes.add(new Grid.Node(node.groupId(), parent == null ? -1 : parent, rotation(node.parentPhaseRotation()),
                    parent == null ? null : strategy(node)));
        }
        // the energy plans of deadline and time_of_use look further ahead, as far as sessions stay (up to two days)
        boolean plansEnergy = group.algorithm() == Algorithm.DEADLINE || group.algorithm() == Algorithm.TIME_OF_USE;
        Map<String, CapacityTimeline> ownCapacity = profiles.timelines(nodes, now, now.plus(plansEnergy ? EnergyPlan.MAX_AHEAD : HORIZON));
        for (SmartChargingGroup node : nodes) {
            boolean fromParent = node.capacityUpdateMethod() == CapacityUpdateMethod.PARENTGROUP && node != group;
            timelines.add(fromParent ? null : ownCapacity.get(node.groupId()));
        }
        Grid grid = new Grid(gridNodes, sockets, nodeOf);
        boolean unmanaged = group.algorithm() == Algorithm.NONE;
        AllocationParameters parameters = unmanaged ? null : parameters(group);
        if (group.algorithm() == Algorithm.TIME_OF_USE) {
            TimeOfUse settings = timeOfUse.of(group.groupId());
            parameters = parameters.withTimeOfUse(settings != null ? settings : TimeOfUse.flat(TimeOfUse.Goal.MINIMISE_COST));
        }
        Plan plan = unmanaged
                ? new Plan(List.of(new Plan.Segment(now, now.plus(HORIZON), Allocator.unmanaged(sockets,
                        PerPhase.balanced(group.defaultCapacity())))))
                : Planner.plan(grid, timelines, parameters, now, HORIZON, MAX_SEGMENTS);
        Map<String, List<Plan.LimitPeriod>> schedules = plan.schedules();
        if (!unmanaged && sockets.stream().anyMatch(s -> !s.controllable())) {
            Grid steered = new Grid(gridNodes, sockets.stream().map(AllocationService::steerable).toList(), nodeOf);
            schedules = toSend(sockets, schedules, Planner.plan(steered, timelines, parameters, now, HORIZON, MAX_SEGMENTS).schedules());
        }
        if (plan.energy() != null && plan.energy().timeOfUse()) {
            StoredEnergyPlan energy = em.find(StoredEnergyPlan.class, group.groupId());
            if (energy == null) {
                energy = new StoredEnergyPlan(group.groupId());
                em.persist(energy);
            }
            energy.replace(now, TimeOfUseService.apiName(parameters.timeOfUse().goal()), sockets, plan.energy());
        }
        Allocation current = plan.at(now);
        if (!unmanaged && sockets.stream().anyMatch(s -> s.session() != null && s.session().priority())) {
            priorities.allotted(nodes.stream().map(SmartChargingGroup::groupId).toList(), withAndWithoutPriority(grid, current, parameters));
        }
        record(nodes, evses, current, sessionByEvse, now, reason);
        AllocationPlanned event = new AllocationPlanned(group.groupId(), reason, stations, schedules);
        if (cluster.clustered()) {
            // for the other servers' stations: they read it when told, after this transaction commits
            GroupPlan stored = em.find(GroupPlan.class, group.groupId());
            if (stored == null) {
                stored = new GroupPlan(group.groupId());
                em.persist(stored);
            }
            stored.replace(readsFrom == null ? now : readsFrom, cluster.nodeId(), PlanCodec.encode(event));
            event = event.withVersion(stored.version());
            // the steered EVSEs of other servers' stations count at what they may draw until those servers deliver this plan
            Map<String, Double> elsewhere = new HashMap<>();
            for (Map.Entry<String, List<Plan.LimitPeriod>> schedule : schedules.entrySet()) {
                StationControlService.Control steer = controls.get(schedule.getKey());
                if (steer != null && steer.controllable() && steer.server() != null && !steer.server().equals(cluster.nodeId())
                        && !schedule.getValue().isEmpty()) {
                    elsewhere.put(schedule.getKey(), schedule.getValue().stream().mapToDouble(Plan.LimitPeriod::limit).max().orElse(0));
                }
            }
            control.awaitDelivery(elsewhere, stored.version());
            coordination.publish(PLAN_SIGNAL, group.groupId());
        }
        planned.fire(event);
        return plan;
    }

    /**
     * Stores each node's allocation data where it changed: the node's own capacity (a node without one: the least of
     * its ancestors' on each phase), what its whole subtree was allotted, and the limits of its own EVSEs.
     */
    private void record(List<SmartChargingGroup> nodes, List<Evse> members, Allocation current, Map<String, String> sessionByEvse,
                        Instant now, String reason) {
        Map<String, List<SocketAllocation>> own = new HashMap<>();
        Map<String, String> groupOfEvse = new HashMap<>();
        for (Evse evse : members) {
            groupOfEvse.put(evse.evseId(), evse.groupId());
        }
        for (SocketAllocation socket : current.sockets()) {
            own.computeIfAbsent(groupOfEvse.get(socket.evseId()), id -> new ArrayList<>()).add(socket);
        }
        List<String> ids = nodes.stream().map(SmartChargingGroup::groupId).toList();
        Map<String, ProfileType> types = profiles.typesOf(ids);
        Map<String, String> sources = profiles.sourcesOf(nodes, now);
        Map<String, AllocationRecord> latest = latestOf(ids);
        Map<String, PerPhase> effective = new HashMap<>();
        for (int u = 0; u < nodes.size(); u++) {
            SmartChargingGroup node = nodes.get(u);
            NodeAllocation allotted = current.nodes().isEmpty() ? null : current.nodes().get(u);
            PerPhase capacity = allotted == null ? current.capacity() : allotted.capacity();
            PerPhase above = u == 0 ? null : effective.get(node.parentGroupId());
            if (above != null) {
                List<Phase> wired = rotation(node.parentPhaseRotation());
                PerPhase fromAbove = wired == null ? above : new PerPhase(above.on(wired.get(0)), above.on(wired.get(1)), above.on(wired.get(2)));
                capacity = capacity == null ? fromAbove : new PerPhase(Math.min(capacity.l1(), fromAbove.l1()),
                        Math.min(capacity.l2(), fromAbove.l2()), Math.min(capacity.l3(), fromAbove.l3()));
            }
            effective.put(node.groupId(), capacity);
            Allocation mine = new Allocation(capacity, own.getOrDefault(node.groupId(), List.of()),
                    allotted == null ? current.allotted() : allotted.allotted());
            String type = types.get(node.groupId()).apiName();
            AllocationRecord last = latest.get(node.groupId());
            String source = sources.get(node.groupId());
            if (source.startsWith("meter")) {
                metrics.meterStale(node.groupId(), source.equals("meter_stale"));
            }
            if (last == null || !last.sameAs(mine, type, source)) {
                em.persist(new AllocationRecord(node.groupId(), now, now, type, mine, sessionByEvse, reason, source));
            }
        }
    }

    /** The latest allocation record of each group that has one, by group id (of records equally late, the last computed). */
    private Map<String, AllocationRecord> latestOf(List<String> groupIds) {
        Map<String, AllocationRecord> latest = new HashMap<>();
        for (AllocationRecord record : em.createNamedQuery("AllocationRecord.latestOf", AllocationRecord.class)
                .setParameter("groupIds", groupIds).getResultList()) {
            latest.merge(record.groupId(), record, (a, b) -> a.computedAt().isAfter(b.computedAt()) ? a : b);
        }
        return latest;
    }

    /** The parent's phases a group's L1, L2, L3 are wired to, or null for RST (as they are). */
    static List<Phase> rotation(String rotation) {
        if (rotation == null || "RST".equals(rotation)) {
            return null;
        }
        List<Phase> wired = new ArrayList<>(3);
        for (char c : rotation.toCharArray()) {
            wired.add(Phase.ofWiring(c));
        }
        return wired;
    }

    /** How a group below the root divides what its subtree gets. */
    private static Strategy strategy(SmartChargingGroup group) {
        return switch (group.algorithm()) {
            case EQUAL_SHARE -> Strategy.EQUAL_SHARE;
            case FIRST_COME_FIRST_SERVED -> Strategy.FIRST_COME_FIRST_SERVED;
            case PRIORITY -> Strategy.PRIORITY;
            case DEADLINE -> Strategy.DEADLINE;
            case TIME_OF_USE -> Strategy.TIME_OF_USE;
            case NONE -> null;
        };
    }

    /**
     * One EVSE of a group as it stands now: whether its station is online, its open session (null if none) and
     * its place in the group's latest allocation (null if it has not been allocated yet).
     */
    public record EvseState(Evse evse, boolean online, ChargingSession session, AllocationLimit limit) {
    }

    /** Every EVSE of the group, in evse_id order, as it stands now. */
    public List<EvseState> evseStates(Caller caller, String groupId) {
        return evseStates(groups.get(caller, groupId));
    }

    /** Every EVSE of a group the caller was found to see, in evse_id order, as it stands now. */
    public List<EvseState> evseStates(SmartChargingGroup group) {
        List<Evse> evses = this.evses.inGroup(group.groupId());
        Map<String, ChargingSession> open = new HashMap<>();
        for (ChargingSession session : sessions.openOn(evses.stream().map(Evse::evseId).toList())) {
            open.merge(session.evseId(), session, (a, b) -> a.startedAt().isAfter(b.startedAt()) ? a : b);
        }
        Map<String, AllocationLimit> limits = new HashMap<>();
        em.createNamedQuery("AllocationRecord.latest", AllocationRecord.class).setParameter("groupId", group.groupId()).setMaxResults(1)
                .getResultList().forEach(r -> r.limits().forEach(l -> limits.put(l.evseId(), l)));
        java.util.Set<String> online = control.connected(evses.stream().map(Evse::chargeStationId).collect(java.util.stream.Collectors.toSet()));
        List<EvseState> states = new ArrayList<>(evses.size());
        for (Evse evse : evses) {
            states.add(new EvseState(evse, online.contains(evse.chargeStationId()), open.get(evse.evseId()), limits.get(evse.evseId())));
        }
        return states;
    }

    /**
     * A node of a grid tree as its latest allocation left it.
     *
     * @param capacity   its capacity per phase when last allocated (a node without its own: the least above it), null before
     * @param allotted   what its subtree was allotted per phase, null before the first allocation
     * @param sessions   sessions charging in its subtree at the last allocation
     */
    public record TreeNode(SmartChargingGroup group, int depth, PerPhase capacity, PerPhase allotted, int sessions) {

        /** Capacity left per phase, or null before the first allocation. */
        public PerPhase headroom() {
            return capacity == null || allotted == null ? null
                    : new PerPhase(capacity.l1() - allotted.l1(), capacity.l2() - allotted.l2(), capacity.l3() - allotted.l3());
        }
    }

    /** The group and everything below it (a parent before its children), each as its latest allocation left it. */
    public List<TreeNode> tree(Caller caller, String groupId) {
        SmartChargingGroup top = groups.get(caller, groupId);
        List<SmartChargingGroup> nodes = groupsById.subtree(top);
        Map<String, Integer> depth = new HashMap<>();
        Map<String, AllocationRecord> latest = new HashMap<>();
        Map<String, Integer> own = new HashMap<>();
        for (SmartChargingGroup node : nodes) {
            depth.put(node.groupId(), node == top ? 0 : depth.get(node.parentGroupId()) + 1);
            em.createNamedQuery("AllocationRecord.latest", AllocationRecord.class).setParameter("groupId", node.groupId())
                    .setMaxResults(1).getResultList().forEach(r -> {
                        latest.put(node.groupId(), r);
                        own.put(node.groupId(), (int) r.limits().stream().filter(l -> l.sessionId() != null).count());
                    });
        }
        Map<String, Integer> below = new HashMap<>(own);
        for (int i = nodes.size() - 1; i > 0; i--) { // children come after their parents: add each subtree up, deepest first
            SmartChargingGroup node = nodes.get(i);
            below.merge(node.parentGroupId(), below.getOrDefault(node.groupId(), 0), Integer::sum);
        }
        List<TreeNode> tree = new ArrayList<>(nodes.size());
        for (SmartChargingGroup node : nodes) {
            AllocationRecord record = latest.get(node.groupId());
            tree.add(new TreeNode(node, depth.get(node.groupId()), record == null ? null : record.capacityPerPhase(),
                    record == null ? null : new PerPhase(record.allottedL1(), record.allottedL2(), record.allottedL3()),
                    below.getOrDefault(node.groupId(), 0)));
        }
        return tree;
    }

    /** The allocation data of a group whose record starts in [from, to), oldest first. */
    /**
     * The energy plan of the group's latest run under time of use, as far as it concerns the group's EVSEs (its whole
     * subtree); 404 unless the group's tree uses time_of_use and has been planned.
     */
    public EnergyPlanView energyPlan(Caller caller, String groupId) {
        SmartChargingGroup group = groups.get(caller, groupId);
        SmartChargingGroup root = groupsById.rootOf(group);
        StoredEnergyPlan stored = root.algorithm() == Algorithm.TIME_OF_USE ? em.find(StoredEnergyPlan.class, root.groupId()) : null;
        if (stored == null) {
            throw new NotFoundException("energy plan (algorithm time_of_use, planned at least once) of group", groupId);
        }
        java.util.Set<String> mine = new java.util.HashSet<>();
        for (Evse evse : evses.inGroups(groupsById.subtree(group).stream().map(SmartChargingGroup::groupId).toList())) {
            mine.add(evse.evseId());
        }
        return new EnergyPlanView(stored.plannedAt(), stored.goal(), stored.sessions().stream().filter(s -> mine.contains(s.evseId())).toList());
    }

    /** A group's energy plan: when it was made, for what goal, and each planned session's windows. */
    public record EnergyPlanView(Instant plannedAt, String goal, List<StoredEnergyPlan.SessionPlan> sessions) {
    }

    public Page<AllocationRecord> records(Caller caller, String groupId, Instant from, Instant to, Page.Request page) {
        return records(groups.get(caller, groupId), from, to, page);
    }

    /** The allocation data of a group the caller was found to see whose record starts in [from, to), oldest first. */
    /**
     * The group's records valid from {@code from} on, oldest first, {@code limit} of them from {@code offset}, for a stream
     * that reads them again and again: no count, and the caller's access checked at each read (a revoked grant or a
     * deleted group ends it with a 404).
     */
    public List<AllocationRecord> recordsFrom(Caller caller, String groupId, Instant from, int offset, int limit) {
        SmartChargingGroup group = groups.get(caller, groupId);
        List<AllocationRecord> items = em.createNamedQuery("AllocationRecord.inRange", AllocationRecord.class)
                .setParameter("groupId", group.groupId()).setParameter("from", from).setParameter("to", Instant.parse("9999-01-01T00:00:00Z"))
                .setFirstResult(offset).setMaxResults(limit).getResultList();
        items.forEach(r -> r.limits().size());
        return items;
    }

    /**
     * For a chart: the group's records starting in [from, to) and the one in force at {@code from} (first, if any), oldest
     * first, without their limits: id, time, capacity and allotted on {@code phase} (L1 in a group managed in watts).
     */
    public List<AllocationCharts.Header> chartHeaders(SmartChargingGroup group, Instant from, Instant to, Phase phase) {
        List<AllocationCharts.Header> out = new ArrayList<>();
        em.createNamedQuery("AllocationRecord.headersBefore", Object[].class).setParameter("groupId", group.groupId())
                .setParameter("from", from).setMaxResults(1).getResultList().forEach(row -> out.add(header(row, phase)));
        em.createNamedQuery("AllocationRecord.headersInRange", Object[].class).setParameter("groupId", group.groupId())
                .setParameter("from", from).setParameter("to", to).getResultList().forEach(row -> out.add(header(row, phase)));
        return out;
    }

    private static AllocationCharts.Header header(Object[] row, Phase phase) {
        double l1 = ((Number) row[2]).doubleValue();
        int p = phase == null ? 0 : phase.ordinal();
        double capacity = p == 0 || row[2 + p] == null ? l1 : ((Number) row[2 + p]).doubleValue();
        return new AllocationCharts.Header((String) row[0], (Instant) row[1], capacity, ((Number) row[5 + p]).doubleValue());
    }

    /**
     * The limits of these records, by record id and EVSE id: of every EVSE, or only of {@code evseIds} if not null. Read
     * in slices, so that no query names more than a few hundred records.
     */
    public Map<String, Map<String, Double>> limitsOf(List<String> recordIds, java.util.Collection<String> evseIds) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        if (evseIds != null && evseIds.isEmpty()) {
            return out;
        }
        for (int i = 0; i < recordIds.size(); i += 200) {
            List<String> slice = recordIds.subList(i, Math.min(recordIds.size(), i + 200));
            jakarta.persistence.TypedQuery<Object[]> query = evseIds == null
                    ? em.createNamedQuery("AllocationLimit.ofRecords", Object[].class)
                    : em.createNamedQuery("AllocationLimit.ofRecordsAndEvses", Object[].class).setParameter("evseIds", evseIds);
            for (Object[] row : query.setParameter("recordIds", slice).getResultList()) {
                out.computeIfAbsent((String) row[0], k -> new HashMap<>()).put((String) row[1], ((Number) row[2]).doubleValue());
            }
        }
        return out;
    }

    /** Each EVSE's highest limit in these records (at most a few hundred of them). */
    public Map<String, Double> peaksOf(List<String> recordIds) {
        Map<String, Double> out = new HashMap<>();
        if (!recordIds.isEmpty()) {
            em.createNamedQuery("AllocationLimit.peaksOfRecords", Object[].class).setParameter("recordIds", recordIds).getResultList()
                    .forEach(row -> out.put((String) row[0], ((Number) row[1]).doubleValue()));
        }
        return out;
    }

    public Page<AllocationRecord> records(SmartChargingGroup group, Instant from, Instant to, Page.Request page) {
        String groupId = group.groupId();
        long total = em.createNamedQuery("AllocationRecord.countInRange", Long.class).setParameter("groupId", groupId)
                .setParameter("from", from).setParameter("to", to).getSingleResult();
        List<AllocationRecord> items = em.createNamedQuery("AllocationRecord.inRange", AllocationRecord.class)
                .setParameter("groupId", groupId).setParameter("from", from).setParameter("to", to)
                .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        items.forEach(r -> r.limits().size());
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    /** Ids of the root of every tree (and of every group on its own): what the periodic sweep allocates. */
    public List<String> rootIds() {
        return groupsById.rootIds();
    }

    /** For each priority session: its limit now, and the limit it would have had without priority. */
    static Map<String, double[]> withAndWithoutPriority(Grid grid, Allocation current, AllocationParameters parameters) {
        List<Socket> sockets = grid.sockets();
        List<Socket> plain = sockets.stream().map(s -> s.session() == null || !s.session().priority() ? s
                : new Socket(s.evseId(), s.max(), s.gridPhases(), s.controllable(), s.reserved(),
                s.session().withPriority(false))).toList();
        int[] nodeOf = new int[sockets.size()];
        for (int i = 0; i < nodeOf.length; i++) {
            nodeOf[i] = grid.nodeOf(i);
        }
        PerPhase[] capacities = current.nodes().stream().map(NodeAllocation::capacity).toArray(PerPhase[]::new);
        Map<String, SocketAllocation> without = new Grid(grid.nodes(), plain, nodeOf).allocate(capacities, parameters, null).byEvse();
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
            case DEADLINE -> Strategy.DEADLINE;
            case TIME_OF_USE -> Strategy.TIME_OF_USE;
            case NONE -> throw new IllegalArgumentException("a group without an algorithm is not allocated by strategy");
        };
        double maxPriority = p.getOrDefault(Algorithm.Parameter.MAX_PRIORITY_SESSIONS.apiName(), (double) Integer.MAX_VALUE);
        double startedSeconds = p.getOrDefault(Algorithm.Parameter.SESSION_STARTED.apiName(), 0.0);
        return new AllocationParameters(strategy, p.get(Algorithm.Parameter.MIN_CURRENT.apiName()),
                p.get(Algorithm.Parameter.REDISTRIBUTION_MARGIN.apiName()), (int) Math.min(Integer.MAX_VALUE, maxPriority),
                Duration.ofSeconds((long) startedSeconds), group.capacityUnit() == CapacityUnit.W ? 1 : AllocationParameters.VOLTS);
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
