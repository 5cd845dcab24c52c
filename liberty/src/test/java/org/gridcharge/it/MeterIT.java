package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.chargetime.ocpp.model.core.BootNotificationRequest;
import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StartTransactionRequest;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Site meters on the running server, with real OCPP 1.6 stations (Java-OCA-OCPP): readings posted by REST, and
 * readings published through the Mosquitto broker these machines run (127.0.0.1:1883, as in CI).
 */
class MeterIT {

    private static final String BROKER = System.getProperty("meter.broker", "tcp://127.0.0.1:1883");

    private static String meteredGroup(String token, String cpoId, String name, double defaultCapacity, List<String> evseIds, String more) {
        String ids = String.join(",", evseIds.stream().map(id -> '"' + id + '"').toList());
        return Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"" + name + "\","
                + "\"algorithm\":{\"name\":\"equal_share\"},\"default_capacity_amps\":" + defaultCapacity + ",\"evse_ids\":[" + ids + "],"
                + "\"capacity_update_method\":\"EXTERNALMETER\"" + more + "}").expect(201).json().getString("group_id");
    }

    private static Api.Reply reading(String groupId, String token, String body) {
        return Api.post(groupPath(groupId) + "/meter-readings", token, body);
    }

    /**
     * A site of 100 A per phase; two sessions on one station. The meter (posted by REST) sees the building only. Before its
     * first reading the group has its fallback (its default capacity, 20 A); more room waits for the rise delay; a fall
     * is applied at once; a silent meter falls back to the lower of its last capacity and the fallback.
     */
    @Test
    void aMeterPostedByRestSteersRealStations() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "CSM-" + Api.unique();
        List<String> evses = Fixtures.station(token, cpoId, stationId, 2);
        String group = meteredGroup(token, cpoId, "Metered site", 20, evses, "");

        // the meter's settings are checked, and named in each refusal
        for (String[] bad : new String[][] {
                {"{\"connection_capacity\":100}", "source"},
                {"{\"source\":\"api\"}", "connection_capacity"},
                {"{\"source\":\"api\",\"connection_capacity\":-1}", "connection_capacity"},
                {"{\"source\":\"mqtt\",\"connection_capacity\":100}", "topic"},
                {"{\"source\":\"mqtt\",\"topic\":\"a/#\",\"connection_capacity\":100}", "topic"},
                {"{\"source\":\"mqtt\",\"topic\":\"a\",\"broker_url\":\"http://x\",\"connection_capacity\":100}", "broker_url"},
                {"{\"source\":\"api\",\"connection_capacity\":100,\"mode\":\"sometimes\"}", "mode"},
                {"{\"source\":\"api\",\"connection_capacity\":100,\"stale_after_seconds\":0}", "stale_after_seconds"},
                {"{\"source\":\"api\",\"connection_capacity_per_phase\":[1,2]}", "connection_capacity_per_phase"}}) {
            assertEquals(bad[1], Api.send("PUT", groupPath(group) + "/meter", token, bad[0], "application/json").problem(400)
                    .getString("field"), bad[0]);
        }
        Api.get(groupPath(group) + "/meter", token).problem(404);
        assertEquals(409, reading(group, token, "{\"currents\":[1,1,1]}").status(), "no meter yet");

        JsonObject meter = Api.send("PUT", groupPath(group) + "/meter", token, "{\"source\":\"api\",\"connection_capacity\":100,"
                + "\"includes_ev_load\":false,\"stale_after_seconds\":8,\"rise_delay_seconds\":3,\"deadband\":1}", "application/json")
                .expect(200).json();
        assertTrue(meter.getBoolean("stale"), "no reading yet: " + meter);
        assertEquals(20.0, meter.getJsonObject("capacity").getJsonNumber("l1").doubleValue(), 1e-9, "the fallback: " + meter);

        List<SetChargingProfileRequest> seen = new ArrayList<>();
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            int mark = 0;
            station.send(new BootNotificationRequest("GridVendor", "Model-16"));
            int tx1 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "TAG-1", 0, ZonedDateTime.now())))
                    .getTransactionId();
            int tx2 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(2, "TAG-2", 0, ZonedDateTime.now())))
                    .getTransactionId();
            await(station, seen, mark, Ocpp16IT.txProfile(1, tx1, 10.0), "the fallback of 20 A, shared");

            // the building draws 40 A: 60 A of room, less the 1 A deadband; taken after the rise delay
            mark = seen.size();
            Instant posted = Instant.now();
            reading(group, token, "{\"currents\":[40,40,40]}").expect(200);
            SetChargingProfileRequest rose = await(station, seen, mark, Ocpp16IT.txProfile(1, tx1, 29.5), "59 A shared");
            assertNotNull(rose);
            assertTrue(Instant.now().isAfter(posted.plusSeconds(3)), "not before the rise delay");
            await(station, seen, mark, Ocpp16IT.txProfile(2, tx2, 29.5), "59 A shared");

            // the building steps to 70 A: 30 A of room, applied at once, a deadband below
            mark = seen.size();
            reading(group, token, "{\"currents\":[70,70,70]}").expect(200);
            await(station, seen, mark, Ocpp16IT.txProfile(1, tx1, 14.5), "29 A shared at once");
            JsonObject record = latestRecord(group, token);
            assertEquals("meter", record.getString("capacity_source"), record.toString());
            assertEquals(29.0, record.getJsonObject("capacity_per_phase").getJsonNumber("l3").doubleValue(), 1e-9, record.toString());
            assertEquals("meter", Api.get(groupPath(group), token).expect(200).json().getString("capacity_source"));
            // the schedule tells the station the fallback ahead: it keeps to it even if the platform is gone
            var periods = rose.getCsChargingProfiles().getChargingSchedule().getChargingSchedulePeriod();
            assertTrue(periods.length >= 2 && periods[periods.length - 1].getLimit() <= 10.0,
                    "the schedule falls to the fallback when the meter would turn stale: " + java.util.Arrays.toString(periods));

            // bad readings change nothing, and are counted
            long refused = Api.get(groupPath(group) + "/meter", token).expect(200).json().getJsonNumber("readings_refused").longValue();
            assertEquals("currents", reading(group, token, "{\"currents\":[1,2]}").problem(400).getString("field"));
            assertEquals("currents[1]", reading(group, token, "{\"currents\":[1,\"NaN\",3]}").problem(400).getString("field"));
            assertEquals("timestamp", reading(group, token, "{\"currents\":[1,1,1],\"timestamp\":\"2001-01-01T00:00:00Z\"}").problem(400)
                    .getString("field"), "older than the last");
            assertEquals("timestamp", reading(group, token, "{\"currents\":[1,1,1],\"timestamp\":\"" + Instant.now().plusSeconds(3600)
                    + "\"}").problem(400).getString("field"), "an hour ahead");
            assertEquals("timestamp", reading(group, token, "{\"currents\":[1,1,1],\"timestamp\":\"yesterday\"}").problem(400)
                    .getString("field"));
            JsonObject after = Api.get(groupPath(group) + "/meter", token).expect(200).json();
            assertEquals(refused + 5, after.getJsonNumber("readings_refused").longValue(), after.toString());
            assertEquals(29.0, after.getJsonObject("capacity").getJsonNumber("l1").doubleValue(), 1e-9, after.toString());

            // a capacity provider granted the group may post readings; another CPO's admin does not see the group
            String provider = "ems-" + Api.unique();
            Api.put(groupPath(group) + "/grants/" + provider, token).expect(201);
            reading(group, DevTokens.capacityProvider(provider), "{\"currents\":[71,71,71]}").expect(200);
            Api.send("PUT", groupPath(group) + "/meter", DevTokens.capacityProvider(provider), "{\"source\":\"api\","
                    + "\"connection_capacity\":1000}", "application/json").problem(403);
            reading(group, DevTokens.cpoAdmin(Fixtures.cpo()), "{\"currents\":[1,1,1]}").problem(404);

            // silence: 8 s after the last reading, the lower of the last capacity (29 A) and the fallback (20 A). The station
            // was told so ahead, in the schedule it holds: its limit falls then whether or not the platform sends again
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            JsonObject stale = Api.get(groupPath(group) + "/meter", token).expect(200).json();
            while (!stale.getBoolean("stale") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                stale = Api.get(groupPath(group) + "/meter", token).expect(200).json();
            }
            assertTrue(stale.getBoolean("stale"), stale.toString());
            assertEquals(20.0, stale.getJsonObject("capacity").getJsonNumber("l2").doubleValue(), 1e-9, stale.toString());
            assertEquals("meter_stale", Api.get(groupPath(group), token).expect(200).json().getString("capacity_source"),
                    "the group's status shows its meter is stale");
            station.profiles.drainTo(seen);
            assertEquals(10.0, limitNow(seen, 1), "the station's schedule in force: " + Ocpp16IT.summary(seen));
            assertEquals(10.0, limitNow(seen, 2), "the station's schedule in force: " + Ocpp16IT.summary(seen));
            JsonObject staleRecord = null;
            while (System.nanoTime() < deadline) {
                staleRecord = latestRecord(group, token);
                if ("meter_stale".equals(staleRecord.getString("capacity_source"))) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals("meter_stale", staleRecord.getString("capacity_source"), "a run at the stale time records it: " + staleRecord);
            JsonObject health = Api.get("/health/ready", null).expect(200).json();
            assertEquals("UP", health.getString("status"), "a stale meter does not take readiness down: " + health);
            assertTrue(health.toString().contains(group), "the health check names the stale meter's group: " + health);

            // switching away: readings are refused, the meter stays until removed
            Api.patch(groupPath(group), token, "{\"capacity_update_method\":\"DEFAULT\"}").expect(200);
            assertEquals(409, reading(group, token, "{\"currents\":[1,1,1]}").status());
            Api.delete(groupPath(group) + "/meter", token).expect(204);
        }
    }

    /**
     * A board in a tree with a solar-surplus meter over MQTT, which sees our chargers too: the board's sessions get only what
     * the site exports, while the connection above still limits everything.
     */
    @Test
    void mqttSolarSurplusOnAMiddleNodeOfATree() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String boardStation = "CSM-" + Api.unique();
        String rootStation = "CSM-" + Api.unique();
        String b = Fixtures.station(token, cpoId, boardStation, 1).get(0);
        String c = Fixtures.station(token, cpoId, rootStation, 1).get(0);
        String root = Fixtures.group(token, cpoId, 40, List.of(c));
        String board = meteredGroup(token, cpoId, "Solar board", 40, List.of(b), ",\"parent_group_id\":\"" + root + "\"");
        String topic = "gridcharge-it/" + Api.unique() + "/meter";
        Api.send("PUT", groupPath(board) + "/meter", token, "{\"source\":\"mqtt\",\"broker_url\":\"" + BROKER + "\",\"topic\":\"" + topic
                + "\",\"connection_capacity\":40,\"mode\":\"solar_surplus\",\"fallback_capacity\":0,\"stale_after_seconds\":60,"
                + "\"rise_delay_seconds\":1,\"deadband\":0.5}", "application/json").expect(200);

        List<SetChargingProfileRequest> seenB = new ArrayList<>();
        List<SetChargingProfileRequest> seenC = new ArrayList<>();
        MqttClient publisher = new MqttClient(BROKER, "gridcharge-it-" + Api.unique(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        publisher.connect(options);
        try (Ocpp16IT.Station stationB = new Ocpp16IT.Station(boardStation, Fixtures.STATION_PASSWORD);
             Ocpp16IT.Station stationC = new Ocpp16IT.Station(rootStation, Fixtures.STATION_PASSWORD)) {
            int markB = 0;
            int markC = 0;
            stationB.send(new BootNotificationRequest("GridVendor", "Model-16"));
            stationC.send(new BootNotificationRequest("GridVendor", "Model-16"));
            int txB = ((StartTransactionConfirmation) stationB.send(new StartTransactionRequest(1, "TAG-B", 0, ZonedDateTime.now())))
                    .getTransactionId();
            int txC = ((StartTransactionConfirmation) stationC.send(new StartTransactionRequest(1, "TAG-C", 0, ZonedDateTime.now())))
                    .getTransactionId();
            await(stationB, seenB, markB, Ocpp16IT.txProfile(1, txB, 0.0), "no sun known yet: the fallback of 0 A");
            await(stationC, seenC, markC, Ocpp16IT.txProfile(1, txC, 32.0), "the connection's own session takes its maximum");

            // the site exports 20 A per phase: the board gets 19.5 A (a deadband below), the connection's session what is left
            markB = seenB.size();
            markC = seenC.size();
            publish(publisher, topic, "{\"currents\":[-20,-20,-20]}");
            await(stationB, seenB, markB, Ocpp16IT.txProfile(1, txB, 19.5), "the export, once it has held");
            await(stationC, seenC, markC, Ocpp16IT.txProfile(1, txC, 20.5), "the connection's 40 A less the board's");

            // the board's EV now draws 19 A, and the meter sees it: the site still exports 1 A, so the surplus is still 20 A
            stationB.send(Ocpp16IT.amps(1, txB, 19));
            Fixtures.awaitMeasured(board, token, 19);
            publish(publisher, topic, "{\"currents\":[-1,-1,-1]}");
            // bad payloads on the topic change nothing and are counted
            long refused = meter(board, token).getJsonNumber("readings_refused").longValue();
            publish(publisher, topic, "not json");
            publish(publisher, topic, "{\"currents\":[NaN,1,1]}");
            publish(publisher, topic, "{\"currents\":[1,1,1],\"timestamp\":\"2001-01-01T00:00:00Z\"}");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            JsonObject state = meter(board, token);
            while (state.getJsonNumber("readings_refused").longValue() < refused + 3 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                state = meter(board, token);
            }
            assertEquals(refused + 3, state.getJsonNumber("readings_refused").longValue(), state.toString());
            assertEquals(19.5, state.getJsonObject("capacity").getJsonNumber("l1").doubleValue(), 1e-9,
                    "the surplus is what is exported plus what our EV draws: " + state);

            // a cloud: the site imports 5 A although the EV draws 19 A: 14 A of surplus, at once
            markB = seenB.size();
            publish(publisher, topic, "{\"currents\":[5,5,5]}");
            await(stationB, seenB, markB, Ocpp16IT.txProfile(1, txB, 13.5), "a fall is applied at once");
            JsonObject boardRecord = latestRecord(board, token);
            assertEquals("meter", boardRecord.getString("capacity_source"), boardRecord.toString());

            // switching the board away from its meter ends the subscription
            Api.patch(groupPath(board), token, "{\"capacity_update_method\":\"PARENTGROUP\"}").expect(200);
            JsonObject before = meter(board, token);
            Thread.sleep(1_000);
            publish(publisher, topic, "{\"currents\":[-30,-30,-30]}");
            Thread.sleep(1_000);
            JsonObject after = meter(board, token);
            assertEquals(before.getJsonNumber("readings_taken").longValue(), after.getJsonNumber("readings_taken").longValue(),
                    "no longer subscribed");
            assertEquals(before.getJsonNumber("readings_refused").longValue(), after.getJsonNumber("readings_refused").longValue(),
                    "not even read and refused: no longer subscribed");
        } finally {
            publisher.disconnect();
            publisher.close();
        }
    }

    /** The limit in force now on the connector, by the last TxProfile it was sent: its schedule's period that has begun. */
    private static double limitNow(List<SetChargingProfileRequest> seen, int connectorId) {
        SetChargingProfileRequest last = null;
        for (SetChargingProfileRequest r : seen) {
            if (r.getConnectorId() == connectorId && r.getCsChargingProfiles().getChargingProfilePurpose()
                    == eu.chargetime.ocpp.model.core.ChargingProfilePurposeType.TxProfile) {
                last = r;
            }
        }
        assertNotNull(last, "a TxProfile for connector " + connectorId);
        var schedule = last.getCsChargingProfiles().getChargingSchedule();
        ZonedDateTime start = schedule.getStartSchedule();
        double limit = Double.NaN;
        for (var period : schedule.getChargingSchedulePeriod()) {
            if (!start.plusSeconds(period.getStartPeriod()).isAfter(ZonedDateTime.now())) {
                limit = period.getLimit();
            }
        }
        return limit;
    }

    /**
     * A broker of the test's own (Mosquitto, on a free port) is killed and started again: the server connects again by
     * itself, subscribes again, and takes the readings published after.
     */
    @Test
    void aBrokerThatRestartsIsSubscribedAgain() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String group = meteredGroup(token, cpoId, "Restarting broker", 20, List.of(Fixtures.evse(token, cpoId)), "");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "tcp://127.0.0.1:" + port;
        String topic = "gridcharge-it/" + Api.unique() + "/meter";
        Process broker = startBroker(port);
        try {
            Api.send("PUT", groupPath(group) + "/meter", token, "{\"source\":\"mqtt\",\"broker_url\":\"" + url + "\",\"topic\":\""
                    + topic + "\",\"connection_capacity\":100,\"includes_ev_load\":false}", "application/json").expect(200);
            awaitTaken(group, token, url, topic, 1);
            broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            broker = startBroker(port);
            awaitTaken(group, token, url, topic, 2);
        } finally {
            broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process startBroker(int port) throws Exception {
        String binary = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        Process broker = new ProcessBuilder(binary, "-p", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return broker;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("mosquitto did not start on port " + port);
    }

    /** Publishes a reading each second until the meter has taken {@code count}; the server may still be (re)connecting. */
    private static void awaitTaken(String group, String token, String url, String topic, long count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonObject state = meter(group, token);
        while (state.getJsonNumber("readings_taken").longValue() < count && System.nanoTime() < deadline) {
            MqttClient publisher = new MqttClient(url, "gridcharge-it-" + Api.unique(), new MemoryPersistence());
            try {
                publisher.connect();
                publish(publisher, topic, "{\"currents\":[10,10,10]}");
                publisher.disconnect();
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                // the broker is still starting
            } finally {
                publisher.close();
            }
            Thread.sleep(1_000);
            state = meter(group, token);
        }
        assertTrue(state.getJsonNumber("readings_taken").longValue() >= count, "readings taken through " + url + ": " + state);
    }

    private static void publish(MqttClient publisher, String topic, String payload) throws Exception {
        publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static JsonObject meter(String group, String token) {
        return Api.get(groupPath(group) + "/meter", token).expect(200).json();
    }

    /** The first profile since {@code mark} (an index into what the station got) that matches, waiting for it if need be. */
    private static SetChargingProfileRequest await(Ocpp16IT.Station station, List<SetChargingProfileRequest> seen, int mark,
                                                   Predicate<SetChargingProfileRequest> wanted, String what) throws Exception {
        for (SetChargingProfileRequest earlier : List.copyOf(seen.subList(Math.min(mark, seen.size()), seen.size()))) {
            if (wanted.test(earlier)) {
                return earlier;
            }
        }
        SetChargingProfileRequest found = station.awaitProfile(wanted, seen);
        assertNotNull(found, what + ": " + Ocpp16IT.summary(seen));
        return found;
    }

    private static JsonObject latestRecord(String groupId, String token) {
        JsonArray items = Api.get(groupPath(groupId) + "/allocation-data?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&limit=500",
                token).expect(200).json().getJsonArray("items");
        assertFalse(items.isEmpty());
        return items.getJsonObject(items.size() - 1);
    }
}
