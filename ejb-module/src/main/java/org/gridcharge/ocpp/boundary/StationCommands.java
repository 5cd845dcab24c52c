package org.gridcharge.ocpp.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.gridcharge.ocpp.StationConnection;
import org.gridcharge.ocpp.message.ChargingRateUnit;
import org.gridcharge.ocpp.message.ClearChargingProfile;
import org.gridcharge.ocpp.message.GetCompositeSchedule;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.monitoring.PlatformMetrics;
import org.gridcharge.station.boundary.ChargeStationService;

/** Requests an operator sends to a connected station through the API, answered with what the station said. */
@ApplicationScoped
public class StationCommands {

    @Inject
    StationRegistry registry;

    @Inject
    ProfileSender profiles;

    @EJB
    ChargeStationService stations;

    @Inject
    PlatformMetrics metrics;

    /** GetCompositeSchedule: the limits the station will actually apply on a connector over the coming seconds. */
    public CompletableFuture<StationConnection.Outcome> compositeSchedule(Caller caller, String chargeStationId, int connectorId,
                                                                          int durationSeconds) {
        StationConnection connection = connected(caller, chargeStationId);
        CompletableFuture<StationConnection.Outcome> answer = new CompletableFuture<>();
        metrics.ocppMessage("out", GetCompositeSchedule.ACTION);
        connection.call(new GetCompositeSchedule(connectorId, durationSeconds, ChargingRateUnit.A), null, answer::complete);
        return answer;
    }

    /**
     * ClearChargingProfile for every profile on the station, then the failsafe and the planned
     * limits again: a clean slate for a station whose profiles are in doubt.
     */
    public CompletableFuture<StationConnection.Outcome> resendProfiles(Caller caller, String chargeStationId) {
        StationConnection connection = connected(caller, chargeStationId);
        CompletableFuture<StationConnection.Outcome> answer = new CompletableFuture<>();
        metrics.ocppMessage("out", ClearChargingProfile.ACTION);
        connection.call(new ClearChargingProfile(), null, outcome -> {
            connection.sent().clear();
            answer.complete(outcome);
            profiles.stationConnected(connection);
        });
        return answer;
    }

    private StationConnection connected(Caller caller, String chargeStationId) {
        stations.view(caller, chargeStationId); // 404 unless the caller may see the station
        StationConnection connection = registry.get(chargeStationId);
        if (connection == null) {
            throw new ConflictException("charge station '" + chargeStationId + "' is not connected");
        }
        return connection;
    }
}
