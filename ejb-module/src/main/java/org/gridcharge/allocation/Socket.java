package org.gridcharge.allocation;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A charging socket of a group at the moment of allocation.
 *
 * @param evseId          the EVSE
 * @param max             its hardware maximum per phase
 * @param gridPhases      the grid phases it draws from (one for a single-phase socket, all three otherwise)
 * @param controllable    false for a socket that is offline or has not accepted its last profile: we cannot steer it
 * @param reserved        what an uncontrollable socket may still draw (its last accepted limit, or its maximum)
 * @param session         the running session, or null when nothing charges
 */
public record Socket(String evseId, double max, Set<Phase> gridPhases, boolean controllable, double reserved,
                     Session session) {

    public Socket {
        Objects.requireNonNull(evseId, "evseId");
        if (!(max >= 0) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("max must be finite and not negative");
        }
        if (gridPhases == null || gridPhases.isEmpty()) {
            throw new IllegalArgumentException("a socket uses at least one grid phase");
        }
        gridPhases = Set.copyOf(EnumSet.copyOf(gridPhases));
        if (!(reserved >= 0)) {
            throw new IllegalArgumentException("reserved must not be negative");
        }
    }

    public static Socket singlePhase(String evseId, double max, Phase phase, Session session) {
        return new Socket(evseId, max, EnumSet.of(phase), true, 0, session);
    }

    public static Socket threePhase(String evseId, double max, Session session) {
        return new Socket(evseId, max, EnumSet.allOf(Phase.class), true, 0, session);
    }

    /** The same socket, out of our control: it counts at what it may still draw. */
    public Socket uncontrollable(double mayStillDraw) {
        return new Socket(evseId, max, gridPhases, false, mayStillDraw, session);
    }

    public boolean charging() {
        return session != null;
    }
}
