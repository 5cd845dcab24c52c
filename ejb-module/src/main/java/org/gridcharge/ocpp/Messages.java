package org.gridcharge.ocpp;

import static org.gridcharge.ocpp.Shape.any;
import static org.gridcharge.ocpp.Shape.array;
import static org.gridcharge.ocpp.Shape.bool;
import static org.gridcharge.ocpp.Shape.dateTime;
import static org.gridcharge.ocpp.Shape.decimal;
import static org.gridcharge.ocpp.Shape.enumOf;
import static org.gridcharge.ocpp.Shape.integer;
import static org.gridcharge.ocpp.Shape.object;
import static org.gridcharge.ocpp.Shape.string;

import java.util.Map;
import java.util.Set;

/**
 * The requests a station may send, per OCPP version, with the shape of their payloads (after the
 * OCPP 1.6 and 2.0.1 JSON schemas, restricted to what the platform reads and what a station may
 * send alongside), and the actions of the protocol a station never sends to a central system.
 */
public final class Messages {

    private Messages() {
    }

    /** The shape of an incoming request, or null if the version has no such request for a central system. */
    public static Shape request(OcppVersion version, String action) {
        return (version == OcppVersion.V16 ? V16 : V201).get(action);
    }

    /** Every request a station may send in the version. */
    public static Set<String> requests(OcppVersion version) {
        return java.util.Collections.unmodifiableSet((version == OcppVersion.V16 ? V16 : V201).keySet());
    }

    /** True if the action exists in the version but is one the platform sends, not receives (answered NotSupported). */
    public static boolean knownButNotReceived(OcppVersion version, String action) {
        return (version == OcppVersion.V16 ? V16_OUTGOING : V201_OUTGOING).contains(action);
    }

    // ---- OCPP 1.6 ----

    private static final Shape SAMPLED_VALUE_16 = object()
            .required("value", string(1000))
            .optional("context", enumOf("Interruption.Begin", "Interruption.End", "Sample.Clock", "Sample.Periodic", "Transaction.Begin",
                    "Transaction.End", "Trigger", "Other"))
            .optional("format", enumOf("Raw", "SignedData"))
            .optional("measurand", enumOf("Energy.Active.Export.Register", "Energy.Active.Import.Register", "Energy.Reactive.Export.Register",
                    "Energy.Reactive.Import.Register", "Energy.Active.Export.Interval", "Energy.Active.Import.Interval",
                    "Energy.Reactive.Export.Interval", "Energy.Reactive.Import.Interval", "Power.Active.Export", "Power.Active.Import",
                    "Power.Offered", "Power.Reactive.Export", "Power.Reactive.Import", "Power.Factor", "Current.Import", "Current.Export",
                    "Current.Offered", "Voltage", "Frequency", "Temperature", "SoC", "RPM"))
            .optional("phase", enumOf("L1", "L2", "L3", "N", "L1-N", "L2-N", "L3-N", "L1-L2", "L2-L3", "L3-L1"))
            .optional("location", enumOf("Cable", "EV", "Inlet", "Outlet", "Body"))
            .optional("unit", enumOf("Wh", "kWh", "varh", "kvarh", "W", "kW", "VA", "kVA", "var", "kvar", "A", "V", "K", "Celcius", "Celsius",
                    "Fahrenheit", "Percent"));

    private static final Shape METER_VALUE_16 = object()
            .required("timestamp", dateTime())
            .required("sampledValue", array(SAMPLED_VALUE_16, 1));

