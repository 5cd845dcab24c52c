package org.gridcharge.evse.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.gridcharge.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvseTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static Evse evse(String id, Integer connector, Double amps, Integer phases, String rotation) {
        return new Evse(id, "NL*GFX", "CS-1", connector, amps, phases, rotation, NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NL*GFX*E00001*1", "NLGFXE00001", "DE*ABC*E1*A*2", "nl*gfx*e1"})
    void acceptsEmi3EvseIds(String id) {
        assertEquals(id, evse(id, 1, 16.0, 1, null).evseId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NL*GF*E1", "NL*GFX*X1", "NL GFX E1", "N*GFX*E1", "NL*GFX*E"})
    void refusesOtherEvseIds(String id) {
        assertEquals("evse_id", assertThrows(InvalidInputException.class, () -> evse(id, 1, 16.0, 1, null)).field());
    }

    @Test
    void defaultsThePhaseRotationToThePhaseCount() {
        assertEquals(PhaseRotation.L1, evse("NL*GFX*E1", 1, 16.0, 1, null).phaseRotation());
        assertEquals(PhaseRotation.RST, evse("NL*GFX*E1", 1, 16.0, 3, null).phaseRotation());
    }

    @Test
    void refusesARotationThatDoesNotFitThePhases() {
        assertEquals("phase_rotation", assertThrows(InvalidInputException.class, () -> evse("NL*GFX*E1", 1, 16.0, 3, "L2")).field());
        assertEquals("phase_rotation", assertThrows(InvalidInputException.class, () -> evse("NL*GFX*E1", 1, 16.0, 1, "STR")).field());
        assertEquals("phase_rotation", assertThrows(InvalidInputException.class, () -> evse("NL*GFX*E1", 1, 16.0, 1, "L4")).field());
    }

    @Test
    void guardsTheRating() {
        assertEquals("max_current_amps", assertThrows(InvalidInputException.class, () -> evse("NL*GFX*E1", 1, 0.0, 1, null)).field());
        assertEquals("max_current_amps", assertThrows(InvalidInputException.class, () -> evse("NL*GFX*E1", 1, Double.NaN, 1, null)).field());
        assertEquals("max_current_amps", assertThrows(InvalidInputException.class, () -> evse("NL*GFX*E1", 1, 1000.5, 1, null)).field());
        assertEquals("phases", assertThrows(InvalidInputException.class, () -> evse("NL*GFX*E1", 1, 16.0, 2, null)).field());
        assertEquals("connector_id", assertThrows(InvalidInputException.class, () -> evse("NL*GFX*E1", 0, 16.0, 1, null)).field());
    }

    @Test
    void changingThePhasesWithoutARotationTakesTheDefault() {
        Evse evse = evse("NL*GFX*E1", 1, 16.0, 1, "L3");
        evse.rate(32.0, 3, null);
        assertEquals(PhaseRotation.RST, evse.phaseRotation());
        assertEquals(32.0, evse.maxCurrentAmps());
    }
}
