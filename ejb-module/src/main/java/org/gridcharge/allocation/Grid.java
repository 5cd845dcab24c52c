package org.gridcharge.allocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A grid tree and the sockets on it: a connection feeds boards, boards feed boards or cables, and sockets hang on any
 * node. Every node may have a capacity of its own, which holds for everything below it; one without (a group whose
 * capacity comes from its parent) is limited only by its ancestors.
 *
 * <p>A node hangs on its parent with a phase rotation: its L1, L2, L3 may be the parent's L2, L3, L1 (and so on), as a
 * socket's phases may be rotated on its own node. A socket therefore draws its limit on one phase of every node above
 * it. Allocation respects every one of those capacities: on every node, on every phase, the limits of the sockets
 * below it plus what the uncontrollable ones may still draw stay within it.
 *
 * <p>How a tree is divided: the root's parameters (its algorithm, minimum current, priority rules) apply to every
 * session in the tree, with every node's capacity as a constraint, so the parent treats the sessions of its children
 * as its own. A node whose algorithm differs from its parent's then divides again what its subtree was given (per
 * phase of that node) by its own algorithm, within its own and its descendants' capacities; nodes further down do the
 * same in turn. Each node's subtree only ever gets less than or the same as it was given, so no capacity above it is
 * exceeded by the second division.
 */
public final class Grid {

    /** What stands for "no capacity of its own" on a resource: far above any sum of limits, and safe from overflow. */
    private static final long UNLIMITED = Long.MAX_VALUE / 4;
    private static final Phase[] PHASES = Phase.values();

    /**
     * A node of the tree.
     *
     * @param id        the node (a group's id)
     * @param parent    the index of its parent in the grid's node list, which lists a parent before its children;
     *                  -1 for the root, which comes first
     * @param onParent  the parent's phases this node's L1, L2, L3 are wired to; null for L1, L2, L3
     * @param strategy  how the node divides what its subtree gets; null for its parent's way
     */
    public record Node(String id, int parent, List<Phase> onParent, Strategy strategy) {

        public Node {
            Objects.requireNonNull(id, "id");
            if (onParent != null) {
                onParent = List.copyOf(onParent);
                if (onParent.size() != 3 || onParent.stream().distinct().count() != 3) {
                    throw new IllegalArgumentException("a rotation names each of the parent's three phases once");
                }
            }
        }

        public static Node root(String id) {
            return new Node(id, -1, null, null);
        }
    }

    private final List<Node> nodes;
    private final List<Socket> sockets;
    private final int[] nodeOf;
    private final int[] depth;
    /** For each node and phase, the resource (3 × node + phase) each phase of the node is at every level above it. */
    private final int[][] paths;

    /**
     * @param nodes    the tree, a parent before its children, the root first
     * @param sockets  every socket of the tree, in the order that breaks ties between sessions that started together
     * @param nodeOf   for each socket, the index of the node it hangs on
     */
    public Grid(List<Node> nodes, List<Socket> sockets, int[] nodeOf) {
        this.nodes = List.copyOf(nodes);
        this.sockets = List.copyOf(sockets);
        this.nodeOf = nodeOf.clone();
        int count = this.nodes.size();
        if (count == 0 || this.nodes.get(0).parent() != -1) {
            throw new IllegalArgumentException("the root comes first and has no parent");
        }
        if (nodeOf.length != sockets.size()) {
            throw new IllegalArgumentException("every socket hangs on one node");
        }
        depth = new int[count];
        for (int u = 1; u < count; u++) {
            int parent = this.nodes.get(u).parent();
            if (parent < 0 || parent >= u) {
                throw new IllegalArgumentException("node " + u + " must come after its parent");
            }
            depth[u] = depth[parent] + 1;
        }
        for (int v : nodeOf) {
            if (v < 0 || v >= count) {
                throw new IllegalArgumentException("a socket hangs on an unknown node " + v);
            }
        }
        paths = new int[count * 8][];
        for (int key = 0; key < paths.length; key++) {
            paths[key] = path(key >> 3, Allocator.PHASE_INDEXES[key & 7]);
        }
    }

