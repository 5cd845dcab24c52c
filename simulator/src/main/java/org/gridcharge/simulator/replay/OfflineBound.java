package org.gridcharge.simulator.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The most energy any algorithm, knowing every arrival, departure and need in advance, could deliver to a workload: a
 * maximum flow from the sessions (each up to its need) through the steps it is present in (each up to what its car can
 * take in that step) to each phase of each step (up to the group's capacity per phase). A car on one phase draws on its
 * phase only (L1, L2, L3 in turn, as the replay wires them); a car on three phases is three cars of a third of its need
 * and power, one per phase. It has no minimum current, and lets a three-phase car draw on its phases at different times,
 * so it bounds the true optimum from above; energies are whole tenths of a Wh, rounded down.
 */
public final class OfflineBound {

    private OfflineBound() {
    }

    /** The bound in kWh, for the group's capacity per phase at {@code volts}, stepped every {@code step}. */
    public static double maxEnergyKwh(List<WorkloadSession> sessions, Duration step, Capacity capacity, double volts) {
        Instant start = sessions.stream().map(WorkloadSession::arrival).min(Instant::compareTo).orElseThrow();
        Instant end = sessions.stream().map(WorkloadSession::departure).max(Instant::compareTo).orElseThrow();
        long stepSeconds = step.toSeconds();
        int steps = (int) ((Duration.between(start, end).toSeconds() + stepSeconds - 1) / stepSeconds);
        int n = sessions.size();
        // nodes: the source, a node per session and phase it uses, a node per step and phase, the sink
        int source = 0;
        int firstStep = 1 + 3 * n;
        int sink = firstStep + 3 * steps;
        Flow flow = new Flow(sink + 1);
        for (int t = 0; t < steps; t++) {
            // the capacity at the step's start holds for the whole step, as in the replay
            double amps = capacity.at(start.plusSeconds(t * stepSeconds));
            for (int p = 0; p < 3; p++) {
                flow.edge(firstStep + 3 * t + p, sink, tenths(amps * volts * stepSeconds / 3600.0));
            }
        }
        for (int i = 0; i < n; i++) {
            WorkloadSession s = sessions.get(i);
            boolean onePhase = Replay.onOnePhase(s);
            int[] phases = onePhase ? new int[] {i % 3} : new int[] {0, 1, 2};
            for (int p : phases) {
                int node = 1 + 3 * i + p;
                flow.edge(source, node, tenths(s.energyRequestedKwh() * 1000 / phases.length));
                for (int t = 0; t < steps; t++) {
                    Instant from = start.plusSeconds(t * stepSeconds);
                    Instant to = from.plusSeconds(stepSeconds);
                    if (!s.arrival().isAfter(from) && s.departure().isAfter(from)) {
                        long seconds = Duration.between(from, s.departure().isBefore(to) ? s.departure() : to).toSeconds();
                        flow.edge(node, firstStep + 3 * t + p, tenths(s.maxPowerKw() * 1000 / phases.length * seconds / 3600.0));
                    }
                }
            }
        }
        return flow.max(source, sink) / 10_000.0;
    }

    private static long tenths(double wh) {
        return (long) Math.floor(wh * 10);
    }

    /** Dinic's maximum flow over long capacities. */
    private static final class Flow {
        private final List<int[]> edges = new ArrayList<>(); // {to, reverse edge index}
        private final List<long[]> capacity = new ArrayList<>();
        private final List<List<Integer>> out;
        private final int[] level;
        private final int[] next;

        Flow(int nodes) {
            out = new ArrayList<>(nodes);
            for (int v = 0; v < nodes; v++) {
                out.add(new ArrayList<>());
            }
            level = new int[nodes];
            next = new int[nodes];
        }

        void edge(int from, int to, long cap) {
            out.get(from).add(edges.size());
            edges.add(new int[] {to, edges.size() + 1});
            capacity.add(new long[] {cap});
            out.get(to).add(edges.size());
            edges.add(new int[] {from, edges.size() - 1});
            capacity.add(new long[] {0});
        }

        long max(int source, int sink) {
            long total = 0;
            while (levels(source, sink)) {
                Arrays.fill(next, 0);
                for (long pushed = push(source, sink, Long.MAX_VALUE); pushed > 0; pushed = push(source, sink, Long.MAX_VALUE)) {
                    total += pushed;
                }
            }
            return total;
        }

        private boolean levels(int source, int sink) {
            Arrays.fill(level, -1);
            level[source] = 0;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(source);
            while (!queue.isEmpty()) {
                int v = queue.poll();
                for (int e : out.get(v)) {
                    int to = edges.get(e)[0];
                    if (level[to] < 0 && capacity.get(e)[0] > 0) {
                        level[to] = level[v] + 1;
                        queue.add(to);
                    }
                }
            }
            return level[sink] >= 0;
        }

        private long push(int v, int sink, long limit) {
            if (v == sink) {
                return limit;
            }
            List<Integer> adjacent = out.get(v);
            for (; next[v] < adjacent.size(); next[v]++) {
                int e = adjacent.get(next[v]);
                int to = edges.get(e)[0];
                long cap = capacity.get(e)[0];
                if (cap > 0 && level[to] == level[v] + 1) {
                    long pushed = push(to, sink, Math.min(limit, cap));
                    if (pushed > 0) {
                        capacity.get(e)[0] -= pushed;
                        capacity.get(edges.get(e)[1])[0] += pushed;
                        return pushed;
                    }
                }
            }
            return 0;
        }
    }
}
