package org.gridcharge.platform.cluster;

/**
 * The other servers took this one for dead (its heartbeat was late by more than the member timeout, e.g. after a long
 * pause) and marked its stations offline: its connections must be closed, so that the stations come back and are
 * recorded again. It then joins again.
 */
public record MemberEvicted(String nodeId) {
}
