package org.gridcharge.group.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jakarta.persistence.TypedQuery;
import org.gridcharge.audit.boundary.AuditService;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.evse.boundary.EvseDeleting;
import org.gridcharge.evse.boundary.EvseRated;
import org.gridcharge.evse.control.Evses;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.group.control.CapacitySettings;
import org.gridcharge.group.control.GroupSearch;
import org.gridcharge.group.control.GroupTree;
import org.gridcharge.platform.time.TimeSpans;
import org.gridcharge.tenancy.control.Tenancy;
import org.gridcharge.tenancy.entity.GroupGrant;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.group.entity.CapacityUpdateMethod;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.platform.error.AccessDeniedException;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.paging.Page;

/**
 * Smart charging groups, their EVSEs and their grants to capacity providers. A CPO admin manages
 * the groups of its CPOs; a capacity provider reads the groups granted to it; every other group
 * answers 404 as if it did not exist.
 */
@Stateless
public class GroupService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    CpoService cpos;

    @EJB
    AuditService audit;

    @Inject
    Event<GroupChanged> changes;

    @Inject
    Evses evses;

    @Inject
    Tenancy tenancy;

    @Inject
    CapacitySettings capacity;

    @Inject
    GroupTree tree;

    @Inject
    GroupSearch search;

    /** Announces that the group must be allocated again (after this transaction commits). */
    public void changed(String groupId) {
        changes.fire(new GroupChanged(groupId));
    }

    public SmartChargingGroup create(Caller caller, GroupDraft draft) {
        return create(caller, draft, true);
    }

    /**
     * Creates a group that holds no EVSE yet, as the vendor's API does: it is <em>incomplete</em> and never allocated
     * until its first EVSE is attached. Its default capacity is 0 A unless given.
     */
    public SmartChargingGroup createIncomplete(Caller caller, GroupDraft draft) {
        return create(caller, draft, false);
    }

    private SmartChargingGroup create(Caller caller, GroupDraft draft, boolean evsesRequired) {
        caller.requireManagerRole();
        if (draft == null) {
            throw new InvalidInputException("body", "a JSON object describing the group is required");
        }
        AlgorithmChoice algorithm = requireAlgorithm(draft.algorithm());
        SmartChargingGroup group = new SmartChargingGroup(draft.cpoId(), draft.name(), algorithm.name(), algorithm.parameters(),
                draft.defaultCapacity() == null && !evsesRequired ? Double.valueOf(0) : draft.defaultCapacity(),
                CapacityUnit.parse("capacity_unit", draft.capacityUnit()), clock.instant());
        group.remark(draft.remarks());
        group.updateCapacityBy(CapacityUpdateMethod.parse("capacity_update_method", draft.capacityUpdateMethod(), CapacityUpdateMethod.API));
        cpos.get(caller, group.cpoId());
        List<String> evseIds = draft.evseIds() == null ? List.of() : draft.evseIds();
        List<String> childIds = draft.childGroupIds() == null ? List.of() : draft.childGroupIds();
        if (evsesRequired && evseIds.isEmpty() && childIds.isEmpty()) {
            throw new InvalidInputException("evse_ids", "a group holds at least one EVSE in its subtree; list the evse_id of each, or"
                    + " the groups it feeds in child_group_ids");
        }
        requireDistinct(evseIds, "evse_ids");
        requireDistinct(childIds, "child_group_ids");
        if (draft.parentGroupId() != null) {
            SmartChargingGroup parent = parentFor(caller, draft.parentGroupId());
            tree.checkParent(group, parent, "parent_group_id");
            group.hangOn(parent.groupId(), draft.parentPhaseRotation());
        } else if (draft.parentPhaseRotation() != null) {
            throw new InvalidInputException("parent_phase_rotation", "only a group with a parent_group_id hangs on a parent");
        }
        GroupTree.checkCapacitySource(group);
        em.persist(group);
        em.flush(); // membership rows refer to the group: insert it first
        for (int i = 0; i < evseIds.size(); i++) {
            attach(caller, group, evseIds.get(i), "evse_ids[" + i + "]");
        }
        for (int i = 0; i < childIds.size(); i++) {
            String field = "child_group_ids[" + i + "]";
            SmartChargingGroup child = parentFor(caller, childIds.get(i));
            if (child.parentGroupId() != null) {
                throw new ConflictException("group '" + child.groupId() + "' already hangs on group '" + child.parentGroupId()
                        + "'; detach it there first (PATCH its parent_group_id to null)");
            }
            tree.checkParent(child, group, field);
            em.lock(child, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            child.hangOn(group.groupId(), null);
            changed(child.groupId());
        }
        changed(group.groupId());
        return group;
    }

    /** A group the caller manages, to hang another on or below; 404 like any other foreign id. */
    private SmartChargingGroup parentFor(Caller caller, String groupId) {
        SmartChargingGroup parent = em.find(SmartChargingGroup.class, groupId);
        if (parent == null || !tenancy.manages(caller, parent.cpoId())) {
            throw new NotFoundException("smart charging group", groupId);
        }
        return parent;
    }

    /** The groups the caller sees that the listing keeps (one CPO's, one group's children, the tops of trees), by id. */
    public Page<SmartChargingGroup> list(Caller caller, GroupListing listing, Page.Request page) {
        return search.list(caller, listing, page);
    }

    /**
     * The groups the caller sees that pass the filter, sorted and paged by the database. Who sees what is decided as
     * in {@link #list}: a platform admin every group, a CPO admin its CPOs' groups, a capacity provider those granted to it.
     */
    public Page<SmartChargingGroup> search(Caller caller, GroupFilter filter) {
        return search.search(caller, filter);
    }

    /** The group if the caller sees it and it is counted in {@code unit}: 404 if it may not see it, 409 for another unit. */
    public SmartChargingGroup get(Caller caller, String groupId, CapacityUnit unit) {
        return requireUnit(get(caller, groupId), unit);
    }

    /** The group if the caller manages its CPO or it is granted to the caller; otherwise 404. */
    public SmartChargingGroup get(Caller caller, String groupId) {
        SmartChargingGroup group = groupId == null ? null : em.find(SmartChargingGroup.class, groupId);
        if (group == null || !tenancy.sees(caller, group.cpoId(), group.groupId())) {
            throw new NotFoundException("smart charging group", groupId);
        }
        return group;
    }

    /** The group if the caller may change it; 404 if it may not see it, 403 if it may only read it. */
    public SmartChargingGroup getForChange(Caller caller, String groupId) {
        SmartChargingGroup group = get(caller, groupId);
        if (!tenancy.manages(caller, group.cpoId())) {
            throw new AccessDeniedException("a capacity provider may read and steer this group but not configure it");
        }
        return group;
    }

    public SmartChargingGroup change(Caller caller, String groupId, GroupChanges changes) {
        return change(caller, groupId, group -> changes);
    }

    /** {@link #change(Caller, String, GroupChanges)}, and with {@code detach} the group leaves its parent. */
    public SmartChargingGroup change(Caller caller, String groupId, GroupChanges changes, boolean detach) {
        if (detach && changes != null && changes.parentGroupId() != null) {
            throw new InvalidInputException("parent_group_id", "is given and null at once");
        }
        return change(caller, groupId, group -> {
            if (detach && group.parentGroupId() != null) {
                SmartChargingGroup parent = em.find(SmartChargingGroup.class, group.parentGroupId());
                tree.checkLeaves(parent, group);
                group.hangOn(null, null);
                changed(parent.groupId());
            }
            return changes;
        });
    }

    /**
     * Changes the group with what {@code changesOf} derives from it as it is, in one transaction after one check of the
     * caller: for an adapter whose request names its changes relative to the group's current state.
     */
    public SmartChargingGroup change(Caller caller, String groupId, Function<SmartChargingGroup, GroupChanges> changesOf) {
        SmartChargingGroup group = getForChange(caller, groupId);
        GroupChanges changes = changesOf.apply(group);
        if (changes == null) {
            throw new InvalidInputException("body", "a JSON object with the fields to change is required");
        }
        if (changes.groupId() != null && !changes.groupId().equals(group.groupId())) {
            throw new InvalidInputException("group_id", "cannot be changed");
        }
        if (changes.cpoId() != null && !changes.cpoId().equals(group.cpoId())) {
            throw new InvalidInputException("cpo_id", "cannot be changed; a group stays with its CPO");
        }
        if (changes.name() != null) {
            group.rename(changes.name());
        }
        if (changes.algorithm() != null) {
            AlgorithmChoice algorithm = requireAlgorithm(changes.algorithm());
            if (Algorithm.NONE.apiName().equals(algorithm.name()) && (group.parentGroupId() != null
                    || !tree.childrenOf(group.groupId()).isEmpty())) {
                throw new ConflictException("group '" + group.groupId() + "' is part of a grid tree, where every group is managed;"
                        + " the algorithm none would leave its limits unkept");
            }
            if (Algorithm.TIME_OF_USE.apiName().equals(algorithm.name()) && group.parentGroupId() != null
                    && !Algorithm.TIME_OF_USE.apiName().equals(group.algorithm().apiName())) {
                throw new ConflictException("group '" + group.groupId() + "' hangs under group '" + group.parentGroupId() + "'; time_of_use"
                        + " plans a whole tree with its tariff, so only the root of a tree can use it");
            }
            if (Algorithm.NONE.apiName().equals(algorithm.name()) && group.algorithm() != Algorithm.NONE && hasCapacitySet(group)) {
                throw new ConflictException("group '" + group.groupId() + "' has a capacity profile or weekly capacity, which the"
                        + " algorithm none would not keep; delete them before leaving the group unmanaged");
            }
            group.configureAlgorithm(algorithm.name(), algorithm.parameters());
        }
        if (changes.defaultCapacity() != null) {
            group.changeDefaultCapacity(changes.defaultCapacity());
        }
        if (changes.remarks() != null) {
            group.remark(changes.remarks().isEmpty() ? null : changes.remarks());
        }
        if (changes.capacityUpdateMethod() != null) {
            CapacityUpdateMethod method = CapacityUpdateMethod.parse("capacity_update_method", changes.capacityUpdateMethod(), null);
            boolean keepsProfiles = method == CapacityUpdateMethod.API || method == CapacityUpdateMethod.FILE;
            if (!keepsProfiles && method != group.capacityUpdateMethod() && hasCapacitySet(group)) {
                throw new ConflictException("group '" + group.groupId() + "' has a capacity profile or weekly capacity (capacity"
                        + " scenarios); delete them before switching capacity_update_method to " + method + switch (method) {
                            case DEFAULT -> " (the default capacity only)";
                            case PARENTGROUP -> " (the parent group's capacity only)";
                            default -> " (a site meter's readings)";
                        });
            }
            group.updateCapacityBy(method);
        }
        if (changes.parentGroupId() != null && !changes.parentGroupId().equals(group.parentGroupId())) {
            SmartChargingGroup parent = parentFor(caller, changes.parentGroupId());
            tree.checkParent(group, parent, "parent_group_id");
            if (group.parentGroupId() != null) {
                SmartChargingGroup old = em.find(SmartChargingGroup.class, group.parentGroupId());
                tree.checkLeaves(old, group);
                changed(old.groupId());
            }
            group.hangOn(parent.groupId(), changes.parentPhaseRotation());
        } else if (changes.parentPhaseRotation() != null) {
            if (group.parentGroupId() == null) {
                throw new InvalidInputException("parent_phase_rotation", "only a group with a parent_group_id hangs on a parent");
            }
            group.hangOn(group.parentGroupId(), changes.parentPhaseRotation());
        }
        GroupTree.checkCapacitySource(group);
        changed(group.groupId());
        return group;
    }

    /**
     * Tunes how a managed group allocates (see {@link Tuning}). The caller must manage the group and the group be counted
     * in {@code unit} (409 otherwise); a group with the algorithm none has no parameters to tune (409).
     */
    public SmartChargingGroup tune(Caller caller, String groupId, CapacityUnit unit, Tuning tuning) {
        SmartChargingGroup group = requireUnit(getForChange(caller, groupId), unit);
        Integer window = tuning.sessionStartedWindow() == null ? null
                : TimeSpans.parse("session_started_window", tuning.sessionStartedWindow());
        if (tuning.changesParameters() && group.algorithm() == Algorithm.NONE) {
            throw new UnmanagedGroupException(group.groupId());
        }
        if (tuning.changesParameters()) {
            Map<String, Object> parameters = new LinkedHashMap<>(group.algorithmParameters());
            if (window != null) {
                parameters.put(Algorithm.Parameter.SESSION_STARTED.apiName(), window);
            }
            if (tuning.minCurrentAmps() != null) {
                parameters.put(Algorithm.Parameter.MIN_CURRENT.apiName(), tuning.minCurrentAmps());
            }
            group.configureAlgorithm(group.algorithm().apiName(), parameters);
        }
        if (tuning.defaultCapacity() != null) {
            group.changeDefaultCapacity(tuning.defaultCapacity());
        }
        if (!tuning.equals(Tuning.NOTHING)) {
            changed(group.groupId());
        }
        return group;
    }

    private static SmartChargingGroup requireUnit(SmartChargingGroup group, CapacityUnit unit) {
        if (group.capacityUnit() != unit) {
            throw new WrongUnitException(group.groupId(), Management.of(group), unit);
        }
        return group;
    }

    /**
     * Makes exactly the listed EVSEs the group's members: those not listed leave, the new ones join (each under the
     * same rules as {@link #addEvse}). The list may not be empty: a group holds at least one EVSE.
     */
    public void replaceEvses(Caller caller, String groupId, List<String> evseIds, String field) {
        replaceEvses(caller, getForChange(caller, groupId), evseIds, field);
    }

    /**
     * {@link #replaceEvses} with the EVSEs named by their uids (the vendor API's way), a problem with the i-th naming the
     * field {@code [i]}: one access check and one read of the EVSEs, in one transaction.
     */
    public void replaceEvsesByUid(Caller caller, String groupId, List<String> uids) {
        SmartChargingGroup group = getForChange(caller, groupId);
        Map<String, Evse> byUid = evses.byUids(uids.stream().filter(uid -> uid != null && !uid.isBlank()).distinct().toList());
        List<String> evseIds = new ArrayList<>(uids.size());
        for (int i = 0; i < uids.size(); i++) {
            String uid = uids.get(i);
            if (uid == null || uid.isBlank()) {
                throw new InvalidInputException("[" + i + "]", "is required");
            }
            Evse evse = byUid.get(uid);
            if (evse == null || !caller.manages(evse.cpoId())) {
                throw new NotFoundException("EVSE with uid", uid);
            }
            evseIds.add(evse.evseId());
        }
        replaceEvses(caller, group, evseIds, "");
    }

    private void replaceEvses(Caller caller, SmartChargingGroup group, List<String> evseIds, String field) {
        String groupId = group.groupId();
        if (evseIds == null || evseIds.isEmpty()) {
            throw new InvalidInputException(field, "a group holds at least one EVSE; list at least one (delete the group to empty it)");
        }
        requireDistinct(evseIds, field);
        em.lock(group, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        Set<String> wanted = new HashSet<>(evseIds);
        for (Evse member : evses.inGroup(groupId)) {
            if (!wanted.contains(member.evseId())) {
                evses.leave(member);
            }
        }
        for (int i = 0; i < evseIds.size(); i++) {
            attach(caller, group, evseIds.get(i), field + "[" + i + "]");
        }
        changed(groupId);
    }

    private boolean hasCapacitySet(SmartChargingGroup group) {
        return capacity.hasCapacitySet(group.groupId());
    }

    private static void requireDistinct(List<String> ids, String field) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) {
                throw new InvalidInputException(field + "[" + i + "]", "'" + ids.get(i) + "' is listed twice");
            }
        }
    }

    /**
     * Deletes the group; its EVSEs stay, outside any group. A group that still feeds others is not deleted (409 naming
     * them). A parent left without an EVSE below it is incomplete, and not allocated, until it gets one.
     */
    public void delete(Caller caller, String groupId) {
        SmartChargingGroup group = getForChange(caller, groupId);
        List<SmartChargingGroup> children = tree.childrenOf(groupId);
        if (!children.isEmpty()) {
            throw new ConflictException("group '" + groupId + "' still feeds the groups " + children.stream()
                    .map(g -> "'" + g.groupId() + "'").collect(java.util.stream.Collectors.joining(", "))
                    + "; delete them or hang them elsewhere first");
        }
        if (group.parentGroupId() != null) {
            changed(group.parentGroupId());
        }
        for (Evse evse : evses.inGroup(groupId)) {
            evses.leave(evse);
        }
        tenancy.revokeAll(groupId);
        em.remove(group);
    }

    public Page<Evse> evses(Caller caller, String groupId, Page.Request page) {
        get(caller, groupId);
        return page(page, evses.countInGroup(groupId), evses.inGroup(groupId, page.offset(), page.limit()));
    }

    /** Those of the groups given that other groups hang on. */
    public Set<String> withChildren(List<String> groupIds) {
        if (groupIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createNamedQuery("SmartChargingGroup.parentsAmong", String.class).setParameter("ids", groupIds)
                .getResultList());
    }

    /** Of the groups given, those under which hangs a group the caller sees. */
    public Set<String> withChildrenSeenBy(Caller caller, List<String> groupIds) {
        return search.withChildrenSeenBy(caller, groupIds);
    }

    /** Of these groups' parents, those the caller sees (a capacity provider may see a group and not its parent). */
    public Set<String> parentsSeenBy(Caller caller, List<SmartChargingGroup> groups) {
        return search.parentsSeenBy(caller, groups);
    }

    /** Number of EVSEs per group, for the groups given (groups without EVSEs are absent). */
    public Map<String, Long> evseCounts(List<String> groupIds) {
        return evses.countsInGroups(groupIds);
    }

    /** Adds an EVSE to the group; true if it was added, false if it already was a member. */
    public boolean addEvse(Caller caller, String groupId, String evseId) {
        SmartChargingGroup group = getForChange(caller, groupId);
        Evse evse = evses.find(evseId);
        if (evse != null && groupId.equals(evse.groupId())) {
            return false;
        }
        attach(caller, group, evseId, "evse_id");
        changed(groupId);
        return true;
    }

    public void removeEvse(Caller caller, String groupId, String evseId) {
        getForChange(caller, groupId);
        Evse evse = evses.find(evseId);
        if (evse == null || !groupId.equals(evse.groupId())) {
            throw new NotFoundException("EVSE in group " + groupId, evseId);
        }
        leave(evse);
    }

    /**
     * Takes the EVSE with the uid (the vendor API's way of naming it) out of the group: 404 if the caller manages no EVSE
     * with that uid, or if it is not in the group.
     */
    public void removeEvseByUid(Caller caller, String groupId, String uid) {
        Evse evse = evses.byUid(uid).filter(e -> caller.manages(e.cpoId())).orElseThrow(() -> new NotFoundException("EVSE with uid", uid));
        getForChange(caller, groupId);
        if (!groupId.equals(evse.groupId())) {
            throw new NotFoundException("EVSE in group " + groupId, evse.evseId());
        }
        leave(evse);
    }

    /**
     * Takes an EVSE out of its group, refusing to empty the group: a group holds at least one EVSE in its subtree.
     * The group's version is bumped so that two concurrent removals cannot both pass the check.
     */
    public void leave(Evse evse) {
        SmartChargingGroup group = em.find(SmartChargingGroup.class, evse.groupId());
        em.lock(group, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        long members = tree.evsesBelow(group);
        if (members <= 1) {
            throw new ConflictException("EVSE '" + evse.evseId() + "' is the last EVSE of group '" + group.groupId()
                    + "' and the groups below it; a group holds at least one EVSE in its subtree: delete the group instead");
        }
        evses.leave(evse);
        changed(group.groupId());
    }

    /** An EVSE's rating changed: its group allocates again. */
    public void onEvseRated(@Observes EvseRated rated) {
        if (rated.groupId() != null) {
            changed(rated.groupId());
        }
    }

    /**
     * An EVSE is about to be deleted: it leaves its group first, and the deletion is refused (this observer throws,
     * in the deleting transaction) if it is the group's last EVSE.
     */
    public void onEvseDeleting(@Observes EvseDeleting deleting) {
        if (deleting.evse().groupId() != null) {
            leave(deleting.evse());
        }
    }

    public List<GroupGrant> grants(Caller caller, String groupId) {
        getForChange(caller, groupId);
        return tenancy.grantsOf(groupId);
    }

    /** Grants the group to a capacity provider; true if the grant is new. */
    public boolean grant(Caller caller, String groupId, String clientId) {
        SmartChargingGroup group = getForChange(caller, groupId);
        if (!tenancy.grant(groupId, clientId, clock.instant(), caller.subject())) {
            return false;
        }
        audit.record(caller, "grant.added", groupId, group.cpoId(), "capacity provider '" + clientId + "' may read and steer the group");
        return true;
    }

    public void revoke(Caller caller, String groupId, String clientId) {
        SmartChargingGroup group = getForChange(caller, groupId);
        if (!tenancy.revoke(groupId, clientId)) {
            throw new NotFoundException("grant of group " + groupId + " to client", clientId);
        }
        audit.record(caller, "grant.revoked", groupId, group.cpoId(), "capacity provider '" + clientId + "' no longer has the group");
    }

    private void attach(Caller caller, SmartChargingGroup group, String evseId, String field) {
        if (evseId == null || evseId.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        Evse evse = evses.find(evseId);
        if (evse == null || !tenancy.manages(caller, evse.cpoId())) {
            throw new NotFoundException("EVSE", evseId);
        }
        if (!evse.cpoId().equals(group.cpoId())) {
            throw new InvalidInputException(field, "EVSE '" + evseId + "' belongs to CPO '" + evse.cpoId()
                    + "', the group to CPO '" + group.cpoId() + "'; a group holds EVSEs of its own CPO only");
        }
        if (group.capacityUnit() == CapacityUnit.W && evse.maxPowerWatts() == null) {
            throw new InvalidInputException(field, "EVSE '" + evseId + "' has no max_power_watts; group '" + group.groupId()
                    + "' is managed in watts (DC chargers): set the EVSE's max_power_watts first");
        }
        if (evse.groupId() != null && !evse.groupId().equals(group.groupId())) {
            throw new ConflictException("EVSE '" + evseId + "' is already in group '" + evse.groupId()
                    + "'; an EVSE is in at most one group: remove it there first");
        }
        evses.join(evse, group.groupId());
    }

    private static <T> Page<T> page(Page.Request request, long total, List<T> items) {
        return new Page<>(items, request.offset(), request.limit(), total);
    }

    private static AlgorithmChoice requireAlgorithm(AlgorithmChoice algorithm) {
        if (algorithm == null) {
            throw new InvalidInputException("algorithm", "is required, e.g. {\"name\": \"equal_share\", \"parameters\": {}}");
        }
        return algorithm;
    }
}
