package org.gridcharge.session.boundary;

/** A session in a group started or stopped: the group's allocation must be made again. */
public record SessionChanged(String groupId, String evseId) {
}
