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
 */
public record Allocation(PerPhase capacity, List<SocketAllocation> sockets, PerPhase allotted) {

    public Allocation {
        sockets = List.copyOf(sockets);
    }

    public Map<String, SocketAllocation> byEvse() {
        return sockets.stream().collect(Collectors.toMap(SocketAllocation::evseId, Function.identity()));
    }
}
