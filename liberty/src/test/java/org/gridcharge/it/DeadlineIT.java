package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StartTransactionRequest;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileRequest;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deadline algorithm: a session whose charging needs are known gets what delivers them by its departure. */
class DeadlineIT {

    /** Waits for a profile matching {@code wanted}, unless one already came (profiles of one run may come in any order). */
    private static void expect(Ocpp16IT.Station station, java.util.function.Predicate<SetChargingProfileRequest> wanted,
                               List<SetChargingProfileRequest> seen, String what) throws Exception {
        assertTrue(seen.stream().anyMatch(wanted) || station.awaitProfile(wanted, seen) != null, what + ": " + Ocpp16IT.summary(seen));
    }

    private static String needs(Instant departure, double kwh) {
        return "{\"departure_time\":\"" + departure + "\",\"energy_kwh\":" + kwh + "}";
    }

    @Test
    void aSessionWithChargingNeedsGetsWhatMeetsThemAndTheOtherTheRest() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "DEADLINE-" + Api.unique();
        List<String> evses = Fixtures.station(token, cpoId, stationId, 2);
        String ids = String.join(",", evses.stream().map(id -> '"' + id + '"').toList());
        JsonObject group = Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Workplace\","
                + "\"algorithm\":{\"name\":\"deadline\",\"parameters\":{}},\"default_capacity_amps\":32,\"evse_ids\":[" + ids + "]}")
                .expect(201).json();
        assertEquals("deadline", group.getJsonObject("algorithm").getString("name"));

        Instant departure = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2 * 3600);
        assertTrue(Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token, needs(departure, 30)).problem(409)
                .getString("detail").contains("no session is running"), "needs are for a running session");

        List<SetChargingProfileRequest> seen = new ArrayList<>();
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            int tx1 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "ONE", 1000, ZonedDateTime.now())))
                    .getTransactionId();
            int tx2 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(2, "TWO", 1000, ZonedDateTime.now())))
                    .getTransactionId();
            expect(station, Ocpp16IT.txProfile(2, tx2, 16.0), seen, "without needs, equal shares");

            // 30 kWh in 2 h on three phases at 230 V: 21.74 A, rounded up to 21.8 A; the other session gets the 10.2 A left
            JsonObject set = Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token, needs(departure, 30))
                    .expect(200).json();
            assertEquals(30.0, set.getJsonNumber("energy_kwh").doubleValue());
            assertEquals(departure.toString(), set.getString("departure_time"));
            expect(station, Ocpp16IT.txProfile(2, tx2, 21.8), seen, "the session with a deadline gets what meets it");
            expect(station, Ocpp16IT.txProfile(1, tx1, 10.2), seen, "the other gets the rest");

            assertEquals("energy_kwh", Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token,
                    "{\"energy_kwh\":0}").problem(400).getString("field"));
            assertEquals("departure_time", Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token,
                    "{\"departure_time\":\"at six\"}").problem(400).getString("field"));
            assertEquals("departure_time", Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token,
                    needs(Instant.now().minusSeconds(60), 30)).problem(400).getString("field"), "a departure must lie ahead");
            assertEquals("body", Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token, "{}").problem(400)
                    .getString("field"));
            Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", DevTokens.cpoAdmin(Fixtures.cpo()),
                    needs(departure, 30)).problem(404);
        }
    }

    @Test
    void aSessionThatSaysNothingIsPlannedWithTheGroupsTypicalStayAndEnergy() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "DEADLINE-" + Api.unique();
        List<String> evses = Fixtures.station(token, cpoId, stationId, 2);
        String ids = String.join(",", evses.stream().map(id -> '"' + id + '"').toList());
        JsonObject group = Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Short stays\","
                + "\"algorithm\":{\"name\":\"deadline\",\"parameters\":{\"default_stay_minutes\":120,\"default_energy_kwh\":30}},"
                + "\"default_capacity_amps\":32,\"evse_ids\":[" + ids + "]}").expect(201).json();
        assertEquals(120.0, group.getJsonObject("algorithm").getJsonObject("parameters").getJsonNumber("default_stay_minutes").doubleValue());

        List<SetChargingProfileRequest> seen = new ArrayList<>();
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            int tx1 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "ONE", 1000, ZonedDateTime.now())))
                    .getTransactionId();
            // the second driver stays all day and wants little: 10 kWh in 10 h
            Instant evening = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(10 * 3600);
            int tx2 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(2, "TWO", 1000, ZonedDateTime.now())))
                    .getTransactionId();
            Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token, needs(evening, 10)).expect(200);
            // the first said nothing: the group assumes 30 kWh within 2 h, 21.8 A; the second needs less than its 6 A minimum;
            // the 4.2 A left go to both equally
            expect(station, Ocpp16IT.txProfile(1, tx1, 23.9), seen, "the typical stay and energy");
            expect(station, Ocpp16IT.txProfile(2, tx2, 8.1), seen, "the rest");
        }
    }
}
