package org.gridcharge.priority.boundary;

/**
 * A driver's request for priority: for the session running on {@code evseId}, or for {@code sessionId}.
 *
 * @param departureTime UTC ISO-8601, optional
 * @param energyKwh     energy the EV still needs, optional
 */
public record PriorityDraft(String evseId, String sessionId, String requestedBy, String departureTime, Double energyKwh) {
}
