package org.gridcharge.ocpp.message;

import java.util.Objects;

/**
 * A charging profile of kind Absolute (its schedule starts at a given instant): {@code id}, the
 * stack level that decides which of several profiles applies, and what it limits.
 */
public record ChargingProfile(int id, int stackLevel, ChargingProfilePurpose purpose, String transactionId, ChargingSchedule schedule) {

    public ChargingProfile {
        Objects.requireNonNull(purpose);
        Objects.requireNonNull(schedule);
        if (stackLevel < 0) {
            throw new IllegalArgumentException("stackLevel is 0 or more, not " + stackLevel);
        }
        // a transaction id only on a TxProfile (both versions), and a TxProfile always has one (2.0.1 requires it; 1.6
        // allows a TxProfile for whichever transaction runs, which the platform never sends)
        if ((transactionId != null) != (purpose == ChargingProfilePurpose.TxProfile)) {
            throw new IllegalArgumentException("a TxProfile, and only a TxProfile, names its transaction: " + purpose + " " + transactionId);
        }
    }
}
