package org.gridcharge.group.boundary;

/** A group's configuration or membership changed (algorithm, default capacity, EVSEs): its allocation must be made again. */
public record GroupChanged(String groupId) {
}
