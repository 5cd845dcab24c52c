package org.gridcharge.platform.cluster;

/**
 * A server of the cluster stopped writing its heartbeat and this server took note of it first: the stations recorded
 * as connected to it are not, and must count offline. Fired in a transaction of its own.
 *
 * @param nodeId the gone server's node id
 */
public record MemberGone(String nodeId) {
}
