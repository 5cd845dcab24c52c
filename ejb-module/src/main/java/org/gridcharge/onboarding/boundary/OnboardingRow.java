package org.gridcharge.onboarding.boundary;

import java.io.Serializable;

/** One row of an onboarding file, typed; {@code line} is its line number in the file (the header is line 1). */
public record OnboardingRow(int line, String evseId, String cpoId, String chargeStationId, Integer connectorId, Double maxCurrentAmps,
                            Integer phases, String phaseRotation, String groupId, String stationPassword, String uid,
                            Double maxPowerWatts) implements Serializable {
}
