package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.chargetime.ocpp.ClientEvents;
import eu.chargetime.ocpp.JSONClient;
import eu.chargetime.ocpp.JSONConfiguration;
import eu.chargetime.ocpp.feature.profile.ClientCoreEventHandler;
import eu.chargetime.ocpp.feature.profile.ClientCoreProfile;
import eu.chargetime.ocpp.feature.profile.ClientSmartChargingEventHandler;
import eu.chargetime.ocpp.feature.profile.ClientSmartChargingProfile;
import eu.chargetime.ocpp.model.Confirmation;
import eu.chargetime.ocpp.model.Request;
import eu.chargetime.ocpp.model.core.BootNotificationConfirmation;
import eu.chargetime.ocpp.model.core.BootNotificationRequest;
import eu.chargetime.ocpp.model.core.ChangeAvailabilityConfirmation;
import eu.chargetime.ocpp.model.core.ChangeAvailabilityRequest;
import eu.chargetime.ocpp.model.core.ChangeConfigurationConfirmation;
import eu.chargetime.ocpp.model.core.ChangeConfigurationRequest;
import eu.chargetime.ocpp.model.core.ChargingProfilePurposeType;
import eu.chargetime.ocpp.model.core.ChargingSchedulePeriod;
import eu.chargetime.ocpp.model.core.ClearCacheConfirmation;
import eu.chargetime.ocpp.model.core.ClearCacheRequest;
import eu.chargetime.ocpp.model.core.DataTransferConfirmation;
import eu.chargetime.ocpp.model.core.DataTransferRequest;
import eu.chargetime.ocpp.model.core.GetConfigurationConfirmation;
import eu.chargetime.ocpp.model.core.GetConfigurationRequest;
import eu.chargetime.ocpp.model.core.MeterValue;
import eu.chargetime.ocpp.model.core.HeartbeatRequest;
import eu.chargetime.ocpp.model.core.MeterValuesRequest;
import eu.chargetime.ocpp.model.core.RegistrationStatus;
import eu.chargetime.ocpp.model.core.RemoteStartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.RemoteStartTransactionRequest;
import eu.chargetime.ocpp.model.core.RemoteStopTransactionConfirmation;
import eu.chargetime.ocpp.model.core.RemoteStopTransactionRequest;
import eu.chargetime.ocpp.model.core.ResetConfirmation;
import eu.chargetime.ocpp.model.core.ResetRequest;
import eu.chargetime.ocpp.model.core.SampledValue;
import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StartTransactionRequest;
import eu.chargetime.ocpp.model.core.StopTransactionRequest;
import eu.chargetime.ocpp.model.core.UnlockConnectorConfirmation;
import eu.chargetime.ocpp.model.core.UnlockConnectorRequest;
import eu.chargetime.ocpp.model.smartcharging.ChargingProfileStatus;
import eu.chargetime.ocpp.model.smartcharging.ClearChargingProfileConfirmation;
import eu.chargetime.ocpp.model.smartcharging.ClearChargingProfileRequest;
import eu.chargetime.ocpp.model.smartcharging.ClearChargingProfileStatus;
import eu.chargetime.ocpp.model.smartcharging.GetCompositeScheduleConfirmation;
import eu.chargetime.ocpp.model.smartcharging.GetCompositeScheduleRequest;
import eu.chargetime.ocpp.model.smartcharging.GetCompositeScheduleStatus;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileConfirmation;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileRequest;
import jakarta.json.JsonObject;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A station driven by the open-source OCPP 1.6J client {@code eu.chargetime.ocpp:v1_6}: it boots,
 * charges, reports what it draws, and receives limits that follow the group's capacity.
 */
class Ocpp16IT {

    private static final String OCPP_URL = "ws://localhost:" + System.getProperty("http.port", "9080") + "/ocpp";

    /** A charge station: the chargetime client, and every SetChargingProfile it was sent. */
    static final class Station implements AutoCloseable {
        final JSONClient client;
        final BlockingQueue<SetChargingProfileRequest> profiles = new LinkedBlockingQueue<>();
        final BlockingQueue<GetCompositeScheduleRequest> compositeRequests = new LinkedBlockingQueue<>();
        final CountDownLatch opened = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);

