package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Allocation-data exports: the file holds exactly what the allocation-data API shows for the same range. */
class ExportIT {

    private static JsonArray records(String groupId, String token, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        JsonArray items = Json.createArrayBuilder().build();
        while (items.size() < atLeast && System.nanoTime() < deadline) {
            items = Api.get(groupPath(groupId) + "/allocation-data?limit=500", token).expect(200).json().getJsonArray("items");
            Thread.sleep(100);
        }
        return items;
    }

    private static void profile(String groupId, String token, Instant now, double capacity) {
        Api.send("PUT", groupPath(groupId) + "/capacity-profile", token, "{\"type\":\"capacity_limit\",\"periods\":[{\"start_date_time\":\""
                + now.minusSeconds(600) + "\",\"end_date_time\":\"" + now.plusSeconds(3600) + "\",\"capacity\":" + capacity + "}]}",
                "application/json").expect(200);
    }

    private static JsonObject awaitDone(String location, String token) throws InterruptedException {
        return OnboardingIT.awaitDone(location, token);
    }

    private static byte[] download(String path, String token) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Api.BASE + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    @Test
    void anExportHoldsTheAllocationDataOfItsRangeAsCsvOrGzippedJsonLines() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String groupId = Fixtures.group(token, cpoId, Fixtures.evse(token, cpoId), Fixtures.evse(token, cpoId));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        profile(groupId, token, now, 30);
        records(groupId, token, 1);
        profile(groupId, token, now, 70);
        JsonArray items = records(groupId, token, 2);
        assertTrue(items.size() >= 2, items.toString());

        Set<String> expected = new TreeSet<>();
        for (JsonObject record : items.getValuesAs(JsonObject.class)) {
            for (JsonObject evse : record.getJsonArray("evses").getValuesAs(JsonObject.class)) {
                expected.add(record.getString("valid_from") + "|" + evse.getString("evse_id") + "|" + evse.getJsonNumber("limit_amps").doubleValue()
                        + "|" + record.getJsonNumber("capacity_amps").doubleValue());
            }
        }
        String range = "\"from\":\"" + now.minusSeconds(86_400) + "\",\"to\":\"" + Instant.now().plusSeconds(1) + "\"";

        String csvLocation = Api.post("/api/v1/exports", token, "{\"group_ids\":[\"" + groupId + "\"]," + range + ",\"format\":\"csv\"}")
                .expect(202).location().replace(Api.BASE, "");
        JsonObject csvJob = awaitDone(csvLocation, token);
        assertEquals("completed", csvJob.getString("status"), csvJob.toString());
        assertEquals(expected.size(), csvJob.getInt("rows"));
        List<String> lines = new String(download(csvLocation + "/file", token), StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("group_id,valid_from,profile_type,capacity_amps"), lines.get(0));
        Set<String> fromCsv = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(groupId, f[0]);
            fromCsv.add(Instant.parse(f[1]) + "|" + f[8] + "|" + Double.parseDouble(f[9]) + "|" + Double.parseDouble(f[3]));
        }
        assertEquals(normalised(expected), fromCsv);

        String gzLocation = Api.post("/api/v1/exports", token, "{" + range + ",\"format\":\"jsonl\",\"compression\":\"gzip\"}")
                .expect(202).location().replace(Api.BASE, "");
        assertEquals("completed", awaitDone(gzLocation, token).getString("status"));
        byte[] gz = download(gzLocation + "/file", token);
        String jsonl = new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(), StandardCharsets.UTF_8);
        Set<String> fromJsonl = new TreeSet<>();
        for (String line : jsonl.lines().toList()) {
            JsonObject row = Json.createReader(new StringReader(line)).readObject();
            fromJsonl.add(Instant.parse(row.getString("valid_from")) + "|" + row.getString("evse_id") + "|"
                    + row.getJsonNumber("limit_amps").doubleValue() + "|" + row.getJsonNumber("capacity_amps").doubleValue());
        }
        assertEquals(normalised(expected), fromJsonl, "all the CPO's groups: here just this one");

        Api.get(csvLocation, DevTokens.cpoAdmin(Fixtures.cpo())).problem(404);
        Api.post("/api/v1/exports", DevTokens.cpoAdmin(Fixtures.cpo()), "{\"group_ids\":[\"" + groupId + "\"]," + range
                + ",\"format\":\"csv\"}").problem(404);
        assertEquals("format", Api.post("/api/v1/exports", token, "{" + range + ",\"format\":\"xml\"}").problem(400).getString("field"));
    }

    private static Set<String> normalised(Set<String> keys) {
        Set<String> result = new TreeSet<>();
        for (String key : keys) {
            String[] parts = key.split("\\|");
            result.add(Instant.parse(parts[0]) + "|" + parts[1] + "|" + parts[2] + "|" + parts[3]);
        }
        return result;
    }
}
