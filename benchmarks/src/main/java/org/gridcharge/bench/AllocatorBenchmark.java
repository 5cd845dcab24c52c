package org.gridcharge.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridcharge.allocation.Allocation;
import org.gridcharge.allocation.AllocationParameters;
import org.gridcharge.allocation.Allocator;
import org.gridcharge.allocation.PerPhase;
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

/** One allocation of a group, by size and algorithm: {@code java -jar benchmarks/target/benchmarks.jar AllocatorBenchmark}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class AllocatorBenchmark {

    @Param({"10", "1000", "100000", "1000000"})
    public int sockets;

    @Param({"EQUAL_SHARE", "FIRST_COME_FIRST_SERVED", "PRIORITY"})
    public Strategy strategy;

    List<Socket> group;
    PerPhase capacity;
    AllocationParameters parameters;

    @Setup
    public void setUp() {
        group = Groups.sockets(sockets, 42);
        capacity = Groups.capacity(sockets);
        parameters = AllocationParameters.defaults(strategy);
    }

    @Benchmark
    public Allocation allocate() {
        return Allocator.allocate(group, capacity, parameters);
    }
}
