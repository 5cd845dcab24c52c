package org.gridcharge.capacity.boundary;

/** A group's meter was set or removed: its MQTT subscription may have to change (on every server of a cluster). */
public record MeterChanged(String groupId) {

    /** The cluster signal of a meter change; its key is the group. */
    public static final String SIGNAL = "meter";
}
