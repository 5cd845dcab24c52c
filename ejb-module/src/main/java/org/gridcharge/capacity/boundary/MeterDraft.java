package org.gridcharge.capacity.boundary;

import java.util.List;

/**
 * A group's site meter as a client sets it (the body of {@code PUT .../meter}); absent fields take their defaults. The
 * connection's capacity is per phase in the group's unit: one number for every phase, or one per phase.
 */
public record MeterDraft(String source, String brokerUrl, String topic, String username, String password, Double connectionCapacity,
                         List<Double> connectionCapacityPerPhase, Boolean includesEvLoad, String mode, Integer staleAfterSeconds,
                         Double fallbackCapacity, Integer riseDelaySeconds, Double deadband) {

    @jakarta.json.bind.annotation.JsonbCreator
    public MeterDraft {
        // the canonical constructor is the one JSON-B binds
    }
}
