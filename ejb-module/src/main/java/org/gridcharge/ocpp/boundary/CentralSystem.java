package org.gridcharge.ocpp.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.gridcharge.platform.json.Jsons;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.ocpp.OcppException;
import org.gridcharge.ocpp.OcppVersion;
import org.gridcharge.ocpp.OcppVersion.ErrorKind;
import org.gridcharge.ocpp.message.AuthorizationStatus;
import org.gridcharge.ocpp.message.GenericStatus;
import org.gridcharge.ocpp.message.RegistrationStatus;
import org.gridcharge.ocpp.SampledValues;
import org.gridcharge.session.boundary.MeterReading;
import org.gridcharge.session.boundary.MeterReadings;
import org.gridcharge.session.boundary.SessionService;
import org.gridcharge.session.entity.ChargingSession;
import org.gridcharge.station.boundary.ChargeStationService;

/**
 * Handles the requests stations send that read or change stored state, one transaction each: boots,
 * sessions starting and stopping, status, what they measure and what the EV needs. Payloads arrive
 * validated. Requests that are only acknowledged are answered without a transaction
 * ({@link org.gridcharge.ocpp.Acknowledgements}).
 */
@Stateless
public class CentralSystem {

    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    ChargeStationService stations;

    @EJB
    SessionService sessions;

