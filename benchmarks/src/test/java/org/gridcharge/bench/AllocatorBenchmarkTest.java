package org.gridcharge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridcharge.allocation.Allocation;
import org.gridcharge.allocation.Phase;
import org.gridcharge.allocation.Strategy;
import org.junit.jupiter.api.Test;

/** A smoke-sized run of the benchmark, so that it keeps compiling and measuring something real. */
class AllocatorBenchmarkTest {

    @Test
    void eachAlgorithmAllocatesTheBenchmarkGroupWithinItsCapacity() {
        for (Strategy strategy : Strategy.values()) {
            AllocatorBenchmark benchmark = new AllocatorBenchmark();
            benchmark.sockets = 1000;
            benchmark.strategy = strategy;
            benchmark.setUp();
            Allocation allocation = benchmark.allocate();
            assertEquals(1000, allocation.sockets().size());
            for (Phase phase : Phase.values()) {
                assertTrue(allocation.allotted().on(phase) <= allocation.capacity().on(phase) + 1e-9, strategy + " " + phase);
            }
            assertTrue(allocation.allotted().on(Phase.L1) > 0.9 * allocation.capacity().on(Phase.L1),
                    strategy + " uses the capacity the group competes for");
        }
    }
}
