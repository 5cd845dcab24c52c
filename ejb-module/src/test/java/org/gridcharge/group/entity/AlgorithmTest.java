package org.gridcharge.group.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gridcharge.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class AlgorithmTest {

    @Test
    void fillsInDefaultsInParameterOrder() {
        Map<String, Double> resolved = Algorithm.PRIORITY.resolve(Map.of("min_current_amps", new BigDecimal("8")));
        assertEquals(List.of("min_current_amps", "redistribution_margin_amps", "max_priority_sessions", "session_started_seconds"),
                List.copyOf(resolved.keySet()));
        assertEquals(8.0, resolved.get("min_current_amps"));
        assertEquals(1.0, resolved.get("redistribution_margin_amps"));
    }

    @Test
    void refusesParametersOfAnotherAlgorithm() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Algorithm.EQUAL_SHARE.resolve(Map.of("max_priority_sessions", 2)));
        assertEquals("algorithm.parameters.max_priority_sessions", e.field());
    }

    @Test
    void refusesValuesOutsideTheRange() {
        assertEquals("algorithm.parameters.min_current_amps",
                assertThrows(InvalidInputException.class, () -> Algorithm.EQUAL_SHARE.resolve(Map.of("min_current_amps", 5.9))).field());
        assertEquals("algorithm.parameters.min_current_amps",
                assertThrows(InvalidInputException.class, () -> Algorithm.EQUAL_SHARE.resolve(Map.of("min_current_amps", "6"))).field());
        assertEquals("algorithm.parameters.max_priority_sessions",
                assertThrows(InvalidInputException.class, () -> Algorithm.PRIORITY.resolve(Map.of("max_priority_sessions", 1.5))).field());
    }

    @Test
    void parsesOnlyKnownNames() {
        assertEquals(Algorithm.FIRST_COME_FIRST_SERVED, Algorithm.parse("first_come_first_served"));
        assertEquals("algorithm.name", assertThrows(InvalidInputException.class, () -> Algorithm.parse("EQUAL_SHARE")).field());
        assertEquals("algorithm.name", assertThrows(InvalidInputException.class, () -> Algorithm.parse(null)).field());
    }

    @Test
    void aGroupGuardsItsDefaultCapacity() {
        SmartChargingGroup group = new SmartChargingGroup("NL*GFX", "Depot", "equal_share", null, 63.0, Instant.EPOCH);
        assertEquals(63.0, group.defaultCapacity());
        assertEquals("default_capacity_amps", assertThrows(InvalidInputException.class, () -> group.changeDefaultCapacity(-1.0)).field());
        assertEquals("default_capacity_amps",
                assertThrows(InvalidInputException.class, () -> group.changeDefaultCapacity(Double.POSITIVE_INFINITY)).field());
        assertEquals("name", assertThrows(InvalidInputException.class, () -> group.rename("  ")).field());
    }
}