    @Inject
    MeterReadings readings;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "gridcharge.ocpp.heartbeat-seconds", defaultValue = "300")
    int heartbeatSeconds;

    /** A measured current that moves by more than this makes the group allocate at once rather than at its next sweep. */
    @Inject
    @ConfigProperty(name = "gridcharge.ocpp.measurement-trigger-amps", defaultValue = "2")
    double measurementTriggerAmps;

    /** The CALLRESULT payload for a station's request. */
    public JsonObject handle(String chargeStationId, OcppVersion version, String action, JsonObject payload) {
        return version == OcppVersion.V16 ? v16(chargeStationId, action, payload) : v201(chargeStationId, action, payload);
    }

    private JsonObject v16(String station, String action, JsonObject p) {
        return switch (action) {
            case "BootNotification" -> {
                stations.booted(station, p.getString("chargePointVendor"), p.getString("chargePointModel"), p.getString("firmwareVersion", null));
                yield Jsons.createObjectBuilder().add("status", RegistrationStatus.Accepted.name()).add("currentTime", now())
                        .add("interval", heartbeatSeconds).build();
            }
            case "StartTransaction" -> {
                Evse evse = stations.evseAt(station, p.getInt("connectorId"));
                String transactionId = newTransactionId(station);
                if (evse != null) {
                    ChargingSession session = sessions.startFromStation(evse, station, transactionId, time(p, "timestamp"));
                    sessions.metered(session, p.getJsonNumber("meterStart").doubleValue());
                }
                yield Jsons.createObjectBuilder()
                        .add("idTagInfo", Jsons.createObjectBuilder()
                                .add("status", (evse != null ? AuthorizationStatus.Accepted : AuthorizationStatus.Invalid).name()))
                        .add("transactionId", Integer.parseInt(transactionId)).build();
            }
            case "StopTransaction" -> {
                ChargingSession session = sessions.byStationTransaction(station, Integer.toString(p.getInt("transactionId")));
                if (session != null) {
                    sessions.metered(session, p.getJsonNumber("meterStop").doubleValue());
                    sessions.end(session, time(p, "timestamp"));
                }
                yield JsonValue.EMPTY_JSON_OBJECT;
            }
            case "MeterValues" -> {
                ChargingSession session = p.containsKey("transactionId")
                        ? sessions.byStationTransaction(station, Integer.toString(p.getInt("transactionId")))
                        : openOn(station, p.getInt("connectorId"));
                measure(session, p.getJsonArray("meterValue").getValuesAs(JsonObject.class), OcppVersion.V16);
                yield JsonValue.EMPTY_JSON_OBJECT;
            }
            case "StatusNotification" -> {
                stations.statusReported(station, p.getInt("connectorId"), 0, p.getString("status"), p.getString("errorCode"),
                        p.containsKey("timestamp") ? time(p, "timestamp") : clock.instant());
                yield JsonValue.EMPTY_JSON_OBJECT;
            }
            default -> throw new IllegalArgumentException(action + " is acknowledged without a transaction");
        };
    }

    private JsonObject v201(String station, String action, JsonObject p) {
        return switch (action) {
            case "BootNotification" -> {
                JsonObject cs = p.getJsonObject("chargingStation");
                stations.booted(station, cs.getString("vendorName"), cs.getString("model"), cs.getString("firmwareVersion", null));
                yield Jsons.createObjectBuilder().add("currentTime", now()).add("interval", heartbeatSeconds)
                        .add("status", RegistrationStatus.Accepted.name()).build();
            }
            case "TransactionEvent" -> {
                transactionEvent(station, p);
                // OCPP 2.0.1: idTokenInfo is required in the answer when the request carried an idToken. Authorizing
                // drivers is the CSMS's business, not the smart charging platform's: the token is accepted.
                yield p.containsKey("idToken") ? Jsons.createObjectBuilder().add("idTokenInfo", Jsons.createObjectBuilder()
                        .add("status", AuthorizationStatus.Accepted.name())).build() : JsonValue.EMPTY_JSON_OBJECT;
            }
            case "MeterValues" -> {
                measure(openOn(station, p.getInt("evseId")), p.getJsonArray("meterValue").getValuesAs(JsonObject.class), OcppVersion.V201);
                yield JsonValue.EMPTY_JSON_OBJECT;
            }
            case "NotifyEVChargingNeeds" -> {
                ChargingSession session = openOn(station, p.getInt("evseId"));
                if (session == null) {
                    yield Jsons.createObjectBuilder().add("status", GenericStatus.Rejected.name()).build();
                }
                JsonObject needs = p.getJsonObject("chargingNeeds");
                Instant departure = needs.containsKey("departureTime") ? time(needs, "departureTime") : null;
                JsonObject ac = needs.getJsonObject("acChargingParameters");
                Double energyWh = ac == null ? null : (double) ac.getInt("energyAmount");
                sessions.needs(session, departure, energyWh);
                yield Jsons.createObjectBuilder().add("status", GenericStatus.Accepted.name()).build();
            }
            case "StatusNotification" -> {
                // a report per connector of an EVSE; the EVSE, which the platform steers, shows the most telling of them
                stations.statusReported(station, p.getInt("evseId"), p.getInt("connectorId"), p.getString("connectorStatus"), null,
                        time(p, "timestamp"));
                yield JsonValue.EMPTY_JSON_OBJECT;
            }
            default -> throw new IllegalArgumentException(action + " is acknowledged without a transaction");
        };
    }

    private void transactionEvent(String station, JsonObject p) {
        String transactionId = p.getJsonObject("transactionInfo").getString("transactionId");
        String eventType = p.getString("eventType");
        Instant at = time(p, "timestamp");
        ChargingSession session = sessions.byStationTransaction(station, transactionId);
        if (session == null && !"Ended".equals(eventType)) {
            JsonObject evseRef = p.getJsonObject("evse");
            if (evseRef == null) {
                if ("Started".equals(eventType)) {
                    throw new OcppException(ErrorKind.OCCURRENCE, "evse is required when eventType is Started");
                }
            } else {
                Evse evse = stations.evseAt(station, evseRef.getInt("id"));
                if (evse != null) {
                    session = sessions.startFromStation(evse, station, transactionId, at);
                }
            }
        }
        if (p.containsKey("meterValue")) {
            measure(session, p.getJsonArray("meterValue").getValuesAs(JsonObject.class), OcppVersion.V201);
        }
        if (session != null && "Ended".equals(eventType)) {
            sessions.end(session, at);
        }
    }

    /**
     * Feeds a report's energy register and the highest current drawn on any phase (measurand Current.Import) to the
     * session, if it is open; every value is checked, with or without a session: a broken meter gets its CALLERROR
     * either way. A session a station reports on is known from then on to the {@link MeterReadings}, which take its next reports.
     */
    private void measure(ChargingSession session, List<JsonObject> meterValues, OcppVersion version) {
        MeterReading reading = SampledValues.read(meterValues, version);
        if (session == null || session.endedAt() != null) {
            return;
        }
        if (reading.firstWh() != null) {
            sessions.metered(session, reading.firstWh());
            sessions.metered(session, reading.lastWh());
        }
        if (reading.amps() != null) {
            sessions.measured(session, reading.amps(), reading.phases(), reading.at(), measurementTriggerAmps);
        }
        if (session.stationTx() != null) {
            readings.known(session.stationTx(), session.sessionId(), session.measuredAmps(), session.measuredPhases());
        }
    }

    private ChargingSession openOn(String station, int connectorId) {
        Evse evse = stations.evseAt(station, connectorId);
        if (evse == null) {
            return null;
        }
        List<ChargingSession> open = sessions.openOn(evse.evseId());
        return open.isEmpty() ? null : open.get(0);
    }

    private String newTransactionId(String station) {
        for (;;) {
            String candidate = Integer.toString(1 + RANDOM.nextInt(Integer.MAX_VALUE - 1));
            if (sessions.byStationTransaction(station, candidate) == null) {
                return candidate;
            }
        }
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static Instant time(JsonObject object, String field) {
        return OffsetDateTime.parse(object.getString(field)).toInstant();
    }
}
