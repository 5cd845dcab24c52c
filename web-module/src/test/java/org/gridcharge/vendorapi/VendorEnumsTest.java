package org.gridcharge.vendorapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.gridcharge.group.boundary.Management;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class VendorEnumsTest {

    @Test
    void anUnsupportedValueNamesTheFieldAndTheAllowedOnes() {
        VendorEnums.require("order_by_name", "ASC", VendorEnums.ORDER);
        VendorEnums.require("order_by_name", null, VendorEnums.ORDER);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VendorEnums.require("order_by_name", "asc", VendorEnums.ORDER));
        assertEquals("order_by_name", e.field());
        assertEquals("'asc' is not one of ASC, DESC", e.reason());
    }

    @Test
    void timesNeedAnOffsetAndTheRangeAnOrder() {
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), VendorEnums.instant("date_from", "2026-11-25T01:00:00+01:00"));
        assertEquals("date_from", assertThrows(InvalidInputException.class, () -> VendorEnums.instant("date_from", "2026-11-25T01:00:00"))
                .field());
        assertEquals("date_from", assertThrows(InvalidInputException.class, () -> VendorEnums.instant("date_from", " ")).field());
        assertEquals("date_from", assertThrows(InvalidInputException.class,
                () -> VendorEnums.instant("date_from", "-999999999-01-01T00:00:00Z")).field(), "beyond the database's years");
        assertEquals("date_to", assertThrows(InvalidInputException.class,
                () -> VendorEnums.range("2026-11-25T00:00:00Z", "2026-11-25T00:00:00Z")).field());
    }

    @Test
    void aListIsPagedAndNeverCutSilently() {
        List<Integer> all = IntStream.range(0, 25).boxed().toList();
        assertEquals(List.of(10, 11, 12, 13, 14), slice(all, "10", "5"));
        assertEquals(all, slice(all, null, null), "no limit: every item, up to the cap");
        List<Integer> many = IntStream.range(0, VendorEnums.MAX_ITEMS + 1).boxed().toList();
        assertEquals("limit", assertThrows(InvalidInputException.class, () -> slice(many, null, null)).field(),
                "more than one answer holds: refused, not cut");
        assertEquals(VendorEnums.MAX_ITEMS, slice(many, "0", Integer.toString(VendorEnums.MAX_ITEMS)).size());
    }

    private static <T> List<T> slice(List<T> all, String offset, String limit) {
        return VendorEnums.complete(org.gridcharge.platform.paging.Page.of(all, VendorEnums.page(offset, limit)), limit);
    }

    @Test
    void theVendorsAlgorithmsAreTheWaysAGroupIsManaged() {
        for (Management management : Management.values()) {
            assertEquals(management, VendorEnums.management("algorithm", VendorEnums.algorithm(management)));
        }
        assertEquals(CapacityUnit.W, VendorEnums.unit(VendorEnums.management("algorithm", "CAPACITYMANAGEMENTDC")));
        assertEquals(CapacityUnit.A, VendorEnums.unit(Management.UNMANAGED));
        assertEquals(Management.TIME_OF_USE, VendorEnums.management("algorithm", "CUSTOMERCONFIGUREDTOUALGORITHM"));
        assertEquals(CapacityUnit.A, VendorEnums.unit(Management.TIME_OF_USE));
        assertTrue(assertThrows(InvalidInputException.class, () -> VendorEnums.management("algorithm", "FANCY")).reason()
                .contains("unknown"));
    }

    @Test
    void theVendorsAlgorithmNamesSortInTheOrderOfTheWaysTheyStandFor() {
        List<String> names = java.util.Arrays.stream(Management.values()).map(VendorEnums::algorithm).toList();
        assertEquals(names.stream().sorted().toList(), names, "order_by_algorithm sorts by the vendor's names");
    }
}
