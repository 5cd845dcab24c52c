package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.ocpp.StationConnection;
import org.gridcharge.ocpp.boundary.StationCommands;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.station.boundary.ChargeStationService;
import org.gridcharge.station.entity.EvseControl;

/** Charge stations: their OCPP password, and what the platform knows of its connection to them. */
@Path("charge-stations/{charge_station_id}")
@Tag(name = "Charge stations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN})
public class ChargeStationResource {

    @EJB
    ChargeStationService stations;

    @Inject
    StationCommands commands;

    @Inject
    @ConfigProperty(name = "gridcharge.ocpp.call-timeout-seconds", defaultValue = "30")
    long callTimeoutSeconds;

    @Inject
    Caller caller;

    public record CredentialsJson(String password) {
    }

    public record LastProfileJson(Double limitAmps, Instant sentAt, String status, Instant answeredAt) {
    }

    public record StationEvseJson(String evseId, int connectorId, String groupId, LastProfileJson lastProfile) {
    }

    public record StationJson(String chargeStationId, String cpoId, boolean passwordSet, boolean connected, String protocol,
                              Instant connectedAt, Instant lastSeen, String vendor, String model, String firmwareVersion,
                              List<StationEvseJson> evses) {
    }

    @PUT
    @Path("credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the password the station connects with (HTTP Basic; 16 to 40 printable ASCII characters). Stored hashed.")
    public Response setCredentials(@PathParam("charge_station_id") String chargeStationId, CredentialsJson credentials) {
        if (credentials == null) {
            throw new InvalidInputException("body", "a JSON object {\"password\"} is required");
        }
        stations.setPassword(caller, chargeStationId, credentials.password());
        return Response.noContent().build();
    }

    @GET
    @Path("composite-schedule")
    @Operation(summary = "Ask the connected station (GetCompositeSchedule) which limits it will apply on a connector / EVSE")
    public Response compositeSchedule(@PathParam("charge_station_id") String chargeStationId, @QueryParam("connector_id") String connector,
                                      @QueryParam("duration_seconds") String duration) {
        int connectorId = number("connector_id", connector, 0, 0, Integer.MAX_VALUE);
        int seconds = number("duration_seconds", duration, 3600, 1, 7 * 24 * 3600);
        return answer(commands.compositeSchedule(caller, chargeStationId, connectorId, seconds));
    }

    @POST
    @Path("resend-profiles")
    @Operation(summary = "Clear every charging profile on the connected station (ClearChargingProfile), then send its failsafe and limits again")
    public Response resendProfiles(@PathParam("charge_station_id") String chargeStationId) {
        return answer(commands.resendProfiles(caller, chargeStationId));
    }

    /** The station's answer as JSON, 502 with its CALLERROR, or 504 if it did not answer in time. */
    private Response answer(CompletableFuture<StationConnection.Outcome> pending) {
        StationConnection.Outcome outcome;
        try {
            outcome = pending.get(callTimeoutSeconds + 5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            outcome = StationConnection.Outcome.TIMEOUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = StationConnection.Outcome.TIMEOUT;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // e.g. the station left the server of the cluster that was to send the CALL: 409
            }
            throw new IllegalStateException(e.getCause());
        }
        if (outcome.answered()) {
            return Response.ok(outcome.result(), MediaType.APPLICATION_JSON).build();
        }
        if (outcome.timedOut()) {
            return Problem.of(Response.Status.GATEWAY_TIMEOUT, "station-timeout", "the station did not answer in time", null).toResponse();
        }
        return Problem.of(Response.Status.BAD_GATEWAY, "station-error", "the station answered with a CALLERROR: " + outcome.errorCode()
                + " " + outcome.errorDescription(), null).toResponse();
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(field, "must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    @GET
    @Operation(summary = "The station's connection state, protocol, last seen, and the last limit each EVSE was sent with its answer")
    public StationJson get(@PathParam("charge_station_id") String chargeStationId) {
        ChargeStationService.StationView view = stations.view(caller, chargeStationId);
        List<StationEvseJson> evses = view.evses().stream().map(e -> {
            EvseControl c = e.control();
            LastProfileJson last = c == null || c.lastSentAt() == null ? null
                    : new LastProfileJson(c.lastSent(), c.lastSentAt(), c.lastStatus() == null ? null : c.lastStatus().name().toLowerCase(),
                    c.answerToLastSent());
            return new StationEvseJson(e.evse().evseId(), e.evse().connectorId(), e.evse().groupId(), last);
        }).toList();
        var link = view.link();
        var station = view.station();
        return new StationJson(view.chargeStationId(), view.cpoId(), view.passwordSet(), link != null && link.connected(),
                link == null ? null : link.protocol(), link == null ? null : link.connectedAt(), link == null ? null : link.lastSeen(),
                station == null ? null : station.vendor(), station == null ? null : station.model(),
                station == null ? null : station.firmwareVersion(), evses);
    }
}
