package org.gridcharge.vendorapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gridcharge.group.boundary.Management;
import org.gridcharge.group.boundary.UnmanagedGroupException;
import org.gridcharge.group.boundary.WrongUnitException;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.junit.jupiter.api.Test;

class VendorProblemsTest {

    private static InvalidInputException invalid(VendorProblems body, String field) {
        return (InvalidInputException) body.translate(new InvalidInputException(field, "is wrong"));
    }

    @Test
    void theAlgorithmStatesNameTheDefaultCapacityByItsUnit() {
        InvalidInputException amps = invalid(VendorProblems.DEFAULT_STATE, "default_capacity_amps");
        assertEquals("default_group_capacity_amps", amps.field());
        assertEquals("default_group_capacity_amps: is wrong", amps.getMessage(), "the detail names the vendor's field too");
        assertEquals("default_group_capacity_watts", invalid(VendorProblems.DC_STATE, "default_capacity_amps").field());
        assertEquals("min_allocation_amps", invalid(VendorProblems.DEFAULT_STATE, "algorithm.parameters.min_current_amps").field());
        assertEquals("session_started_duration", invalid(VendorProblems.DEFAULT_STATE, "session_started_window").field());
        assertEquals("name", invalid(VendorProblems.DEFAULT_STATE, "name").field(), "a field the vendor names alike stays");
    }

    @Test
    void bareArraysNameTheirElementsByIndex() {
        assertEquals("[3].capacity", invalid(VendorProblems.SCENARIOS, "periods[3].capacity").field());
        assertEquals("body", invalid(VendorProblems.SCENARIOS, "periods").field());
        assertEquals("type", invalid(VendorProblems.SCENARIOS, "type").field());
        assertEquals("[1].uid", invalid(VendorProblems.EVSE_REFS, "[1]").field());
        assertEquals("body", invalid(VendorProblems.EVSE_REFS, "").field());
    }

    @Test
    void aProblemWithoutFieldOrWithTheSameNameIsKeptAsItIs() {
        InvalidInputException same = new InvalidInputException("name", "is required");
        assertSame(same, VendorProblems.ANY.translate(same));
        NotFoundException missing = new NotFoundException("smart charging group", "g1");
        assertSame(missing, VendorProblems.DEFAULT_STATE.translate(missing));
    }

    @Test
    void conflictsAboutAlgorithmsUseTheVendorsNames() {
        assertEquals("capacity group 'g1' uses CAPACITYMANAGEMENTDC; this endpoint is for CAPACITYMANAGEMENTDEFAULT groups",
                VendorProblems.ANY.translate(new WrongUnitException("g1", Management.WATTS, CapacityUnit.A)).getMessage());
        assertEquals("capacity group 'g1' uses NONE; this endpoint is for CAPACITYMANAGEMENTDC groups",
                VendorProblems.ANY.translate(new WrongUnitException("g1", Management.UNMANAGED, CapacityUnit.W)).getMessage());
        assertEquals("capacity group 'g1' has the algorithm NONE: it has no minimum allocation and no start window; choose"
                + " CAPACITYMANAGEMENTDEFAULT first", VendorProblems.DEFAULT_STATE.translate(new UnmanagedGroupException("g1")).getMessage());
    }

    @Test
    void aCallsProblemsComeBackTranslated() {
        assertEquals("default_group_capacity_watts", assertThrows(InvalidInputException.class, () -> VendorProblems.DC_STATE.call(() -> {
            throw new InvalidInputException("default_capacity_amps", "must be between 0 and 1000000000 W, was -1.0");
        })).field());
        assertEquals(ConflictException.class, assertThrows(ConflictException.class, () -> VendorProblems.ANY.call(() -> {
            throw new WrongUnitException("g1", Management.AMPERES, CapacityUnit.W);
        })).getClass());
        assertEquals("ok", VendorProblems.ANY.call(() -> "ok"));
    }
}
