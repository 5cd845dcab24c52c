package org.gridcharge.capacity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityFilesTest {

    private static CapacityFiles.Parsed csv(String text) {
        return CapacityFiles.parse("g.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCsvFileIsReadRowByRowWithItsLineNumbers() {
        CapacityFiles.Parsed parsed = csv("""
                capacity,start_date_time,end_date_time
                40,2099-01-01T00:00:00Z,2099-01-01T01:00:00Z

                "50.5",2099-01-01T01:00:00Z,2099-01-01T02:00:00Z
                """);
        assertEquals(List.of(), parsed.rejections());
        assertEquals("capacity_limit", parsed.type());
        assertNull(parsed.groupId());
        assertEquals(List.of(new CapacityFiles.Row(2, "2099-01-01T00:00:00Z", "2099-01-01T01:00:00Z", 40.0),
                new CapacityFiles.Row(4, "2099-01-01T01:00:00Z", "2099-01-01T02:00:00Z", 50.5)), parsed.rows(),
                "columns in any order, blank lines skipped, quoted cells unquoted");
    }

    @Test
    void aGroupColumnNamesOneGroupForTheWholeFile() {
        CapacityFiles.Parsed parsed = csv("""
                group_id,start_date_time,end_date_time,capacity
                g-1,2099-01-01T00:00:00Z,2099-01-01T01:00:00Z,40
                g-2,2099-01-01T01:00:00Z,2099-01-01T02:00:00Z,50
                """);
        assertEquals("g-1", parsed.groupId());
        assertEquals(1, parsed.rejections().size());
        assertEquals(3, parsed.rejections().get(0).line());
        assertEquals("group_id", parsed.rejections().get(0).column());
    }

    @Test
    void whatCannotBeReadIsNamedByLineAndColumn() {
        assertEquals("end_date_time", csv("start_date_time,capacity\n").rejections().get(0).column(), "a header without a column");
        CapacityFiles.Parsed parsed = csv("start_date_time,end_date_time,capacity\na,b\nx,y,many\n");
        assertEquals(2, parsed.rejections().size());
        assertEquals(2, parsed.rejections().get(0).line());
        assertEquals("capacity", parsed.rejections().get(1).column());
        assertTrue(csv("").rejections().get(0).reason().contains("empty"));
        assertTrue(csv("start_date_time,end_date_time,capacity\n").rejections().get(0).reason().contains("no rows"));
        assertTrue(CapacityFiles.parse("g.csv", new byte[] {(byte) 0xff, 0x41}).rejections().get(0).reason().contains("UTF-8"));
    }

    @Test
    void theApisJsonIsReadWithItsType() {
        CapacityFiles.Parsed parsed = CapacityFiles.parse("g.json", """
                {"type": "power_setpoint", "periods": [
                  {"start_date_time": "2099-01-01T00:00:00Z", "end_date_time": "2099-01-01T01:00:00Z", "capacity": 40},
                  {"start_date_time": "2099-01-01T01:00:00Z", "end_date_time": "2099-01-01T02:00:00Z", "capacity": "lots"}]}
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals("power_setpoint", parsed.type());
        assertEquals(1, parsed.rows().size());
        assertEquals(2, parsed.rejections().get(0).line());
        assertEquals("capacity", parsed.rejections().get(0).column());
        assertEquals("body", CapacityFiles.parse("g.json", "{".getBytes(StandardCharsets.UTF_8)).rejections().get(0).column());
    }

    @Test
    void theSameContentHasTheSameDigest() {
        assertEquals(CapacityFiles.sha256("a".getBytes(StandardCharsets.UTF_8)), CapacityFiles.sha256("a".getBytes(StandardCharsets.UTF_8)));
        assertEquals("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
                CapacityFiles.sha256("a".getBytes(StandardCharsets.UTF_8)));
    }
}
