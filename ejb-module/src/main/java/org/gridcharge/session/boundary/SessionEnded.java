package org.gridcharge.session.boundary;

import java.time.Instant;

/** A session ended (fired in the transaction that ends it). */
public record SessionEnded(String sessionId, Instant at, Double meterWh) {
}
