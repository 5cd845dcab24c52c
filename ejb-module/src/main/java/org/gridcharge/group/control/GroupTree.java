package org.gridcharge.group.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridcharge.evse.control.Evses;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.CapacityUpdateMethod;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.InvalidInputException;

/**
 * Groups as the grid's tree: a group hangs on a parent of the same CPO and unit, to any depth up to {@value #MAX_DEPTH}
 * levels, never below itself. The rules of the tree, and the reads that walk it. Runs in the caller's transaction.
 */
@ApplicationScoped
public class GroupTree {

    /** The deepest a tree may grow: far beyond any real grid (connection, boards, sub-boards, cables). */
    public static final int MAX_DEPTH = 32;

    @PersistenceContext
    EntityManager em;

    @Inject
    Evses evses;

    /** The root of the group's tree: the group itself when it hangs on nothing. */
    public SmartChargingGroup rootOf(SmartChargingGroup group) {
        SmartChargingGroup at = group;
        for (int level = 0; at.parentGroupId() != null && level <= MAX_DEPTH; level++) {
            SmartChargingGroup parent = em.find(SmartChargingGroup.class, at.parentGroupId());
            if (parent == null) {
                break;
            }
            at = parent;
        }
        return at;
    }

    /** The group and everything below it, a parent before its children, level by level, each level in group_id order. */
    public List<SmartChargingGroup> subtree(SmartChargingGroup top) {
        List<SmartChargingGroup> all = new ArrayList<>();
        all.add(top);
        List<String> level = List.of(top.groupId());
        for (int depth = 0; !level.isEmpty(); depth++) {
            if (depth >= MAX_DEPTH) {
                // never partly: a tree left out below here would be planned as if it stood alone
                throw new IllegalStateException("the tree under group '" + top.groupId() + "' is deeper than " + MAX_DEPTH + " levels");
            }
            List<SmartChargingGroup> children = em.createNamedQuery("SmartChargingGroup.childrenOf", SmartChargingGroup.class)
                    .setParameter("parentIds", level).getResultList();
            all.addAll(children);
            level = children.stream().map(SmartChargingGroup::groupId).toList();
        }
        return all;
    }

    /** The groups hanging directly on this one, in group_id order. */
    public List<SmartChargingGroup> childrenOf(String groupId) {
        return em.createNamedQuery("SmartChargingGroup.childrenOf", SmartChargingGroup.class).setParameter("parentIds", List.of(groupId))
                .getResultList();
    }

    /** The ids of the groups that hang on nothing: one per tree, and every group on its own. */
    public List<String> rootIds() {
        return em.createNamedQuery("SmartChargingGroup.rootIds", String.class).getResultList();
    }

    /** How many EVSEs the group and everything below it hold. */
    public long evsesBelow(SmartChargingGroup group) {
        List<String> ids = subtree(group).stream().map(SmartChargingGroup::groupId).toList();
        return evses.countsInGroups(ids).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Checks that {@code group} may hang on {@code parent} (null: on nothing), naming {@code field} in a refusal:
     * the same CPO and unit, not below itself, not deeper than {@value #MAX_DEPTH} levels, and no unmanaged group
     * (algorithm none) in a tree. A group leaving a parent must leave it an EVSE below it.
     */
    public void checkParent(SmartChargingGroup group, SmartChargingGroup parent, String field) {
        if (parent == null) {
            return;
        }
        if (!parent.cpoId().equals(group.cpoId())) {
            throw new InvalidInputException(field, "group '" + parent.groupId() + "' belongs to CPO '" + parent.cpoId()
                    + "', this group to CPO '" + group.cpoId() + "'; a tree holds the groups of one CPO");
        }
        if (parent.capacityUnit() != group.capacityUnit()) {
            throw new InvalidInputException(field, "group '" + parent.groupId() + "' is managed in " + parent.capacityUnit()
                    + ", this group in " + group.capacityUnit() + "; amperes and watts do not mix in one tree");
        }
        if (group.algorithm() == Algorithm.TIME_OF_USE) {
            throw new InvalidInputException(field, "a group with the algorithm time_of_use plans its tree's energy with its own tariff,"
                    + " so it is the root of its tree; it cannot hang under another group");
        }
        if (parent.algorithm() == Algorithm.NONE || group.algorithm() == Algorithm.NONE) {
            throw new InvalidInputException(field, "a group with the algorithm none is not managed, so it can be neither a parent nor"
                    + " a child in a tree; choose an algorithm first");
        }
        int depth = 1;
        Set<String> seen = new HashSet<>();
        if (em.contains(group)) {
            em.lock(group, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        }
        for (SmartChargingGroup at = parent; at != null; at = at.parentGroupId() == null ? null
                : em.find(SmartChargingGroup.class, at.parentGroupId())) {
            // every group walked gets a new version: two tree edits that each passed this check against what the other
            // had not committed yet (A under B and B under A; two chains hung end to end past the depth) cannot both
            // commit, and a parent being hung on cannot be deleted at the same time
            em.lock(at, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            if (at.groupId().equals(group.groupId())) {
                throw new InvalidInputException(field, "group '" + parent.groupId() + "' hangs below group '" + group.groupId()
                        + "'; a group cannot hang on its own subtree");
            }
            if (!seen.add(at.groupId())) {
                break; // a cycle already stored would be a bug elsewhere; stop walking
            }
            depth++;
        }
        int below = height(group);
        if (depth + below - 1 > MAX_DEPTH) {
            throw new InvalidInputException(field, "the tree would be " + (depth + below - 1) + " levels deep; at most " + MAX_DEPTH);
        }
    }

    /** Refuses to leave {@code parent} without an EVSE below it when {@code leaving} (and its subtree) go. */
    public void checkLeaves(SmartChargingGroup parent, SmartChargingGroup leaving) {
        if (parent == null) {
            return;
        }
        em.lock(parent, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        if (evsesBelow(parent) - evsesBelow(leaving) < 1) {
            throw new ConflictException("group '" + leaving.groupId() + "' holds every EVSE below group '" + parent.groupId()
                    + "'; a group holds at least one EVSE in its subtree: move an EVSE there first, or delete group '"
                    + parent.groupId() + "'s children and then it");
        }
    }

    /** A group taking its capacity from its parent needs one. */
    public static void checkCapacitySource(SmartChargingGroup group) {
        if (group.capacityUpdateMethod() == CapacityUpdateMethod.PARENTGROUP && group.parentGroupId() == null) {
            throw new InvalidInputException("capacity_update_method", "PARENTGROUP takes the capacity from the parent group, and"
                    + " group '" + group.groupId() + "' hangs on none; give it a parent, or choose DEFAULT or API");
        }
    }

    /** Levels from the group down to its deepest descendant, the group itself included. */
    private int height(SmartChargingGroup group) {
        int levels = 0;
        List<String> level = List.of(group.groupId());
        while (!level.isEmpty() && levels <= MAX_DEPTH) {
            levels++;
            level = em.createNamedQuery("SmartChargingGroup.childrenOf", SmartChargingGroup.class).setParameter("parentIds", level)
                    .getResultList().stream().map(SmartChargingGroup::groupId).toList();
        }
        return levels;
    }
}
