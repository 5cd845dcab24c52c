package org.gridcharge.evse.entity;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.gridcharge.platform.error.InvalidInputException;

/**
 * Which grid phases a socket uses. A single-phase socket sits on one of L1, L2, L3; a
 * three-phase socket's wiring is given in OCPP's notation (RST means the socket's L1, L2, L3
 * are the grid's L1, L2, L3; STR means they are the grid's L2, L3, L1, and so on).
 */
public enum PhaseRotation {
    L1(1), L2(1), L3(1),
    RST(3), RTS(3), SRT(3), STR(3), TRS(3), TSR(3);

    private final int phases;

    PhaseRotation(int phases) {
        this.phases = phases;
    }

    public int phases() {
        return phases;
    }

    /** The rotation assumed when none is given: L1 for single-phase, RST for three-phase sockets. */
    public static PhaseRotation defaultFor(int phases) {
        return phases == 1 ? L1 : RST;
    }

    public static PhaseRotation parse(String value, int phases) {
        if (value == null) {
            return defaultFor(phases);
        }
        for (PhaseRotation rotation : values()) {
            if (rotation.name().equals(value)) {
                if (rotation.phases != phases) {
                    throw new InvalidInputException("phase_rotation",
                            "'" + value + "' does not fit a " + phases + "-phase socket; use one of " + allowedFor(phases));
                }
                return rotation;
            }
        }
        throw new InvalidInputException("phase_rotation", "'" + value + "' is unknown; use one of " + allowedFor(phases));
    }

    static List<String> namesFor(int phases) {
        return Arrays.stream(values()).filter(r -> r.phases == phases).map(Enum::name).toList();
    }

    private static String allowedFor(int phases) {
        return namesFor(phases).stream().collect(Collectors.joining(", "));
    }
}
