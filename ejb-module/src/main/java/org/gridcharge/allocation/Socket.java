package org.gridcharge.allocation;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A charging socket of a group at the moment of allocation.
 *
 * @param evseId          the EVSE
 * @param maxCurrentAmps  its hardware maximum per phase
 * @param gridPhases      the grid phases it draws from (one for a single-phase socket, all three otherwise)
 * @param controllable    false for a socket that is offline or has not accepted its last profile: we cannot steer it
 * @param reservedAmps    what an uncontrollable socket may still draw (its last accepted limit, or its maximum)
 * @param session         the running session, or null when nothing charges
 */
public record Socket(String evseId, double maxCurrentAmps, Set<Phase> gridPhases, boolean controllable, double reservedAmps,
                     Session session) {

    public Socket {
        Objects.requireNonNull(evseId, "evseId");
        if (!(maxCurrentAmps >= 0) || Double.isInfinite(maxCurrentAmps)) {
            throw new IllegalArgumentException("maxCurrentAmps must be finite and not negative");
        }
        if (gridPhases == null || gridPhases.isEmpty()) {
            throw new IllegalArgumentException("a socket uses at least one grid phase");
        }
        gridPhases = Set.copyOf(EnumSet.copyOf(gridPhases));
        if (!(reservedAmps >= 0)) {
            throw new IllegalArgumentException("reservedAmps must not be negative");
        }
    }

    public static Socket singlePhase(String evseId, double maxCurrentAmps, Phase phase, Session session) {
        return new Socket(evseId, maxCurrentAmps, EnumSet.of(phase), true, 0, session);
    }

    public static Socket threePhase(String evseId, double maxCurrentAmps, Session session) {
        return new Socket(evseId, maxCurrentAmps, EnumSet.allOf(Phase.class), true, 0, session);
    }

    /** The same socket, out of our control: it counts at what it may still draw. */
    public Socket uncontrollable(double mayStillDrawAmps) {
        return new Socket(evseId, maxCurrentAmps, gridPhases, false, mayStillDrawAmps, session);
    }

    public boolean charging() {
        return session != null;
    }
}
