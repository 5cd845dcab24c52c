package org.gridcharge.capacity.boundary;

/** A group's meter was set or removed: its MQTT subscription may have to change. */
public record MeterChanged(String groupId) {
}
