package org.gridcharge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridcharge.allocation.Allocation;
import org.gridcharge.allocation.AllocationParameters;
import org.gridcharge.allocation.Allocator;
import org.gridcharge.allocation.Grid;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.allocation.Phase;
import org.gridcharge.allocation.Socket;
import org.gridcharge.allocation.Strategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One allocation of a four-level grid tree: a connection, 10 boards, 10 sub-boards each, 10 cables each, and 100
 * sockets on every cable (100,000 sockets, 1,111 nodes), next to the same sockets in one flat group as the baseline:
 * {@code java -jar benchmarks/target/benchmarks.jar GridBenchmark}.
 *
 * <p>The sockets are those of {@link Groups}. Capacities are tight at every level, so that every level binds somewhere:
 * 8 A per socket at each cable, 90 % of its cables' sum at each board above, and so on; every second sub-board hangs
 * on its board with a rotated phase order (L2, L3, L1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class GridBenchmark {

    private static final int FAN_OUT = 10;
    private static final int PER_CABLE = 100;

    @Param({"EQUAL_SHARE", "FIRST_COME_FIRST_SERVED", "PRIORITY"})
    public Strategy strategy;

    Grid grid;
    PerPhase[] capacities;
    List<Socket> flat;
    PerPhase flatCapacity;
    AllocationParameters parameters;

    @Setup
    public void setUp() {
        List<Grid.Node> nodes = new ArrayList<>();
        List<Double> perNode = new ArrayList<>();
        nodes.add(Grid.Node.root("connection"));
        perNode.add(0.9 * 0.9 * 0.9 * 8 * PER_CABLE * 1000);
        List<Phase> rotated = List.of(Phase.L2, Phase.L3, Phase.L1);
        List<Integer> cables = new ArrayList<>();
        for (int b = 0; b < FAN_OUT; b++) {
            int board = nodes.size();
            nodes.add(new Grid.Node("board-" + b, 0, null, null));
            perNode.add(0.9 * 0.9 * 8 * PER_CABLE * 100);
            for (int s = 0; s < FAN_OUT; s++) {
                int sub = nodes.size();
                nodes.add(new Grid.Node("board-" + b + "-" + s, board, s % 2 == 0 ? null : rotated, null));
                perNode.add(0.9 * 8 * PER_CABLE * 10);
                for (int c = 0; c < FAN_OUT; c++) {
                    cables.add(nodes.size());
                    nodes.add(new Grid.Node("cable-" + b + "-" + s + "-" + c, sub, null, null));
                    perNode.add(8.0 * PER_CABLE);
                }
            }
        }
        flat = Groups.sockets(cables.size() * PER_CABLE, 42);
        int[] nodeOf = new int[flat.size()];
        for (int i = 0; i < nodeOf.length; i++) {
            nodeOf[i] = cables.get(i / PER_CABLE);
        }
        grid = new Grid(nodes, flat, nodeOf);
        capacities = perNode.stream().map(PerPhase::balanced).toArray(PerPhase[]::new);
        flatCapacity = capacities[0];
        parameters = AllocationParameters.defaults(strategy);
    }

    @Benchmark
    public Allocation tree() {
        return grid.allocate(capacities, parameters, null);
    }

    @Benchmark
    public Allocation flatGroup() {
        return Allocator.allocate(flat, flatCapacity, parameters);
    }
}