    private static final Map<String, Shape> V16 = Map.of(
            "BootNotification", object()
                    .required("chargePointVendor", string(20))
                    .required("chargePointModel", string(20))
                    .optional("chargePointSerialNumber", string(25))
                    .optional("chargeBoxSerialNumber", string(25))
                    .optional("firmwareVersion", string(50))
                    .optional("iccid", string(20))
                    .optional("imsi", string(20))
                    .optional("meterType", string(25))
                    .optional("meterSerialNumber", string(25)),
            "Heartbeat", object(),
            "StatusNotification", object()
                    .required("connectorId", integer(0))
                    .required("errorCode", enumOf("ConnectorLockFailure", "EVCommunicationError", "GroundFailure", "HighTemperature",
                            "InternalError", "LocalListConflict", "NoError", "OtherError", "OverCurrentFailure", "PowerMeterFailure",
                            "PowerSwitchFailure", "ReaderFailure", "ResetFailure", "UnderVoltage", "OverVoltage", "WeakSignal"))
                    .required("status", enumOf("Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV", "Finishing",
                            "Reserved", "Unavailable", "Faulted"))
                    .optional("info", string(50))
                    .optional("timestamp", dateTime())
                    .optional("vendorId", string(255))
                    .optional("vendorErrorCode", string(50)),
            "Authorize", object().required("idTag", string(20)),
            "StartTransaction", object()
                    .required("connectorId", integer(1))
                    .required("idTag", string(20))
                    .required("meterStart", integer())
                    .optional("reservationId", integer())
                    .required("timestamp", dateTime()),
            "StopTransaction", object()
                    .optional("idTag", string(20))
                    .required("meterStop", integer())
                    .required("timestamp", dateTime())
                    .required("transactionId", integer())
                    .optional("reason", enumOf("EmergencyStop", "EVDisconnected", "HardReset", "Local", "Other", "PowerLoss", "Reboot",
                            "Remote", "SoftReset", "UnlockCommand", "DeAuthorized"))
                    .optional("transactionData", array(METER_VALUE_16, 0)),
            "MeterValues", object()
                    .required("connectorId", integer(0))
                    .optional("transactionId", integer())
                    .required("meterValue", array(METER_VALUE_16, 1)),
            "DataTransfer", object()
                    .required("vendorId", string(255))
                    .optional("messageId", string(50))
                    .optional("data", any()),
            "DiagnosticsStatusNotification", object()
                    .required("status", enumOf("Idle", "Uploaded", "UploadFailed", "Uploading")),
            "FirmwareStatusNotification", object()
                    .required("status", enumOf("Downloaded", "DownloadFailed", "Downloading", "Idle", "InstallationFailed", "Installing",
                            "Installed")));

    private static final Set<String> V16_OUTGOING = Set.of("CancelReservation", "ChangeAvailability", "ChangeConfiguration", "ClearCache",
            "ClearChargingProfile", "GetCompositeSchedule", "GetConfiguration", "GetDiagnostics", "GetLocalListVersion",
            "RemoteStartTransaction", "RemoteStopTransaction", "ReserveNow", "Reset", "SendLocalList", "SetChargingProfile",
            "TriggerMessage", "UnlockConnector", "UpdateFirmware");

    // ---- OCPP 2.0.1 ----

    private static final Shape EVSE_201 = object().required("id", integer(0)).optional("connectorId", integer(0));

    private static final Shape ID_TOKEN_201 = object()
            .required("idToken", string(36))
            .required("type", enumOf("Central", "eMAID", "ISO14443", "ISO15693", "KeyCode", "Local", "MacAddress", "NoAuthorization"))
            .optional("additionalInfo", array(object().required("additionalIdToken", string(36)).required("type", string(50)), 1));

    private static final Shape SAMPLED_VALUE_201 = object()
            .required("value", decimal())
            .optional("context", enumOf("Interruption.Begin", "Interruption.End", "Other", "Sample.Clock", "Sample.Periodic",
                    "Transaction.Begin", "Transaction.End", "Trigger"))
            .optional("measurand", string(50))
            .optional("phase", enumOf("L1", "L2", "L3", "N", "L1-N", "L2-N", "L3-N", "L1-L2", "L2-L3", "L3-L1"))
            .optional("location", enumOf("Body", "Cable", "EV", "Inlet", "Outlet"))
            .optional("signedMeterValue", any())
            .optional("unitOfMeasure", object().optional("unit", string(20)).optional("multiplier", integer()));

    private static final Shape METER_VALUE_201 = object()
            .required("timestamp", dateTime())
            .required("sampledValue", array(SAMPLED_VALUE_201, 1));

