package org.gridcharge.session.boundary;

/**
 * A session in a group started or stopped, or an EVSE's control changed: the group's allocation must be made again.
 * {@code urgent} when the last allocation may no longer hold (an EVSE stopped following its limit, or its station went
 * away): that run is not put off while the group is busy.
 */
public record SessionChanged(String groupId, String evseId, boolean urgent) {

    public SessionChanged(String groupId, String evseId) {
        this(groupId, evseId, false);
    }
}
