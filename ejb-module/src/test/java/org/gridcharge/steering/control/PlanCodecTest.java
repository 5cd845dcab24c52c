package org.gridcharge.steering.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridcharge.allocation.Plan;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.steering.boundary.AllocationPlanned;
import org.junit.jupiter.api.Test;

class PlanCodecTest {

    @Test
    void aPlanReadsBackAsItWasWritten() {
        Random random = new Random(7);
        Instant now = Instant.parse("2026-11-30T10:15:30.123456789Z");
        Map<String, AllocationPlanned.StationConnector> stations = new LinkedHashMap<>();
        Map<String, List<Plan.LimitPeriod>> schedules = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            String evse = "NL*GFX*E" + i + "*1";
            stations.put(evse, new AllocationPlanned.StationConnector("CS-" + i / 2, i % 2 + 1, i % 3 == 0 ? 1 : 3,
                    i % 4 == 0 ? null : "tx-" + i, i % 5 == 0 ? CapacityUnit.W : CapacityUnit.A));
            if (i % 7 != 0) {
                Instant start = now;
                List<Plan.LimitPeriod> schedule = new java.util.ArrayList<>();
                for (int p = 0; p < 1 + random.nextInt(6); p++) {
                    Instant end = start.plusSeconds(900 * (1 + random.nextInt(8)));
                    schedule.add(new Plan.LimitPeriod(start, end, Math.round(random.nextDouble() * 320) / 10.0));
                    start = end;
                }
                schedules.put(evse, schedule);
            }
        }
        AllocationPlanned planned = new AllocationPlanned("group-1", "capacity_changed", stations, schedules);
        byte[] body = PlanCodec.encode(planned);
        assertEquals(planned, PlanCodec.decode(body));
        assertEquals(planned.withVersion(3), PlanCodec.decode(body).withVersion(3));
    }

    @Test
    void anUnknownFormatIsRefused() {
        byte[] body = PlanCodec.encode(new AllocationPlanned("g", "timer", Map.of(), Map.of()));
        java.io.ByteArrayOutputStream other = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.DeflaterOutputStream(other))) {
            out.writeByte(9);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals("g", PlanCodec.decode(body).groupId());
        assertThrows(IllegalArgumentException.class, () -> PlanCodec.decode(other.toByteArray()));
    }
}