    private static final Shape LIMIT_SOURCE_201 = enumOf("EMS", "Other", "SO", "CSO");

    private static final Map<String, Shape> V201 = new java.util.HashMap<>(Map.of(
            "BootNotification", object()
                    .required("chargingStation", object()
                            .required("model", string(20))
                            .required("vendorName", string(50))
                            .optional("serialNumber", string(25))
                            .optional("firmwareVersion", string(50))
                            .optional("modem", object().optional("iccid", string(20)).optional("imsi", string(20))))
                    .required("reason", enumOf("ApplicationReset", "FirmwareUpdate", "LocalReset", "PowerUp", "RemoteReset",
                            "ScheduledReset", "Triggered", "Unknown", "Watchdog")),
            "Heartbeat", object(),
            "StatusNotification", object()
                    .required("timestamp", dateTime())
                    .required("connectorStatus", enumOf("Available", "Occupied", "Reserved", "Unavailable", "Faulted"))
                    .required("evseId", integer(0))
                    .required("connectorId", integer(0)),
            "Authorize", object()
                    .required("idToken", ID_TOKEN_201)
                    .optional("certificate", string(5500))
                    .optional("iso15118CertificateHashData", any()),
            "TransactionEvent", object()
                    .required("eventType", enumOf("Ended", "Started", "Updated"))
                    .required("timestamp", dateTime())
                    .required("triggerReason", string(40))
                    .required("seqNo", integer(0))
                    .optional("offline", bool())
                    .optional("numberOfPhasesUsed", integer(0))
                    .optional("cableMaxCurrent", integer())
                    .optional("reservationId", integer())
                    .required("transactionInfo", object()
                            .required("transactionId", string(36))
                            .optional("chargingState", enumOf("Charging", "EVConnected", "SuspendedEV", "SuspendedEVSE", "Idle"))
                            .optional("timeSpentCharging", integer())
                            .optional("stoppedReason", string(40))
                            .optional("remoteStartId", integer()))
                    .optional("idToken", ID_TOKEN_201)
                    .optional("evse", EVSE_201)
                    .optional("meterValue", array(METER_VALUE_201, 1)),
            "MeterValues", object()
                    .required("evseId", integer(0))
                    .required("meterValue", array(METER_VALUE_201, 1)),
            "NotifyEVChargingNeeds", object()
                    .optional("maxScheduleTuples", integer())
                    .required("chargingNeeds", object()
                            .required("requestedEnergyTransfer", enumOf("DC", "AC_single_phase", "AC_two_phase", "AC_three_phase"))
                            .optional("departureTime", dateTime())
                            .optional("acChargingParameters", object()
                                    .required("energyAmount", integer())
                                    .required("evMinCurrent", integer())
                                    .required("evMaxCurrent", integer())
                                    .required("evMaxVoltage", integer()))
                            .optional("dcChargingParameters", any()))
                    .required("evseId", integer(0)),
            "ReportChargingProfiles", object()
                    .required("requestId", integer())
                    .required("chargingLimitSource", enumOf("EMS", "Other", "SO", "CSO"))
                    .optional("tbc", bool())
                    .required("evseId", integer(0))
                    .required("chargingProfile", array(any(), 1)),
            "DataTransfer", object()
                    .required("vendorId", string(255))
                    .optional("messageId", string(50))
                    .optional("data", any())));