    /** The resources a socket on node {@code v} drawing on its phases {@code phases} uses, node by node up to the root. */
    private int[] path(int v, int[] phases) {
        int width = phases.length;
        int[] path = new int[(depth[v] + 1) * width];
        int[] current = phases.clone();
        int at = 0;
        for (int u = v; u >= 0; u = nodes.get(u).parent()) {
            for (int j = 0; j < width; j++) {
                path[at++] = 3 * u + current[j];
            }
            List<Phase> onParent = nodes.get(u).onParent();
            if (onParent != null) {
                for (int j = 0; j < width; j++) {
                    current[j] = onParent.get(current[j]).ordinal();
                }
            }
        }
        return path;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Socket> sockets() {
        return sockets;
    }

    /** The resources (3 × node + phase) socket {@code i} draws on: its phases, as wired, at every node up to the root. */
    int[] path(int i) {
        return paths[(nodeOf[i] << 3) + Allocator.mask(sockets.get(i))];
    }

    /** The index of the node socket {@code i} hangs on. */
    public int nodeOf(int i) {
        return nodeOf[i];
    }

    /**
     * The allocation at instant {@code at} (see {@link Allocator#allocate(List, PerPhase, AllocationParameters, Instant)}).
     *
     * @param capacities  each node's capacity per phase, in the grid's unit; null for a node without one of its own
     * @param parameters  the root's parameters: they apply to the whole tree, but for nodes of another strategy
     * @return the sockets' limits, the root's capacity and allotted, and every node's
     */
    public Allocation allocate(PerPhase[] capacities, AllocationParameters parameters, Instant at) {
        return allocate(capacities, parameters, at, null);
    }

    /** As {@link #allocate(PerPhase[], AllocationParameters, Instant)}, following an energy plan of the grid's sockets. */
    public Allocation allocate(PerPhase[] capacities, AllocationParameters parameters, Instant at, EnergyPlan plan) {
        int count = nodes.size();
        if (capacities.length != count) {
            throw new IllegalArgumentException("one capacity (or null) per node");
        }
        long[] initial = new long[3 * count];
        for (int u = 0; u < count; u++) {
            for (int p = 0; p < 3; p++) {
                initial[3 * u + p] = capacities[u] == null ? UNLIMITED : Math.max(0, Allocator.floorDeci(capacities[u].on(PHASES[p])));
            }
        }
        int n = sockets.size();
        Allocator.Division division = new Allocator.Division(sockets, plan);
        division.divide(null, nodeOf, paths, initial.clone(), parameters, at);

        Strategy[] strategy = new Strategy[count];
        for (int u = 0; u < count; u++) {
            Strategy own = nodes.get(u).strategy();
            strategy[u] = u == 0 ? parameters.strategy() : own != null ? own : strategy[nodes.get(u).parent()];
            if (u > 0 && strategy[u] != strategy[nodes.get(u).parent()]) {
                divideAgain(u, strategy[u], division, initial, parameters, at);
            }
        }

        long[] allotted = new long[3 * count];
        int[] sessions = new int[count];
        SocketAllocation[] result = new SocketAllocation[n];
        for (int i = 0; i < n; i++) {
            long limit = division.limits[i];
            result[i] = new SocketAllocation(division.ids[i], limit / 10.0, division.states[i], division.priority[i]);
            if (limit != 0) {
                for (int r : paths[(nodeOf[i] << 3) + division.masks[i]]) {
                    allotted[r] += limit;
                }
            }
            if (division.charging[i]) {
                sessions[nodeOf[i]]++;
            }
        }
        for (int u = count - 1; u > 0; u--) { // a parent comes before its children: add each node's sessions up, deepest first
            sessions[nodes.get(u).parent()] += sessions[u];
        }
        List<NodeAllocation> perNode = new ArrayList<>(count);
        for (int u = 0; u < count; u++) {
            perNode.add(new NodeAllocation(nodes.get(u).id(), capacities[u],
                    new PerPhase(allotted[3 * u] / 10.0, allotted[3 * u + 1] / 10.0, allotted[3 * u + 2] / 10.0), sessions[u]));
        }
        PerPhase rootCapacity = capacities[0] != null ? capacities[0] : PerPhase.balanced(UNLIMITED / 10.0);
        return new Allocation(rootCapacity, Arrays.asList(result), perNode.get(0).allotted(), perNode);
    }

    /** Divides again, by {@code strategy}, what the subtree of node {@code u} was given, per phase of {@code u}. */
    private void divideAgain(int u, Strategy strategy, Allocator.Division division, long[] initial, AllocationParameters parameters,
                             Instant at) {
        int n = sockets.size();
        int[] which = new int[n];
        int count = 0;
        long[] remaining = initial.clone();
        for (int r = 3 * u; r < 3 * u + 3; r++) {
            remaining[r] = 0;
        }
        // each path cut at u: the resources of u and the nodes between it and the socket
        int[][] table = new int[paths.length][];
        for (int i = 0; i < n; i++) {
            int v = nodeOf[i];
            int levels = depth[v] - depth[u];
            if (levels < 0 || ancestor(v, levels) != u) {
                continue;
            }
            int key = (v << 3) + division.masks[i];
            int[] path = paths[key];
            int width = path.length / (depth[v] + 1);
            if (table[key] == null) {
                table[key] = Arrays.copyOf(path, (levels + 1) * width);
            }
            which[count++] = i;
            long limit = division.limits[i];
            for (int j = levels * width; j < (levels + 1) * width; j++) {
                remaining[path[j]] += limit; // what the subtree got on each of u's phases
            }
        }
        AllocationParameters own = parameters.withStrategy(strategy);
        division.divide(Arrays.copyOf(which, count), nodeOf, table, remaining, own, at);
    }

    private int ancestor(int v, int levels) {
        int u = v;
        for (int i = 0; i < levels; i++) {
            u = nodes.get(u).parent();
        }
        return u;
    }
}
