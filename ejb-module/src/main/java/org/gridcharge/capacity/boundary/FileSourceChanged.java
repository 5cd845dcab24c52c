package org.gridcharge.capacity.boundary;

/** A group's capacity file source was set or removed: its fetch schedule may have to change. */
public record FileSourceChanged(String groupId) {
}
