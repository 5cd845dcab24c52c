package org.gridcharge.group.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import org.gridcharge.group.boundary.Management;
import org.gridcharge.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class SmartChargingGroupTest {

    private static SmartChargingGroup group(String algorithm, CapacityUnit unit) {
        return new SmartChargingGroup("NL*GFX", "Hub", algorithm, Map.of(), 100.0, unit, Instant.EPOCH);
    }

    @Test
    void aGroupKeepsTheUnitItWasMadeWith() {
        SmartChargingGroup dc = group("priority", CapacityUnit.W);
        dc.refuseUnitChange("algorithm", CapacityUnit.W);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> dc.refuseUnitChange("algorithm", CapacityUnit.A));
        assertEquals("algorithm", e.field());
        assertEquals("a group managed in amperes cannot become one managed in watts (DC), nor the reverse; create a new capacity group"
                + " instead", e.reason());
        assertThrows(InvalidInputException.class, () -> group("priority", CapacityUnit.A).refuseUnitChange("algorithm", CapacityUnit.W));
    }

    @Test
    void aGroupIsManagedByItsUnitUnlessItHasNoAlgorithm() {
        assertEquals(Management.WATTS, Management.of(group("priority", CapacityUnit.W)));
        assertEquals(Management.AMPERES, Management.of(group("equal_share", CapacityUnit.A)));
        assertEquals(Management.UNMANAGED, Management.of(group("none", CapacityUnit.W)));
        assertEquals(Management.UNMANAGED, Management.of(group("none", CapacityUnit.A)));
    }

    @Test
    void timeOfUseIsForGroupsInAmperes() {
        assertEquals(Management.TIME_OF_USE, Management.of(group("time_of_use", CapacityUnit.A)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> group("time_of_use", CapacityUnit.W));
        assertEquals("algorithm.name", e.field());
        SmartChargingGroup dc = group("priority", CapacityUnit.W);
        assertThrows(InvalidInputException.class, () -> dc.configureAlgorithm("time_of_use", Map.of()));
    }
}
