package org.gridcharge.group.boundary;

/**
 * Changes to how a managed group allocates, each absent when null: its default capacity (in the group's unit), the
 * least current a session is given, and the window after a session's start in which it charges unthrottled
 * ({@code HH:MM:SS}).
 */
public record Tuning(Double defaultCapacity, Double minCurrentAmps, String sessionStartedWindow) {

    /** Nothing to change: only the checks of the caller and the group's unit apply. */
    public static final Tuning NOTHING = new Tuning(null, null, null);

    /** Does it change the algorithm's parameters (which a group without algorithm does not have)? */
    public boolean changesParameters() {
        return minCurrentAmps != null || sessionStartedWindow != null;
    }
}
