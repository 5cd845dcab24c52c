package org.gridcharge.allocation;

/**
 * What one socket gets.
 *
 * @param evseId     the EVSE
 * @param limit      its limit per phase (for an uncontrollable socket: what it is counted at)
 * @param state      why it got that limit
 * @param priority   whether it was served as a priority session
 */
public record SocketAllocation(String evseId, double limit, State state, boolean priority) {

    /** Why a socket has the limit it has. */
    public enum State {
        /** No session: nothing to give. */
        AVAILABLE,
        /** Charging with a limit of at least the minimum current. */
        CHARGING,
        /** Charging in its start window: once admitted, served up to its maximum before the others share. */
        STARTED,
        /** Not enough capacity to give it the minimum current: paused at 0 A. */
        PAUSED,
        /** Waiting for a window of its energy plan (time of use: a cheaper or allowed time comes): 0 A now. */
        SCHEDULED,
        /** Its maximum is below the minimum current: it cannot be served. */
        REJECTED,
        /** Out of our control (offline or not accepting profiles): counted at what it may still draw. */
        UNCONTROLLABLE
    }
}
