package org.gridcharge.group.boundary;

/**
 * Which of the groups a caller sees a list holds; each filter is off when null (or false).
 *
 * @param cpoId         only this CPO's groups
 * @param parentGroupId only the groups hanging directly under this one
 * @param topLevel      only the tops of the caller's trees: groups under no group, or under one the caller does not see
 */
public record GroupListing(String cpoId, String parentGroupId, boolean topLevel) {

    /** Every group the caller sees. */
    public static final GroupListing ALL = new GroupListing(null, null, false);
}
