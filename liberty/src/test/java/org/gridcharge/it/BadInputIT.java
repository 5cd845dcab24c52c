package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input that once reached a 500 or was taken leniently: each is a 400 (or 413/415) naming the
 * field, and changes nothing.
 */
class BadInputIT {

    private static final String PERIOD = "{\"start_date_time\": \"2030-01-01T00:00:00Z\", \"end_date_time\": \"2030-01-01T01:00:00Z\", \"capacity\": 40}";

    @Test
    void aMalformedArrayElementIsRefusedNamingItAndNothingIsStored() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String group = Fixtures.groupPath(Fixtures.group(token, cpoId, Fixtures.evse(token, cpoId)));
        JsonObject problem = Api.send("PUT", group + "/capacity-profile", token,
                "{\"type\": \"capacity_limit\", \"periods\": [\"oops\", " + PERIOD + "]}", "application/json").problem(400);
        assertEquals("periods[0]", problem.getString("field"), problem.toString());
        Api.get(group + "/capacity-profile", token).problem(404);

        assertEquals("periods[0]", Api.send("PUT", group + "/capacity-profile", token,
                "{\"type\": \"capacity_limit\", \"periods\": [null, " + PERIOD + "]}", "application/json").problem(400).getString("field"));
        assertEquals("periods[0].capacity", Api.send("PUT", group + "/capacity-profile", token,
                "{\"type\": \"capacity_limit\", \"periods\": [" + PERIOD.replace("40", "{\"amps\": 40}") + "]}", "application/json")
                .problem(400).getString("field"));
    }

    @Test
    void aNumberIsNotAStringIdAndNothingMayFollowTheDocument() {
        String token = DevTokens.platformAdmin();
        String id = "NL*NUM" + Api.unique();
        assertEquals("cpo_id", Api.post("/api/v1/cpos", token, "{\"cpo_id\": 1000, \"name\": \"Numbers\"}").problem(400).getString("field"));
        assertEquals("name", Api.post("/api/v1/cpos", token, "{\"cpo_id\": \"" + id + "\", \"name\": true}").problem(400).getString("field"));
        JsonObject trailing = Api.post("/api/v1/cpos", token, "{\"cpo_id\": \"" + id + "\", \"name\": \"Trailing\"}}}").problem(400);
        assertTrue(trailing.getString("detail").contains("after the JSON document"), trailing.toString());
        Api.get("/api/v1/cpos/" + Api.enc(id), token).problem(404);
    }

    @Test
    void aNulCharacterIsA400WhereverItIs() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String admin = DevTokens.platformAdmin();
        assertEquals("name", Api.post("/api/v1/cpos", admin, "{\"cpo_id\": \"NL*NUL" + Api.unique() + "\", \"name\": \"a\\u0000b\"}")
                .problem(400).getString("field"));
        assertEquals("cpo_id", Api.post("/api/v1/cpos", admin, "{\"cpo_id\": \"NL*\\u0000\", \"name\": \"x\"}").problem(400).getString("field"));
        assertEquals("uid", Api.get("/api/v1/evses?uid=a%00b", token).problem(400).getString("field"));
        assertEquals("action", Api.get("/api/v1/audit-records?action=%00", token).problem(400).getString("field"));
        String group = Fixtures.groupPath(Fixtures.group(token, cpoId, Fixtures.evse(token, cpoId)));
        assertEquals("remarks", Api.patch(group, token, "{\"remarks\": \"x\\u0000\"}").problem(400).getString("field"));
    }

    @Test
    void timesBeyondWhatTheDatabaseKeepsAre400() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String group = Fixtures.groupPath(Fixtures.group(token, cpoId, Fixtures.evse(token, cpoId)));
        String far = "from=-999999999-01-01T00:00:00Z";
        for (String path : List.of("/api/v1/priority-requests?" + far, "/api/v1/audit-records?" + far, group + "/allocation-data?" + far,
                group + "/allocation-graph?" + far)) {
            assertEquals("from", Api.get(path, token).problem(400).getString("field"), path);
        }
        JsonObject problem = Api.send("PUT", group + "/capacity-profile", token, "{\"type\": \"capacity_limit\", \"periods\": ["
                + PERIOD.replace("2030-01-01T01:00:00Z", "+10000-01-01T00:00:00Z") + "]}", "application/json").problem(400);
        assertEquals("periods[0].end_date_time", problem.getString("field"), problem.toString());
    }

    @Test
    void aWildcardContentTypeIs415AndAnOversizedBodyIs413() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String group = Fixtures.groupPath(Fixtures.group(token, cpoId, Fixtures.evse(token, cpoId)));
        Api.send("PUT", group + "/capacity-profile", token, "{\"type\": \"capacity_limit\", \"periods\": [" + PERIOD + "]}", "*/*")
                .problem(415);
        Api.Reply vendor = Api.sendAuthorized("PUT", VendorApiIT.V + "/capacitygroups/x/evses/chargepoints", "Token " + token, "[]", "*/*");
        assertEquals(415, vendor.status(), vendor.body());

        StringBuilder huge = new StringBuilder("{\"type\": \"capacity_limit\", \"periods\": [");
        while (huge.length() < 17 * 1024 * 1024) {
            huge.append(PERIOD).append(',');
        }
        huge.append(PERIOD).append("]}");
        Api.send("PUT", group + "/capacity-profile", token, huge.toString(), "application/json").problem(413);
        Api.get(group + "/capacity-profile", token).problem(404);
    }

    @Test
    void theRejectionsCsvDefusesFormulas() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String u = Api.unique();
        // an unknown column named like a formula: once echoed verbatim as the rejection's column
        String csv = "evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases,=1+1\n"
                + "NL*FRM*E" + u + "," + cpoId + ",F-" + u + ",1,32,3,@SUM(A1)\n";
        String location = OnboardingIT.start(token, csv, "text/csv", "");
        OnboardingIT.awaitDone(location, token);
        String rejections = Api.get(location + "/rejections", token).expect(200).body();
        assertTrue(rejections.contains("\"'=1+1\""), "the column is reported, defused: " + rejections);
        for (String line : rejections.split("\n")) {
            for (String cell : line.split(",")) {
                assertFalse(cell.matches("^\"?[=+\\-@].*"), "a cell a spreadsheet would run as a formula: " + cell + " in\n" + rejections);
            }
        }
    }

    @Test
    void anOnboardingFileThatIsNotUtf8IsA400AndLeavesNothingBehind() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        java.nio.file.Path batchDir = java.nio.file.Path.of(System.getProperty("server.dir"), "batch-files");
        java.util.function.Supplier<Long> uploads = () -> {
            try (var files = java.nio.file.Files.list(batchDir)) {
                return files.filter(f -> f.getFileName().toString().startsWith("onboarding-")).count();
            } catch (java.io.IOException e) {
                return 0L;
            }
        };
        long before = uploads.get();
        byte[] body = ("evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases\nNL*UTF*E1," + cpoId + ",U-1,1,32,3\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        body[body.length - 3] = (byte) 0xFF;
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(Api.BASE + "/api/v1/onboarding-jobs")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("UTF-8") && response.body().contains("\"field\":\"body\""), response.body());
        assertEquals(before, uploads.get(), "the refused upload's file is gone");
    }

    @Test
    void errorsTheContainerAnswersAreProblemsToo() {
        JsonObject noToken = Api.get("/api/v1/cpos", null).problem(401);
        assertTrue(noToken.getString("detail").contains("Bearer"), noToken.toString());
        String admin = DevTokens.platformAdmin();
        for (String scheme : List.of("bearer", "BEARER")) {
            Api.sendAuthorized("GET", "/api/v1/cpos", scheme + " " + admin, null, null).expect(200);
            Api.sendAuthorized("GET", "/api/v1/cpos", scheme + " " + DevTokens.withIssuer("https://elsewhere.example"), null, null)
                    .problem(401);
        }
        assertTrue(Api.sendAuthorized("GET", "/api/v1/cpos", "Token " + admin, null, null).problem(401).getString("detail")
                .contains("'Bearer'"), "the vendor's scheme is not this API's");
        JsonObject mixedCase = Api.sendAuthorized("GET", "/api/v1/cpos", "BeArEr " + admin, null, null).problem(401);
        assertTrue(mixedCase.getString("detail").contains("'Bearer'"), "says how to write the scheme: " + mixedCase);
        for (String refused : List.of("not.a-jwt", DevTokens.withIssuer("https://elsewhere.example"))) {
            Api.Reply reply = Api.get("/api/v1/cpos", refused);
            assertTrue(reply.problem(401).getString("detail").contains("refused"), "a token the container refuses is a problem document: " + reply);
            assertEquals("Bearer error=\"invalid_token\"", reply.challenge());
        }
        Api.get("/no-such-page", null).problem(404);
        for (String path : List.of("/api/v1/cpos%2Fx", "/api/v1/%5Cx", "/api/v1/%FFx")) {
            Api.get(path, admin).problem(400);
        }
        Api.send("POST", "/api/v1/cpos", admin, "{}", "garbage").problem(400);
    }
}
