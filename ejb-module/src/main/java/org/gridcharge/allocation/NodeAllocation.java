package org.gridcharge.allocation;

import java.util.Objects;

/**
 * What one node of a grid tree was given.
 *
 * @param nodeId    the node
 * @param capacity  its own capacity per phase, or null for a node limited only by its ancestors
 * @param allotted  the sum of the limits below it per phase of the node, uncontrollable sockets included
 * @param sessions  how many sessions charge below it
 */
public record NodeAllocation(String nodeId, PerPhase capacity, PerPhase allotted, int sessions) {

    public NodeAllocation {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(allotted, "allotted");
    }
}
