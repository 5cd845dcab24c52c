package org.gridcharge.evse.boundary;

/** What a client sends to create an EVSE (also the JSON body of {@code POST /evses}). */
public record EvseDraft(String evseId, String cpoId, String chargeStationId, Integer connectorId,
                        Double maxCurrentAmps, Integer phases, String phaseRotation, String uid, Double maxPowerWatts) {
}
