package org.gridcharge.ocpp;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.logging.Logger;
import org.gridcharge.ocpp.message.AuthorizationStatus;
import org.gridcharge.ocpp.message.CertificateStatus;
import org.gridcharge.ocpp.message.DataTransferStatus;
import org.gridcharge.ocpp.message.GenericStatus;
import org.gridcharge.platform.json.Jsons;

/**
 * The answers to requests that change nothing the platform stores: a Heartbeat, an Authorize, a
 * DataTransfer, notifications that are only acknowledged. They are given without a transaction,
 * which is most of what such a request would cost. Requests that store something (boots,
 * transactions, meter values, status, charging needs) are the {@code CentralSystem}'s.
 */
public final class Acknowledgements {

    private static final Logger SECURITY = Logger.getLogger("org.gridcharge.ocpp.security");

    /** The requests whose answers depend on, or change, what the platform stores. */
    private static final Set<String> STATEFUL_16 = Set.of("BootNotification", "StartTransaction", "StopTransaction", "MeterValues",
            "StatusNotification");
    private static final Set<String> STATEFUL_201 = Set.of("BootNotification", "TransactionEvent", "MeterValues", "NotifyEVChargingNeeds",
            "StatusNotification");

    private Acknowledgements() {
    }

    /** True if answering {@code action} reads or writes stored state (it needs a transaction). */
    public static boolean stateful(OcppVersion version, String action) {
        return (version == OcppVersion.V16 ? STATEFUL_16 : STATEFUL_201).contains(action);
    }

    /**
     * The CALLRESULT payload of a request that is not {@link #stateful}, whose payload has been checked against its
     * shape; {@code now} is the central system's time (a Heartbeat's answer).
     */
    public static JsonObject answer(String chargeStationId, OcppVersion version, String action, JsonObject payload, Instant now) {
        if (stateful(version, action)) {
            throw new IllegalArgumentException(action + " changes stored state; it is not merely acknowledged");
        }
        return switch (action) {
            case "Heartbeat" -> Jsons.createObjectBuilder().add("currentTime", now.truncatedTo(ChronoUnit.MILLIS).toString()).build();
            case "Authorize" -> Jsons.createObjectBuilder()
                    .add(version == OcppVersion.V16 ? "idTagInfo" : "idTokenInfo", Jsons.createObjectBuilder()
                            .add("status", AuthorizationStatus.Accepted.name())).build();
            case "DataTransfer" -> Jsons.createObjectBuilder().add("status", DataTransferStatus.UnknownVendorId.name()).build();
            case "SecurityEventNotification" -> {
                // kept in the server's log (messages.log, or the JSON console for log shippers): an operator's audit trail
                SECURITY.warning(() -> "OCPP security event from " + chargeStationId + ": " + payload.getString("type") + " at "
                        + payload.getString("timestamp") + (payload.containsKey("techInfo") ? " (" + payload.getString("techInfo") + ")" : ""));
                yield JsonValue.EMPTY_JSON_OBJECT;
            }
            case "NotifyEVChargingSchedule" -> Jsons.createObjectBuilder().add("status", GenericStatus.Accepted.name()).build();
            // the platform runs no certificate authority: certificate requests are answered, and declined
            case "SignCertificate" -> Jsons.createObjectBuilder().add("status", GenericStatus.Rejected.name()).build();
            case "GetCertificateStatus" -> Jsons.createObjectBuilder().add("status", CertificateStatus.Failed.name()).build();
            case "Get15118EVCertificate" -> Jsons.createObjectBuilder().add("status", CertificateStatus.Failed.name()).add("exiResponse", "")
                    .build();
            // 1.6: DiagnosticsStatusNotification, FirmwareStatusNotification; 2.0.1: ReportChargingProfiles, NotifyEvent,
            // NotifyReport, NotifyMonitoringReport, FirmwareStatusNotification, LogStatusNotification, ClearedChargingLimit,
            // NotifyChargingLimit, NotifyCustomerInformation, NotifyDisplayMessages, PublishFirmwareStatusNotification,
            // ReservationStatusUpdate: acknowledged
            default -> JsonValue.EMPTY_JSON_OBJECT;
        };
    }
}
