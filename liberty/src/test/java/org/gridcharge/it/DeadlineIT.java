package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(2, tx2, 16.0), seen), "without needs, equal shares: "
                    + Ocpp16IT.summary(seen));

            // 30 kWh in 2 h on three phases at 230 V: 21.74 A, rounded up to 21.8 A; the other session gets the 10.2 A left
            JsonObject set = Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token, needs(departure, 30))
                    .expect(200).json();
            assertEquals(30.0, set.getJsonNumber("energy_kwh").doubleValue());
            assertEquals(departure.toString(), set.getString("departure_time"));
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(2, tx2, 21.8), seen), "the session with a deadline gets what meets it: "
                    + Ocpp16IT.summary(seen));
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(1, tx1, 10.2), seen), "the other gets the rest: "
                    + Ocpp16IT.summary(seen));

            assertEquals("energy_kwh", Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token,
                    "{\"energy_kwh\":0}").problem(400).getString("field"));
            assertEquals("departure_time", Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token,
                    "{\"departure_time\":\"at six\"}").problem(400).getString("field"));
            assertEquals("body", Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", token, "{}").problem(400)
                    .getString("field"));
            Api.put("/api/v1/evses/" + Api.enc(evses.get(1)) + "/charging-needs", DevTokens.cpoAdmin(Fixtures.cpo()),
                    needs(departure, 30)).problem(404);
        }
    }
}
