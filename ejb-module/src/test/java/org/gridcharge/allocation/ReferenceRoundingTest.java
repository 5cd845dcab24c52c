package org.gridcharge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The oracle's rounding, which must hold on its own for the oracle to catch a rounding bug in the allocator. */
class ReferenceRoundingTest {

    @Test
    void decimalInputsRoundToTheirOwnDeciamperesDespiteBinaryNoise() {
        assertEquals(3, ReferenceAllocator.floorDeci(0.1 + 0.2));
        assertEquals(3, ReferenceAllocator.ceilDeci(0.1 + 0.2));
        assertEquals(7, ReferenceAllocator.floorDeci(0.7));
        assertEquals(7, ReferenceAllocator.ceilDeci(0.7));
        assertEquals(160_000, ReferenceAllocator.floorDeci(16_000.0));
    }

    @Test
    void whatMayBeHandedOutRoundsDownAndWhatIsHeldBackRoundsUp() {
        assertEquals(29, ReferenceAllocator.floorDeci(2.96));
        assertEquals(30, ReferenceAllocator.ceilDeci(2.91));
        assertEquals(0, ReferenceAllocator.floorDeci(0.05));
        assertEquals(1, ReferenceAllocator.ceilDeci(0.05));
        assertEquals(-1, ReferenceAllocator.floorDeci(-0.05));
        assertEquals(0, ReferenceAllocator.ceilDeci(-0.05));
    }
}