    // What else a 2.0.1 station sends unprompted or after a request of the operator's: each gets a valid CALLRESULT
    // (CentralSystem), security events are logged. Nested report structures are taken as they come.
    static {
        V201.put("SecurityEventNotification", object()
                .required("type", string(50))
                .required("timestamp", dateTime())
                .optional("techInfo", string(255)));
        V201.put("NotifyEvent", object()
                .required("generatedAt", dateTime())
                .optional("tbc", bool())
                .required("seqNo", integer(0))
                .required("eventData", array(any(), 1)));
        V201.put("FirmwareStatusNotification", object()
                .required("status", enumOf("Downloaded", "DownloadFailed", "Downloading", "DownloadScheduled", "DownloadPaused", "Idle",
                        "InstallationFailed", "Installing", "Installed", "InstallRebooting", "InstallScheduled", "InstallVerificationFailed",
                        "InvalidSignature", "SignatureVerified"))
                .optional("requestId", integer()));
        V201.put("LogStatusNotification", object()
                .required("status", enumOf("BadMessage", "Idle", "NotSupportedOperation", "PermissionDenied", "Uploaded", "UploadFailure",
                        "Uploading", "AcceptedCanceled"))
                .optional("requestId", integer()));
        V201.put("NotifyReport", object()
                .required("requestId", integer())
                .required("generatedAt", dateTime())
                .optional("reportData", array(any(), 1))
                .optional("tbc", bool())
                .required("seqNo", integer(0)));
        V201.put("NotifyMonitoringReport", object()
                .optional("monitor", array(any(), 1))
                .required("requestId", integer())
                .optional("tbc", bool())
                .required("seqNo", integer(0))
                .required("generatedAt", dateTime()));
        V201.put("ClearedChargingLimit", object()
                .required("chargingLimitSource", LIMIT_SOURCE_201)
                .optional("evseId", integer()));
        V201.put("NotifyChargingLimit", object()
                .optional("chargingSchedule", array(any(), 1))
                .optional("evseId", integer(0))
                .required("chargingLimit", object().required("chargingLimitSource", LIMIT_SOURCE_201).optional("isGridCritical", bool())));
        V201.put("NotifyCustomerInformation", object()
                .required("data", string(512))
                .optional("tbc", bool())
                .required("seqNo", integer(0))
                .required("generatedAt", dateTime())
                .required("requestId", integer()));
        V201.put("NotifyDisplayMessages", object()
                .optional("messageInfo", array(any(), 1))
                .required("requestId", integer())
                .optional("tbc", bool()));
        V201.put("NotifyEVChargingSchedule", object()
                .required("timeBase", dateTime())
                .required("chargingSchedule", any())
                .required("evseId", integer(1)));
        V201.put("PublishFirmwareStatusNotification", object()
                .required("status", enumOf("Idle", "DownloadScheduled", "Downloading", "Downloaded", "Published", "DownloadFailed",
                        "DownloadPaused", "InvalidChecksum", "ChecksumVerified", "PublishFailed"))
                .optional("location", array(string(512), 1))
                .optional("requestId", integer()));
        V201.put("ReservationStatusUpdate", object()
                .required("reservationId", integer())
                .required("reservationUpdateStatus", enumOf("Expired", "Removed")));
        V201.put("SignCertificate", object()
                .required("csr", string(5500))
                .optional("certificateType", enumOf("ChargingStationCertificate", "V2GCertificate")));
        V201.put("GetCertificateStatus", object()
                .required("ocspRequestData", any()));
        V201.put("Get15118EVCertificate", object()
                .required("iso15118SchemaVersion", string(50))
                .required("action", enumOf("Install", "Update"))
                .required("exiRequest", string(5600)));
    }

    private static final Set<String> V201_OUTGOING = Set.of("CancelReservation", "CertificateSigned", "ChangeAvailability",
            "ClearCache", "ClearChargingProfile", "ClearDisplayMessage", "ClearVariableMonitoring", "CostUpdated", "CustomerInformation",
            "DeleteCertificate", "GetBaseReport", "GetChargingProfiles", "GetCompositeSchedule", "GetDisplayMessages",
            "GetInstalledCertificateIds", "GetLocalListVersion", "GetLog", "GetMonitoringReport", "GetReport", "GetTransactionStatus",
            "GetVariables", "InstallCertificate", "PublishFirmware", "RequestStartTransaction", "RequestStopTransaction", "ReserveNow",
            "Reset", "SendLocalList", "SetChargingProfile", "SetDisplayMessage", "SetMonitoringBase", "SetMonitoringLevel",
            "SetNetworkProfile", "SetVariableMonitoring", "SetVariables", "TriggerMessage", "UnlockConnector", "UnpublishFirmware",
            "UpdateFirmware");
}