        Station(String stationId, String password) throws InterruptedException {
            this(OCPP_URL, stationId, password);
        }

        /** A station connecting to {@code url} (ws://host:port/ocpp), e.g. a cluster's balancer. */
        Station(String url, String stationId, String password) throws InterruptedException {
            JSONConfiguration configuration = JSONConfiguration.get()
                    .setParameter(JSONConfiguration.USERNAME_PARAMETER, stationId)
                    .setParameter(JSONConfiguration.PASSWORD_PARAMETER, password);
            client = new JSONClient(new ClientCoreProfile(new IgnoringCore()), stationId, configuration);
            client.addFeatureProfile(new ClientSmartChargingProfile(new ClientSmartChargingEventHandler() {
                @Override
                public SetChargingProfileConfirmation handleSetChargingProfileRequest(SetChargingProfileRequest request) {
                    profiles.add(request);
                    return new SetChargingProfileConfirmation(ChargingProfileStatus.Accepted);
                }

                @Override
                public ClearChargingProfileConfirmation handleClearChargingProfileRequest(ClearChargingProfileRequest request) {
                    return new ClearChargingProfileConfirmation(ClearChargingProfileStatus.Accepted);
                }

                @Override
                public GetCompositeScheduleConfirmation handleGetCompositeScheduleRequest(GetCompositeScheduleRequest request) {
                    compositeRequests.add(request);
                    return new GetCompositeScheduleConfirmation(GetCompositeScheduleStatus.Accepted);
                }
            }));
            client.connect(url, new ClientEvents() {
                @Override
                public void connectionOpened() {
                    opened.countDown();
                }

                @Override
                public void connectionClosed() {
                    closed.countDown();
                }
            });
        }

        boolean isOpen() throws InterruptedException {
            return opened.await(5, TimeUnit.SECONDS) && closed.getCount() == 1;
        }

        @SuppressWarnings("unchecked")
        <T extends Confirmation> T send(Request request) throws Exception {
            return (T) client.send(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        /** The first SetChargingProfile (in order of arrival) that matches, waiting up to 15 s. */
        SetChargingProfileRequest awaitProfile(Predicate<SetChargingProfileRequest> wanted, List<SetChargingProfileRequest> seen)
                throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                SetChargingProfileRequest next = profiles.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                seen.add(next);
                if (wanted.test(next)) {
                    return next;
                }
            }
            return null;
        }

