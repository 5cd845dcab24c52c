package org.gridcharge.allocation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The outcome of one allocation at one capacity.
 *
 * @param capacity  the group's capacity per phase it was made for
 * @param sockets   one entry per socket, in the order they were given
 * @param allotted  the sum of the limits per phase, uncontrollable sockets included
 * @param nodes     for a grid tree, what each node was given (the root first); empty for a group on its own
 */
public record Allocation(PerPhase capacity, List<SocketAllocation> sockets, PerPhase allotted, List<NodeAllocation> nodes) {

    public Allocation {
        sockets = List.copyOf(sockets);
        nodes = List.copyOf(nodes);
    }

    public Allocation(PerPhase capacity, List<SocketAllocation> sockets, PerPhase allotted) {
        this(capacity, sockets, allotted, List.of());
    }

    public Map<String, SocketAllocation> byEvse() {
        return sockets.stream().collect(Collectors.toMap(SocketAllocation::evseId, Function.identity()));
    }
}
