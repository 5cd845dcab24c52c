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
import org.gridcharge.ocpp.message.CertificateStatus;
import org.gridcharge.ocpp.message.DataTransferStatus;
import org.gridcharge.ocpp.message.GenericStatus;
import org.gridcharge.ocpp.message.RegistrationStatus;
import org.gridcharge.session.boundary.SessionService;
import org.gridcharge.session.entity.ChargingSession;
import org.gridcharge.station.boundary.ChargeStationService;

/**
 * Handles the requests stations send, one transaction each: boots, heartbeats, sessions starting
 * and stopping, what they measure and what the EV needs. Payloads arrive validated.
 */
@Stateless
public class CentralSystem {

    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    ChargeStationService stations;

    @EJB
    SessionService sessions;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "gridcharge.ocpp.heartbeat-seconds", defaultValue = "300")
    int heartbeatSeconds;

    private static final java.util.logging.Logger SECURITY = java.util.logging.Logger.getLogger("org.gridcharge.ocpp.security");

    /** Above these a sampled value is a broken meter, not a reading: refused with a CALLERROR, never stored. */
    static final double MAX_AMPS = 10_000;
    static final double MAX_ENERGY_WH = 1e15;
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

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
            case "Heartbeat" -> Jsons.createObjectBuilder().add("currentTime", now()).build();
            case "Authorize" -> Jsons.createObjectBuilder()
                    .add("idTagInfo", Jsons.createObjectBuilder().add("status", AuthorizationStatus.Accepted.name())).build();
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
            case "DataTransfer" -> Jsons.createObjectBuilder().add("status", DataTransferStatus.UnknownVendorId.name()).build();
            default -> JsonValue.EMPTY_JSON_OBJECT; // DiagnosticsStatusNotification, FirmwareStatusNotification
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
            case "Heartbeat" -> Jsons.createObjectBuilder().add("currentTime", now()).build();
            case "Authorize" -> Jsons.createObjectBuilder()
                    .add("idTokenInfo", Jsons.createObjectBuilder().add("status", AuthorizationStatus.Accepted.name())).build();
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
            case "DataTransfer" -> Jsons.createObjectBuilder().add("status", DataTransferStatus.UnknownVendorId.name()).build();
            case "SecurityEventNotification" -> {
                // kept in the server's log (messages.log, or the JSON console for log shippers): an operator's audit trail
                SECURITY.warning(() -> "OCPP security event from " + station + ": " + p.getString("type") + " at " + p.getString("timestamp")
                        + (p.containsKey("techInfo") ? " (" + p.getString("techInfo") + ")" : ""));
                yield JsonValue.EMPTY_JSON_OBJECT;
            }
            case "NotifyEVChargingSchedule" -> Jsons.createObjectBuilder().add("status", GenericStatus.Accepted.name()).build();
            // the platform runs no certificate authority: certificate requests are answered, and declined
            case "SignCertificate" -> Jsons.createObjectBuilder().add("status", GenericStatus.Rejected.name()).build();
            case "GetCertificateStatus" -> Jsons.createObjectBuilder().add("status", CertificateStatus.Failed.name()).build();
            case "Get15118EVCertificate" -> Jsons.createObjectBuilder().add("status", CertificateStatus.Failed.name()).add("exiResponse", "")
                    .build();
            // ReportChargingProfiles, NotifyEvent, NotifyReport, NotifyMonitoringReport, FirmwareStatusNotification,
            // LogStatusNotification, ClearedChargingLimit, NotifyChargingLimit, NotifyCustomerInformation,
            // NotifyDisplayMessages, PublishFirmwareStatusNotification, ReservationStatusUpdate: acknowledged
            default -> JsonValue.EMPTY_JSON_OBJECT;
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

    /** Feeds the highest current drawn on any phase (measurand Current.Import) to the session. */
    private void measure(ChargingSession session, List<JsonObject> meterValues, OcppVersion version) {
        // every value is checked, with or without a session: a broken meter gets its CALLERROR either way
        boolean open = session != null && session.endedAt() == null;
        Double highest = null;
        Double[] phases = new Double[3];
        Instant at = null;
        for (JsonObject meterValue : meterValues) {
            for (JsonObject sample : meterValue.getJsonArray("sampledValue").getValuesAs(JsonObject.class)) {
                String measurand = sample.getString("measurand", "Energy.Active.Import.Register"); // the spec's default
                if ("Energy.Active.Import.Register".equals(measurand) && !sample.containsKey("phase")) {
                    double wh = value(sample.get("value"), version) * whPerUnit(sample, version);
                    if (wh > MAX_ENERGY_WH) {
                        throw new OcppException(ErrorKind.PROPERTY, "sampledValue.value: an energy register above " + MAX_ENERGY_WH + " Wh is not a meter reading");
                    }
                    if (open) {
                        sessions.metered(session, wh);
                    }
                    continue;
                }
                if (!"Current.Import".equals(measurand)) {
                    continue;
                }
                String phase = sample.getString("phase", null);
                if (phase != null && !phase.equals("L1") && !phase.equals("L2") && !phase.equals("L3")) {
                    continue;
                }
                double amps = value(sample.get("value"), version);
                if (amps > MAX_AMPS) {
                    throw new OcppException(ErrorKind.PROPERTY, "sampledValue.value: a current above " + (long) MAX_AMPS + " A is not a meter reading");
                }
                if (highest == null || amps > highest) {
                    highest = amps;
                    at = time(meterValue, "timestamp");
                }
                if (phase != null) {
                    int p = phase.charAt(1) - '1';
                    phases[p] = phases[p] == null ? amps : Math.max(phases[p], amps);
                }
            }
        }
        if (open && highest != null) {
            sessions.measured(session, highest, phases, at, measurementTriggerAmps);
        }
    }

    /** Wh per unit of an energy sample: kWh in either version, and OCPP 2.0.1's power-of-ten multiplier. */
    private static double whPerUnit(JsonObject sample, OcppVersion version) {
        if (version == OcppVersion.V16) {
            return "kWh".equals(sample.getString("unit", "Wh")) ? 1000 : 1;
        }
        JsonObject unit = sample.getJsonObject("unitOfMeasure");
        double factor = unit != null && "kWh".equals(unit.getString("unit", "Wh")) ? 1000 : 1;
        return factor * Math.pow(10, unit == null ? 0 : unit.getInt("multiplier", 0));
    }

    /** A sampled value: a finite, non-negative decimal (OCPP 1.6 writes it as a string), or a PropertyConstraintViolation. */
    static double value(JsonValue value, OcppVersion version) {
        double parsed;
        if (value instanceof JsonNumber number) {
            parsed = number.doubleValue();
        } else {
            String text = ((JsonString) value).getString().trim();
            // Double.parseDouble takes "NaN", "Infinity" and hexadecimal floats: a meter value is a plain decimal
            if (!DECIMAL.matcher(text).matches()) {
                throw new OcppException(ErrorKind.PROPERTY, "sampledValue.value '" + text + "' is not a decimal number");
            }
            parsed = Double.parseDouble(text);
        }
        if (!Double.isFinite(parsed) || parsed < 0) {
            throw new OcppException(ErrorKind.PROPERTY, "sampledValue.value " + value + " is not a finite, non-negative number");
        }
        return parsed;
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