        @Override
        public void close() {
            client.disconnect();
        }
    }

    /** connector/purpose/limit of each profile, for failure messages. */
    static String summary(List<SetChargingProfileRequest> profiles) {
        return profiles.stream().map(r -> r.getConnectorId() + "/" + r.getCsChargingProfiles().getChargingProfilePurpose() + "/"
                + firstLimit(r)).toList().toString();
    }

    static double firstLimit(SetChargingProfileRequest request) {
        return request.getCsChargingProfiles().getChargingSchedule().getChargingSchedulePeriod()[0].getLimit();
    }

    static Predicate<SetChargingProfileRequest> txProfile(int connectorId, int transactionId, double limit) {
        return r -> r.getConnectorId() == connectorId
                && r.getCsChargingProfiles().getChargingProfilePurpose() == ChargingProfilePurposeType.TxProfile
                && r.getCsChargingProfiles().getTransactionId() == transactionId && firstLimit(r) == limit;
    }

    static MeterValuesRequest amps(int connectorId, int transactionId, double amps) {
        SampledValue[] samples = new SampledValue[3];
        for (int i = 0; i < 3; i++) {
            samples[i] = new SampledValue(Double.toString(amps));
            samples[i].setMeasurand("Current.Import");
            samples[i].setPhase("L" + (i + 1));
            samples[i].setUnit("A");
        }
        MeterValuesRequest request = new MeterValuesRequest(connectorId);
        request.setTransactionId(transactionId);
        request.setMeterValue(new MeterValue[] {new MeterValue(ZonedDateTime.now(), samples)});
        return request;
    }

    @Test
    void aStationChargesWithinTheGroupCapacityAndFollowsItsLimits() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "CS16-" + Api.unique();
        List<String> evses = Fixtures.station(token, cpoId, stationId, 2);
        Fixtures.group(token, cpoId, 20, evses);

        try (Station impostor = new Station(stationId, "not-the-password-at-all")) {
            assertFalse(impostor.isOpen(), "a wrong password is refused at the handshake");
        }

        List<SetChargingProfileRequest> seen = new java.util.ArrayList<>();
        try (Station station = new Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            BootNotificationConfirmation boot = station.send(new BootNotificationRequest("GridVendor", "Model-16"));
            assertEquals(RegistrationStatus.Accepted, boot.getStatus());
            assertTrue(boot.getInterval() > 0);

            SetChargingProfileRequest failsafe = station.awaitProfile(r -> r.getConnectorId() == 0, seen);
            assertNotNull(failsafe, "the station gets a station-wide failsafe when it connects");
            assertEquals(0, failsafe.getCsChargingProfiles().getStackLevel());
            assertEquals(10.0, firstLimit(failsafe), "20 A default capacity shared by two EVSEs");

            StartTransactionConfirmation first = station.send(new StartTransactionRequest(1, "TAG-ONE", 0, ZonedDateTime.now()));
            assertEquals("Accepted", first.getIdTagInfo().getStatus().name());
            int tx1 = first.getTransactionId();
            assertNotNull(station.awaitProfile(txProfile(1, tx1, 20.0), seen), "the only session gets the whole capacity: " + summary(seen));

            // The EV draws 8 A: it keeps 8 A plus the 1 A margin, and a second session gets the rest.
            station.send(amps(1, tx1, 8.0));
            assertNotNull(station.awaitProfile(txProfile(1, tx1, 9.0), seen), "the limit follows what the EV draws: " + summary(seen));
            int tx2 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(2, "TAG-TWO", 0, ZonedDateTime.now())))
                    .getTransactionId();
            assertNotNull(station.awaitProfile(txProfile(2, tx2, 11.0), seen), "the second session gets what is left: " + summary(seen));

            JsonObject view = Api.get("/api/v1/charge-stations/" + Api.enc(stationId), token).expect(200).json();
            assertTrue(view.getBoolean("connected"));
            assertEquals("ocpp1.6", view.getString("protocol"));
            assertEquals("GridVendor", view.getString("vendor"));
            JsonObject lastProfile = view.getJsonArray("evses").getJsonObject(0).getJsonObject("last_profile");
            assertEquals(9.0, lastProfile.getJsonNumber("limit_amps").doubleValue());
            assertEquals("accepted", lastProfile.getString("status"));

            station.send(new StopTransactionRequest(100, ZonedDateTime.now(), tx1));
            assertNotNull(station.awaitProfile(txProfile(2, tx2, 20.0), seen), "a stopped session frees its share: " + summary(seen));

            for (SetChargingProfileRequest profile : seen) {
                for (ChargingSchedulePeriod period : profile.getCsChargingProfiles().getChargingSchedule().getChargingSchedulePeriod()) {
                    assertTrue(period.getLimit() <= 20.0, "no limit exceeds the group's capacity: " + profile);
                }
            }
        }
        assertFalse(awaitConnected(stationId, token, false), "the station shows as disconnected");
        Api.get("/api/v1/charge-stations/" + Api.enc(stationId) + "/composite-schedule", token).problem(409);
        Api.get("/api/v1/charge-stations/" + Api.enc(stationId), DevTokens.cpoAdmin(Fixtures.cpo())).problem(404);
    }

    /**
     * A running transaction's meter values are held for a moment and written together with others (no transaction per
     * report), yet show within seconds; a current that moves by more than the trigger (2 A) is written at once and the
     * group allocates again.
     */
    @Test
    void meterValuesOfARunningTransactionShowWithinSecondsAndABigChangeReallocatesAtOnce() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "CS16M-" + Api.unique();
        List<String> evses = Fixtures.station(token, cpoId, stationId, 1);
        String group = Fixtures.group(token, cpoId, 20, evses);
        List<SetChargingProfileRequest> seen = new java.util.ArrayList<>();
        try (Station station = new Station(stationId, Fixtures.STATION_PASSWORD)) {
            station.send(new BootNotificationRequest("GridVendor", "Model-16"));
            int tx = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "TAG-ONE", 0, ZonedDateTime.now())))
                    .getTransactionId();
            assertNotNull(station.awaitProfile(txProfile(1, tx, 20.0), seen), summary(seen));
            station.send(amps(1, tx, 8.0));
            assertNotNull(station.awaitProfile(txProfile(1, tx, 9.0), seen), "the first reading is written and allocated: " + summary(seen));

            long sent = System.nanoTime();
            station.send(amps(1, tx, 9.5));
            Fixtures.awaitMeasured(group, token, 9.5);
            long shownAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(shownAfterMillis < 10_000, "a held reading is written within seconds: " + shownAfterMillis + " ms");

            station.send(amps(1, tx, 15.0));
            assertNotNull(station.awaitProfile(r -> r.getConnectorId() == 1 && firstLimit(r) > 9.0, seen),
                    "a current 7 A above the last one makes the group allocate again: " + summary(seen));
            Fixtures.awaitMeasured(group, token, 15.0);

            // when the station was last seen is recorded for all stations together, every 10 s, to the second
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
            JsonObject view = null;
            while (System.nanoTime() < deadline) {
                view = Api.get("/api/v1/charge-stations/" + Api.enc(stationId), token).expect(200).json();
                if (java.time.Instant.parse(view.getString("last_seen")).isAfter(java.time.Instant.parse(view.getString("connected_at")))) {
                    break;
                }
                station.send(new HeartbeatRequest());
                Thread.sleep(500);
            }
            assertTrue(java.time.Instant.parse(view.getString("last_seen")).isAfter(java.time.Instant.parse(view.getString("connected_at"))),
                    "the station's frames are recorded as seen: " + view);
        }
    }

    @Test
    void aSecondConnectionOfTheSameStationReplacesTheFirst() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "CS16-" + Api.unique();
        Fixtures.station(token, cpoId, stationId, 1);
        try (Station first = new Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(first.isOpen());
            try (Station second = new Station(stationId, Fixtures.STATION_PASSWORD)) {
                assertTrue(second.isOpen());
                assertTrue(first.closed.await(10, TimeUnit.SECONDS), "the older connection is closed");
                BootNotificationConfirmation boot = second.send(new BootNotificationRequest("GridVendor", "Model-16"));
                assertEquals(RegistrationStatus.Accepted, boot.getStatus());
                assertTrue(awaitConnected(stationId, token, true), "the station stays connected through its new connection");

                String stationPath = "/api/v1/charge-stations/" + Api.enc(stationId);
                JsonObject composite = Api.get(stationPath + "/composite-schedule?connector_id=1&duration_seconds=600", token)
                        .expect(200).json();
                assertEquals("Accepted", composite.getString("status"), "the station's own answer comes back");
                GetCompositeScheduleRequest asked = second.compositeRequests.poll(5, TimeUnit.SECONDS);
                assertNotNull(asked);
                assertEquals(1, asked.getConnectorId());
                assertEquals(600, asked.getDuration());
                assertEquals("connector_id", Api.get(stationPath + "/composite-schedule?connector_id=one", token).problem(400)
                        .getString("field"));

                second.profiles.clear();
                assertEquals("Accepted", Api.post(stationPath + "/resend-profiles", token, "").expect(200).json().getString("status"));
                assertNotNull(second.awaitProfile(r -> r.getConnectorId() == 0, new java.util.ArrayList<>()),
                        "after clearing, the failsafe is sent again");
            }
        }
    }

    /**
     * "Resend profiles" clears every profile of the station before sending its limits again: from then until it accepts
     * a limit again it may draw its maximum, so it counts at that, and the others of its group make room.
     */
    @Test
    void aStationToldToClearItsProfilesCountsAtItsMaximumUntilItAcceptsALimitAgain() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String u = Api.unique();
        List<String> evses = new java.util.ArrayList<>(Fixtures.station(token, cpoId, "CSR-A-" + u, 1));
        evses.addAll(Fixtures.station(token, cpoId, "CSR-B-" + u, 1));
        Fixtures.group(token, cpoId, 40, evses);
        List<SetChargingProfileRequest> seenA = new java.util.ArrayList<>();
        List<SetChargingProfileRequest> seenB = new java.util.ArrayList<>();
        try (Station a = new Station("CSR-A-" + u, Fixtures.STATION_PASSWORD); Station b = new Station("CSR-B-" + u, Fixtures.STATION_PASSWORD)) {
            assertTrue(a.isOpen() && b.isOpen());
            a.send(new BootNotificationRequest("GridVendor", "Model-16"));
            b.send(new BootNotificationRequest("GridVendor", "Model-16"));
            int txA = ((StartTransactionConfirmation) a.send(new StartTransactionRequest(1, "TAG-A", 0, ZonedDateTime.now()))).getTransactionId();
            int txB = ((StartTransactionConfirmation) b.send(new StartTransactionRequest(1, "TAG-B", 0, ZonedDateTime.now()))).getTransactionId();
            assertNotNull(a.awaitProfile(txProfile(1, txA, 20.0), seenA), "two sessions share 40 A: " + summary(seenA));
            assertNotNull(b.awaitProfile(txProfile(1, txB, 20.0), seenB), "two sessions share 40 A: " + summary(seenB));
            // both steered: nothing more to send until something changes
            Thread.sleep(1_500);
            a.profiles.clear();
            b.profiles.clear();
            seenA.clear();
            seenB.clear();

            assertEquals("Accepted", Api.post("/api/v1/charge-stations/" + Api.enc("CSR-A-" + u) + "/resend-profiles", token, "")
                    .expect(200).json().getString("status"));
            // A holds no limit now and may draw 32 A: B is left at most 40 - 32 = 8 A until A accepts a limit again
            assertNotNull(b.awaitProfile(r -> r.getConnectorId() == 1 && firstLimit(r) <= 8.0, seenB),
                    "the other station makes room for one that dropped its limits: " + summary(seenB));
            assertNotNull(a.awaitProfile(txProfile(1, txA, 20.0), seenA), "the cleared station gets its share again: " + summary(seenA));
            assertNotNull(b.awaitProfile(txProfile(1, txB, 20.0), seenB), "and once it accepted it, the other gets its share back: "
                    + summary(seenB));
        }
    }

    /** The station's connected flag once it equals {@code expected} (or its value after 10 s). */
    static boolean awaitConnected(String stationId, String token, boolean expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean connected = !expected;
        while (System.nanoTime() < deadline) {
            connected = Api.get("/api/v1/charge-stations/" + Api.enc(stationId), token).expect(200).json().getBoolean("connected");
            if (connected == expected) {
                break;
            }
            Thread.sleep(100);
        }
        return connected;
    }

    /** Core requests a central system might send; this test's platform sends none of them. */
    static final class IgnoringCore implements ClientCoreEventHandler {
        @Override
        public ChangeAvailabilityConfirmation handleChangeAvailabilityRequest(ChangeAvailabilityRequest request) {
            return null;
        }

        @Override
        public GetConfigurationConfirmation handleGetConfigurationRequest(GetConfigurationRequest request) {
            return null;
        }

        @Override
        public ChangeConfigurationConfirmation handleChangeConfigurationRequest(ChangeConfigurationRequest request) {
            return null;
        }

        @Override
        public ClearCacheConfirmation handleClearCacheRequest(ClearCacheRequest request) {
            return null;
        }

        @Override
        public DataTransferConfirmation handleDataTransferRequest(DataTransferRequest request) {
            return null;
        }

        @Override
        public RemoteStartTransactionConfirmation handleRemoteStartTransactionRequest(RemoteStartTransactionRequest request) {
            return null;
        }

        @Override
        public RemoteStopTransactionConfirmation handleRemoteStopTransactionRequest(RemoteStopTransactionRequest request) {
            return null;
        }

        @Override
        public ResetConfirmation handleResetRequest(ResetRequest request) {
            return null;
        }

        @Override
        public UnlockConnectorConfirmation handleUnlockConnectorRequest(UnlockConnectorRequest request) {
            return null;
        }
    }
}
