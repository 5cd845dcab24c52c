package org.gridcharge.group.control;

/**
 * What the group component needs to know of a group's capacity settings, which the capacity component owns and
 * implements: the dependency points from capacity to group, never back.
 */
public interface CapacitySettings {

    /** Whether a capacity profile or weekly capacity rules are set for the group. */
    boolean hasCapacitySet(String groupId);
}
