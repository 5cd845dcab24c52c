package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StartTransactionRequest;
import eu.chargetime.ocpp.model.core.StopTransactionRequest;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priority requests change the limits the stations get, and leave a history. */
class PriorityIT {

    private static String priorityGroup(String token, String cpoId, double capacity, List<String> evses) {
        String ids = String.join(",", evses.stream().map(id -> '"' + id + '"').toList());
        return Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Priority group\","
                + "\"algorithm\":{\"name\":\"priority\",\"parameters\":{\"max_priority_sessions\":1}},\"default_capacity_amps\":" + capacity
                + ",\"evse_ids\":[" + ids + "]}").expect(201).json().getString("group_id");
    }

    private static String ask(String token, String evseId) {
        return "{\"evse_id\":\"" + evseId + "\",\"requested_by\":\"driver-app-42\",\"departure_time\":\"2030-01-01T18:00:00Z\"}";
    }

    @Test
    void aPriorityRequestGivesTheSessionTheCapacityFirstAndIsKeptInTheHistory() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "PRIO-" + Api.unique();
        List<String> evses = Fixtures.station(token, cpoId, stationId, 2);
        String groupId = priorityGroup(token, cpoId, 20, evses);

        assertTrue(Api.post("/api/v1/priority-requests", token, ask(token, evses.get(1))).problem(409).getString("detail")
                .contains("no session is running"), "no session yet");

        List<SetChargingProfileRequest> seen = new ArrayList<>();
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            int tx1 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "ONE", 1000, ZonedDateTime.now())))
                    .getTransactionId();
            int tx2 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(2, "TWO", 1000, ZonedDateTime.now())))
                    .getTransactionId();
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(2, tx2, 10.0), seen), "shared equally at first: "
                    + Ocpp16IT.summary(seen));

            JsonObject created = Api.post("/api/v1/priority-requests", token, ask(token, evses.get(1))).expect(201).json();
            assertEquals("active", created.getString("status"));
            assertEquals(evses.get(1), created.getString("evse_id"));
            assertEquals(groupId, created.getString("group_id"));
            // Both keep the 6 A minimum; the priority session takes all the rest.
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(2, tx2, 14.0), seen), "the priority session gets the capacity first: "
                    + Ocpp16IT.summary(seen));
            assertTrue(seen.stream().anyMatch(Ocpp16IT.txProfile(1, tx1, 6.0))
                    || station.awaitProfile(Ocpp16IT.txProfile(1, tx1, 6.0), seen) != null, "the other keeps the minimum: "
                    + Ocpp16IT.summary(seen));

            String requestPath = "/api/v1/priority-requests/" + created.getString("request_id");
            JsonObject active = Api.get(requestPath, token).expect(200).json();
            assertEquals(14.0, active.getJsonNumber("limit_amps").doubleValue());
            assertEquals(10.0, active.getJsonNumber("limit_without_priority_amps").doubleValue(), "what it would have had");

            assertTrue(Api.post("/api/v1/priority-requests", token, ask(token, evses.get(1))).problem(409).getString("detail")
                    .contains("already has an active priority request"));
            assertTrue(Api.post("/api/v1/priority-requests", token, ask(token, evses.get(0))).problem(409).getString("detail")
                    .contains("max_priority_sessions"), "the group serves one priority session at a time");
            assertEquals("evse_id", Api.post("/api/v1/priority-requests", token, "{\"requested_by\":\"x\"}").problem(400)
                    .getString("field"));
            Api.post("/api/v1/priority-requests", DevTokens.cpoAdmin(Fixtures.cpo()), ask(token, evses.get(1))).problem(404);

            station.send(new StopTransactionRequest(6000, ZonedDateTime.now(), tx2));
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(1, tx1, 20.0), seen), "capacity returns to the other session: "
                    + Ocpp16IT.summary(seen));
            JsonObject ended = Api.get(requestPath, token).expect(200).json();
            assertEquals("ended", ended.getString("status"), "a priority request ends with its session");
            assertEquals(5.0, ended.getJsonNumber("energy_delivered_kwh").doubleValue(), "meter 1000 Wh at the request, 6000 Wh at the end");
            assertNotNull(ended.getString("ended_at"));

            JsonArray history = Api.get("/api/v1/priority-requests?group_id=" + groupId + "&status=ended", token).expect(200).json()
                    .getJsonArray("items");
            assertEquals(1, history.size());
            assertEquals(0, Api.get("/api/v1/priority-requests?group_id=" + groupId + "&status=active", token).expect(200).json()
                    .getInt("total"));
            assertEquals("status", Api.get("/api/v1/priority-requests?status=later", token).problem(400).getString("field"));

            String client = "dso-" + Api.unique();
            Api.put(groupPath(groupId) + "/grants/" + client, token).expect(201);
            assertEquals(1, Api.get("/api/v1/priority-requests?group_id=" + groupId, DevTokens.capacityProvider(client)).expect(200)
                    .json().getInt("total"), "a capacity provider sees the requests of groups granted to it");
            assertEquals(0, Api.get("/api/v1/priority-requests?group_id=" + groupId, DevTokens.capacityProvider("other-" + client))
                    .expect(200).json().getInt("total"));
        }
    }

    @Test
    void aGroupWhoseAlgorithmIgnoresPriorityRefusesTheRequest() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "PRIO-" + Api.unique();
        List<String> evses = Fixtures.station(token, cpoId, stationId, 1);
        Fixtures.group(token, cpoId, 20, evses);
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            station.send(new StartTransactionRequest(1, "ONE", 0, ZonedDateTime.now()));
            assertTrue(Api.post("/api/v1/priority-requests", token, ask(token, evses.get(0))).problem(409).getString("detail")
                    .contains("does not serve priority requests"));
        }
    }
}
