package org.gridcharge.platform.cluster;

import java.time.Instant;

/**
 * This server wrote its heartbeat and judged the others' silence (each server that fell silent was announced
 * {@link MemberGone} first): components that look after the work of servers no longer in the cluster check on it now.
 * Fired on this server's heartbeat thread, after the heartbeat's transaction: an observer hands anything slow to a
 * thread of its own. Not fired while this server's own heartbeats are unsteady (after a database outage nobody judges).
 *
 * @param at when, by this server's clock
 */
public record Judged(Instant at) {
}
