package org.gridcharge.it;

import static org.gridcharge.it.Api.enc;

/** Creates CPOs, EVSEs and groups through the API, with ids unique to this run. */
final class Fixtures {

    private Fixtures() {
    }

    static String cpo() {
        String cpoId = "IT*" + Api.unique();
        Api.post("/api/v1/cpos", DevTokens.platformAdmin(), "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Test CPO " + cpoId + "\"}").expect(201);
        return cpoId;
    }

    static String evse(String token, String cpoId) {
        return evse(token, cpoId, 32, 3, null);
    }

    static String evse(String token, String cpoId, double maxAmps, int phases, String rotation) {
        String suffix = Api.unique();
        String evseId = "NL*ITX*E" + suffix;
        Api.post("/api/v1/evses", token, "{\"evse_id\":\"" + evseId + "\",\"cpo_id\":\"" + cpoId + "\",\"charge_station_id\":\"CS-"
                + suffix + "\",\"connector_id\":1,\"max_current_amps\":" + maxAmps + ",\"phases\":" + phases
                + (rotation == null ? "" : ",\"phase_rotation\":\"" + rotation + "\"") + "}").expect(201);
        return evseId;
    }

    static String group(String token, String cpoId, String... evseIds) {
        StringBuilder ids = new StringBuilder();
        for (String id : evseIds) {
            ids.append(ids.length() == 0 ? "" : ",").append('"').append(id).append('"');
        }
        return Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Group\","
                        + "\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{}},\"default_capacity_amps\":100,\"evse_ids\":[" + ids + "]}")
                .expect(201).json().getString("group_id");
    }

    static String groupPath(String groupId) {
        return "/api/v1/smart-charging-groups/" + groupId;
    }

    static String evsePath(String evseId) {
        return "/api/v1/evses/" + enc(evseId);
    }

    static final String STATION_PASSWORD = "correct-horse-battery-staple";

    /** A station with three-phase 32 A EVSEs on connectors 1..n and the password {@link #STATION_PASSWORD}; returns the EVSE ids. */
    static java.util.List<String> station(String token, String cpoId, String stationId, int connectors) {
        java.util.List<String> evses = new java.util.ArrayList<>();
        for (int connector = 1; connector <= connectors; connector++) {
            String evseId = "NL*ITX*E" + Api.unique() + connector;
            Api.post("/api/v1/evses", token, "{\"evse_id\":\"" + evseId + "\",\"cpo_id\":\"" + cpoId + "\",\"charge_station_id\":\""
                    + stationId + "\",\"connector_id\":" + connector + ",\"max_current_amps\":32,\"phases\":3}").expect(201);
            evses.add(evseId);
        }
        Api.send("PUT", "/api/v1/charge-stations/" + enc(stationId) + "/credentials", token,
                "{\"password\":\"" + STATION_PASSWORD + "\"}", "application/json").expect(204);
        return evses;
    }

    /** A group of the EVSEs with the given default capacity and algorithm {@code equal_share}. */
    static String group(String token, String cpoId, double capacityAmps, java.util.List<String> evseIds) {
        String ids = String.join(",", evseIds.stream().map(id -> '"' + id + '"').toList());
        return Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"OCPP group\","
                        + "\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{}},\"default_capacity_amps\":" + capacityAmps
                        + ",\"evse_ids\":[" + ids + "]}")
                .expect(201).json().getString("group_id");
    }

    /** Waits until the group's first EVSE shows the measured current. */
    static void awaitMeasured(String group, String token, double amps) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        jakarta.json.JsonObject evse = null;
        while (System.nanoTime() < deadline) {
            evse = Api.get(groupPath(group) + "/evse-status", token).expect(200).json().getJsonArray("items").getJsonObject(0);
            if (evse.containsKey("measured_amps") && !evse.isNull("measured_amps") && evse.getJsonNumber("measured_amps").doubleValue() == amps) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the EVSE never showed " + amps + " A measured: " + evse);
    }
}
