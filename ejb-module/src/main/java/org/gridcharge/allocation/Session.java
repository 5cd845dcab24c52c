package org.gridcharge.allocation;

import java.time.Instant;
import java.util.Objects;

/**
 * A charging session on a socket, as far as allocation cares.
 *
 * @param sessionId     the session's id
 * @param startedAt     when it started (first come, first served; who is paused first)
 * @param measuredAmps  the highest current it drew on any of its phases at the last meter reading, or null if unknown
 * @param priority      whether the driver asked for priority
 * @param departure     when the driver leaves, or null
 * @param energyNeedWh  how much energy the EV still wants, or null
 */
public record Session(String sessionId, Instant startedAt, Double measuredAmps, boolean priority, Instant departure, Double energyNeedWh) {

    public Session {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    public static Session started(String sessionId, Instant startedAt) {
        return new Session(sessionId, startedAt, null, false, null, null);
    }

    public Session withPriority(boolean newPriority) {
        return new Session(sessionId, startedAt, measuredAmps, newPriority, departure, energyNeedWh);
    }

    public Session withMeasuredAmps(Double amps) {
        return new Session(sessionId, startedAt, amps, priority, departure, energyNeedWh);
    }
}
