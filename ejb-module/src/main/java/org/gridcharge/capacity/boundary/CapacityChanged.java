package org.gridcharge.capacity.boundary;

/** A group's capacity profile was replaced or removed: its allocation must be made again. */
public record CapacityChanged(String groupId) {
}
