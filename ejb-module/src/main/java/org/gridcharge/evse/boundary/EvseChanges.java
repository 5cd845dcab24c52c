package org.gridcharge.evse.boundary;

/**
 * A partial update of an EVSE (JSON merge patch: absent or null fields stay as they are).
 * {@code evse_id} and {@code cpo_id} may be sent only with their current value: they cannot change.
 */
public record EvseChanges(String evseId, String cpoId, String chargeStationId, Integer connectorId,
                          Double maxCurrentAmps, Integer phases, String phaseRotation, Double maxPowerWatts) {
}
