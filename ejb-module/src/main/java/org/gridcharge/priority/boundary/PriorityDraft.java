package org.gridcharge.priority.boundary;

/**
 * A driver's request for priority: for the session running on the EVSE {@code evseId} or {@code evseUid}, or for
 * {@code sessionId}.
 *
 * @param departureTime UTC ISO-8601, optional
 * @param energyKwh     energy the EV still needs, optional
 */
public record PriorityDraft(String evseId, String evseUid, String sessionId, String requestedBy, String departureTime, Double energyKwh) {
}
