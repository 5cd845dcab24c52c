package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StartTransactionRequest;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The time-of-use algorithm (the vendor's CUSTOMERCONFIGUREDTOUALGORITHM): a session that said when it leaves and what it
 * wants charges in the cheapest window before then, with a real Java-OCA-OCPP station; the plan, its windows and cost
 * are in the allocation data; exclusion times stop the others.
 */
class TimeOfUseIT {

    /** A window of {@code hours} starting {@code fromNow} whole hours after the current hour, as tariff entries (split at midnight). */
    private static String window(int fromNow, int hours, String price) {
        ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(fromNow);
        ZonedDateTime end = start.plusHours(hours);
        List<String> entries = new ArrayList<>();
        ZonedDateTime from = start;
        while (from.isBefore(end)) {
            ZonedDateTime midnight = from.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            ZonedDateTime to = end.isBefore(midnight) ? end : midnight;
            entries.add("{\"day_of_week\":\"" + from.getDayOfWeek() + "\",\"start_time\":\"" + time(from) + "\",\"end_time\":\""
                    + (to.equals(midnight) ? "24:00:00" : time(to)) + "\"" + (price == null ? "" : ",\"price_per_kwh\":" + price) + "}");
            from = to;
        }
        return String.join(",", entries);
    }

    private static String time(ZonedDateTime t) {
        return String.format("%02d:%02d:00", t.getHour(), t.getMinute());
    }

    private static void expect(Ocpp16IT.Station station, Predicate<SetChargingProfileRequest> wanted, List<SetChargingProfileRequest> seen,
                               String what) throws Exception {
        assertTrue(seen.stream().anyMatch(wanted) || station.awaitProfile(wanted, seen) != null, what + ": " + Ocpp16IT.summary(seen));
    }

    @Test
    void aSessionChargesInTheCheapestWindowBeforeItsDepartureAndThePlanShowsItsCost() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "TOU-" + Api.unique();
        List<String> evses = Fixtures.station(token, cpoId, stationId, 2);
        String ids = String.join(",", evses.stream().map(id -> '"' + id + '"').toList());
        String group = Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Home\","
                + "\"algorithm\":{\"name\":\"time_of_use\",\"parameters\":{}},\"default_capacity_amps\":32,\"evse_ids\":[" + ids + "]}")
                .expect(201).json().getString("group_id");
        String settings = "/api/v1/smart-charging-groups/" + group + "/time-of-use";
        Api.get(settings, token).problem(404);
        Api.get("/api/v1/smart-charging-groups/" + group + "/allocation-data/energy-plan", token).problem(404);

        // bad settings name their field and change nothing
        assertEquals("goal", Api.put(settings, token, "{\"time_zone\":\"UTC\",\"goal\":\"cheapest\"}").problem(400).getString("field"));
        assertEquals("tariff[0].price_per_kwh", Api.put(settings, token, "{\"time_zone\":\"UTC\",\"tariff\":[{\"day_of_week\":\"MONDAY\","
                + "\"start_time\":\"01:00:00\",\"end_time\":\"02:00:00\",\"price_per_kwh\":-1}]}").problem(400).getString("field"));
        assertEquals("tariff[1]", Api.put(settings, token, "{\"time_zone\":\"UTC\",\"tariff\":[{\"day_of_week\":\"MONDAY\",\"start_time\":"
                + "\"01:00:00\",\"end_time\":\"03:00:00\",\"price_per_kwh\":0.1},{\"day_of_week\":\"MONDAY\",\"start_time\":\"02:00:00\","
                + "\"end_time\":\"04:00:00\",\"price_per_kwh\":0.2}]}").problem(400).getString("field"));
        assertEquals("time_zone", Api.put(settings, token, "{\"time_zone\":\"Mars/Olympus\"}").problem(400).getString("field"));
        Api.get(settings, token).problem(404);

        // electricity costs 0.40 per kWh but for 0.10 from the next hour but one, for two hours
        JsonObject set = Api.put(settings, token, "{\"time_zone\":\"UTC\",\"goal\":\"minimise_cost\",\"default_price_per_kwh\":0.40,"
                + "\"tariff\":[" + window(2, 2, "0.10") + "]}").expect(200).json();
        assertEquals("minimise_cost", set.getString("goal"));
        assertEquals(0.4, set.getJsonNumber("default_price_per_kwh").doubleValue());
        assertEquals(set, Api.get(settings, token).expect(200).json());

        List<SetChargingProfileRequest> seen = new ArrayList<>();
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            int tx1 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "ONE", 1000, ZonedDateTime.now())))
                    .getTransactionId();
            int tx2 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(2, "TWO", 1000, ZonedDateTime.now())))
                    .getTransactionId();
            expect(station, Ocpp16IT.txProfile(2, tx2, 16.0), seen, "without needs, equal shares");

            // the second driver leaves in six hours and wants 10 kWh: it waits at 0 A for the cheap window, then takes what it
            // can draw until its need is covered, a quarter of an hour after another; until then the first takes all 32 A
            Instant departure = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(6 * 3600);
            Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token,
                    "{\"departure_time\":\"" + departure + "\",\"energy_kwh\":10}").expect(200);
            long untilCheap = java.time.Duration.between(Instant.now(),
                    ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(2).toInstant()).getSeconds();
            expect(station, Ocpp16IT.txProfile(2, tx2, 0.0).and(r -> java.util.Arrays.stream(r.getCsChargingProfiles().getChargingSchedule()
                    .getChargingSchedulePeriod()).anyMatch(p -> p.getLimit() >= 6 && Math.abs(p.getStartPeriod() - untilCheap) <= 60)),
                    seen, "waits at 0 A for the cheap window, then charges from its start");
            expect(station, Ocpp16IT.txProfile(1, tx1, 32.0), seen, "the other takes what is there");

            JsonObject plan = Api.get("/api/v1/smart-charging-groups/" + group + "/allocation-data/energy-plan", token).expect(200).json();
            assertEquals("minimise_cost", plan.getString("goal"));
            JsonArray sessions = plan.getJsonArray("sessions");
            assertEquals(1, sessions.size(), plan.toString());
            JsonObject session = sessions.getJsonObject(0);
            assertEquals(evses.get(1), session.getString("evse_id"));
            assertEquals(10.0, session.getJsonNumber("energy_wanted_kwh").doubleValue(), 0.01);
            assertEquals(10.0, session.getJsonNumber("energy_planned_kwh").doubleValue(), 0.2, plan.toString());
            JsonObject window = session.getJsonArray("windows").getJsonObject(0);
            assertTrue(window.getJsonNumber("limit").doubleValue() >= 6, plan.toString());
            assertEquals(0.1, window.getJsonNumber("price_per_kwh").doubleValue(), plan.toString());
            assertEquals(ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(2).toInstant().toString(),
                    window.getString("start"), "from the cheap window's start: " + plan);
            assertEquals(session.getJsonNumber("energy_planned_kwh").doubleValue() * 0.1, plan.getJsonNumber("cost").doubleValue(), 0.01,
                    "every kWh at 0.10: " + plan);

            // an exclusion time from now on stops the session without a plan too
            Api.put(settings, token, "{\"time_zone\":\"UTC\",\"default_price_per_kwh\":0.40,\"tariff\":[" + window(2, 2, "0.10")
                    + "],\"exclusions\":[" + window(0, 2, null) + "]}").expect(200);
            expect(station, Ocpp16IT.txProfile(1, tx1, 0.0), seen, "nobody charges in an exclusion time");
        }
        JsonObject allocation = Api.get("/api/v1/smart-charging-groups/" + group + "/allocation-data", token).expect(200).json();
        assertTrue(allocation.toString().contains("\"scheduled\""), "the state of a session waiting for its window: " + allocation);
    }

    @Test
    void timeOfUseIsForTheRootOfATree() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        List<String> evses = Fixtures.station(token, cpoId, "TOU-TREE-" + Api.unique(), 3);
        String root = Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Site\","
                + "\"algorithm\":{\"name\":\"time_of_use\",\"parameters\":{}},\"default_capacity_amps\":63,\"evse_ids\":[\""
                + evses.get(0) + "\"]}").expect(201).json().getString("group_id");
        String child = Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Board\","
                + "\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{}},\"default_capacity_amps\":32,\"parent_group_id\":\"" + root
                + "\",\"evse_ids\":[\"" + evses.get(1) + "\"]}").expect(201).json().getString("group_id");
        assertTrue(Api.patch("/api/v1/smart-charging-groups/" + child, token, "{\"algorithm\":{\"name\":\"time_of_use\",\"parameters\":{}}}")
                .problem(409).getString("detail").contains("root"));
        String other = Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Other\","
                + "\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{}},\"default_capacity_amps\":63,\"evse_ids\":[\""
                + evses.get(2) + "\"]}").expect(201).json().getString("group_id");
        assertEquals("parent_group_id", Api.patch("/api/v1/smart-charging-groups/" + root, token, "{\"parent_group_id\":\"" + other
                + "\"}").problem(400).getString("field"), "a time_of_use group is a root");
    }

    @Test
    void theVendorsTimeOfUseAlgorithmIsTimeOfUse() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String body = "{\"name\":\"Consumer " + Api.unique() + "\",\"cpo_external_id\":\"" + cpoId
                + "\",\"algorithm\":\"CUSTOMERCONFIGUREDTOUALGORITHM\"}";
        String created = Api.sendAuthorized("POST", VendorApiIT.V + "/capacitygroups", "Token " + token, body, "application/json")
                .expect(200).body();
        String group = ((JsonString) jakarta.json.Json.createReader(new StringReader(created)).readValue()).getString();
        JsonObject vendor = Api.sendAuthorized("GET", VendorApiIT.V + "/capacitygroups/" + group, "Token " + token, null, null)
                .expect(200).json();
        assertEquals("CUSTOMERCONFIGUREDTOUALGORITHM", vendor.getString("algorithm"));
        JsonArray listed = Api.sendAuthorized("GET", VendorApiIT.V + "/capacitygroups?algorithm=CUSTOMERCONFIGUREDTOUALGORITHM",
                "Token " + token, null, null).expect(200).jsonArray();
        assertTrue(listed.getValuesAs(JsonObject.class).stream().allMatch(g -> g.getString("algorithm").equals("CUSTOMERCONFIGUREDTOUALGORITHM"))
                && listed.getValuesAs(JsonObject.class).stream().anyMatch(g -> g.getString("capacity_group_id", g.getString("id", "")).equals(group)
                || g.toString().contains(group)), listed.toString());
        assertEquals("time_of_use", Api.get("/api/v1/smart-charging-groups/" + group, token).expect(200).json()
                .getJsonObject("algorithm").getString("name"));
    }
}
