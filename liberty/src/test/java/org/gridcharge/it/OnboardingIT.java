package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bulk EVSE onboarding through the Jakarta Batch job, on the running server. */
class OnboardingIT {

    static JsonObject awaitDone(String location, String token) throws InterruptedException {
        return awaitDone(location, token, java.time.Duration.ofMinutes(2));
    }

    static JsonObject awaitDone(String location, String token, java.time.Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonObject job = Api.get(location, token).expect(200).json();
        while (List.of("starting", "started", "stopping").contains(job.getString("status")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            job = Api.get(location, token).expect(200).json();
        }
        return job;
    }

    static String start(String token, String body, String contentType, String query) {
        Api.Reply reply = Api.send("POST", "/api/v1/onboarding-jobs" + query, token, body, contentType).expect(202);
        return "/api/v1/onboarding-jobs/" + reply.json().getJsonNumber("job_id").longValue();
    }

    @Test
    void goodRowsAreCreatedBadRowsAreReportedAndARerunChangesNothing() throws Exception {
        String cpoA = Fixtures.cpo();
        String cpoB = Fixtures.cpo();
        String tokenA = DevTokens.cpoAdmin(cpoA);
        String tokenB = DevTokens.cpoAdmin(cpoB);
        String groupA = Fixtures.group(tokenA, cpoA, Fixtures.evse(tokenA, cpoA));
        String groupB = Fixtures.group(tokenB, cpoB, Fixtures.evse(tokenB, cpoB));
        String u = Api.unique();
        String csv = "evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases,phase_rotation,group_id,station_password\n"
                + "NL*OBA*E" + u + "1," + cpoA + ",OB-" + u + ",1,32,3,," + groupA + ",station-password-0123456\n"   // line 2: good
                + "NL*OBA*E" + u + "2," + cpoA + ",OB-" + u + ",2,16,1,L2,,\n"                                        // 3: good
                + "NL*OBA*E" + u + "3," + cpoA + ",OB-" + u + ",3,thirty,3,,,\n"                                      // 4: wrong type
                + "NL*OBA*E" + u + "4," + cpoA + ",OB-" + u + ",4,32,3,,no-such-group,\n"                             // 5: unknown group
                + "NL*OBA*E" + u + "2," + cpoA + ",OB-" + u + ",5,16,1,L2,,\n"                                        // 6: duplicate id
                + "NL*OBA*E" + u + "6," + cpoB + ",OB-" + u + "B,1,32,3,,,\n"                                         // 7: another CPO
                + "NL*OBA*E" + u + "7," + cpoA + ",OB-" + u + ",7,32,3,," + groupB + ",\n"                            // 8: another CPO's group
                + "NL*OBA*E" + u + "8," + cpoA + ",OB-" + u + ",1,32,3,,,\n"                                          // 9: connector taken
                + "NL*OBA*E" + u + "9," + cpoA + ",OB-" + u + ",9,32,3,,,short\n"                                     // 10: password too short
                + "NL*OBA*E" + u + "10," + cpoA + ",OB-" + u + ",10,32\n";                                            // 11: too few fields

        String location = start(tokenA, csv, "text/csv", "");
        JsonObject job = awaitDone(location, tokenA);
        assertEquals("completed", job.getString("status"), job.toString());
        assertEquals(10, job.getInt("total_rows"));
        assertEquals(2, job.getInt("written"), job.toString());
        assertEquals(8, job.getJsonNumber("skipped").longValue(), job.toString());
        Map<Integer, String> columns = new HashMap<>();
        job.getJsonArray("rejected").getValuesAs(JsonObject.class)
                .forEach(r -> columns.put(r.getInt("line"), r.containsKey("column") ? r.getString("column") : null));
        assertEquals(Map.of(4, "max_current_amps", 5, "group_id", 6, "evse_id", 7, "cpo_id", 8, "group_id", 9, "connector_id",
                10, "station_password"), withoutNulls(columns), job.toString());
        assertTrue(columns.containsKey(11), "a row with too few fields is reported too");

        JsonObject first = Api.get(Fixtures.evsePath("NL*OBA*E" + u + "1"), tokenA).expect(200).json();
        assertEquals(groupA, first.getString("group_id"));
        assertEquals("L2", Api.get(Fixtures.evsePath("NL*OBA*E" + u + "2"), tokenA).expect(200).json().getString("phase_rotation"));
        for (int bad = 3; bad <= 10; bad++) {
            Api.get(Fixtures.evsePath("NL*OBA*E" + u + bad), DevTokens.platformAdmin()).expect(404);
        }
        assertTrue(Api.get("/api/v1/charge-stations/OB-" + u, tokenA).expect(200).json().getBoolean("password_set"));
        String rejectedCsv = Api.get(location + "/rejections", tokenA).expect(200).body();
        assertTrue(rejectedCsv.startsWith("line,column,reason\n4,max_current_amps,"), rejectedCsv);
        Api.get(location, tokenB).problem(404);

        JsonObject rerun = awaitDone(start(tokenA, csv, "text/csv", ""), tokenA);
        assertEquals("completed", rerun.getString("status"));
        assertEquals(0, rerun.getInt("written"), "running the same file again changes nothing: " + rerun);
        assertEquals(8, rerun.getJsonNumber("skipped").longValue());
    }

    @Test
    void uidsAndMaximumPowerAreOnboardedAndADuplicateUidIsReported() throws Exception {
        String cpo = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpo);
        String u = Api.unique();
        String csv = "evse_id,uid,cpo_id,charge_station_id,connector_id,max_current_amps,phases,max_power_watts\n"
                + "NL*OBU*E" + u + "1,NL-OBU-" + u + "-1," + cpo + ",OBU-" + u + ",1,200,3,150000\n"   // line 2: good, a DC charger
                + "NL*OBU*E" + u + "2,NL-OBU-" + u + "-1," + cpo + ",OBU-" + u + ",2,200,3,50000\n"    // line 3: the same uid again
                + "NL*OBU*E" + u + "3,," + cpo + ",OBU-" + u + ",3,32,3,\n";                           // line 4: no uid: its evse_id
        JsonObject job = awaitDone(start(token, csv, "text/csv", ""), token);
        assertEquals("completed", job.getString("status"), job.toString());
        assertEquals(2, job.getInt("written"), job.toString());
        JsonObject rejected = job.getJsonArray("rejected").getJsonObject(0);
        assertEquals(3, rejected.getInt("line"));
        assertEquals("uid", rejected.getString("column"));
        JsonObject dc = Api.get(Fixtures.evsePath("NL*OBU*E" + u + "1"), token).expect(200).json();
        assertEquals("NL-OBU-" + u + "-1", dc.getString("uid"));
        assertEquals(150_000.0, dc.getJsonNumber("max_power_watts").doubleValue());
        assertEquals("NL*OBU*E" + u + "3", Api.get(Fixtures.evsePath("NL*OBU*E" + u + "3"), token).expect(200).json().getString("uid"));
    }

    @Test
    void jsonLinesAreAcceptedToo() throws Exception {
        String cpo = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpo);
        String u = Api.unique();
        String lines = "{\"evse_id\":\"NL*OBJ*E" + u + "1\",\"cpo_id\":\"" + cpo + "\",\"charge_station_id\":\"OBJ-" + u
                + "\",\"connector_id\":1,\"max_current_amps\":32,\"phases\":3}\n"
                + "{\"evse_id\":\"NL*OBJ*E" + u + "2\",\"cpo_id\":\"" + cpo + "\",\"charge_station_id\":\"OBJ-" + u
                + "\",\"connector_id\":2,\"max_current_amps\":32,\"phases\":[3]}\n";
        JsonObject job = awaitDone(start(token, lines, "application/jsonl", ""), token);
        assertEquals("completed", job.getString("status"));
        assertEquals(1, job.getInt("written"));
        assertEquals("phases", job.getJsonArray("rejected").getJsonObject(0).getString("column"));
        assertEquals("body", Api.send("POST", "/api/v1/onboarding-jobs", token, "evse_id,cpo_id\n", "text/csv").problem(400)
                .getString("field"), "a file without rows is refused at once");
    }

    @Test
    void aStoppedJobRestartsFromItsCheckpointWithoutDuplicates() throws Exception {
        String cpo = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpo);
        String u = Api.unique();
        int rows = 10_000;
        StringBuilder csv = new StringBuilder("evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("NL*OBS*E").append(u).append(i).append(',').append(cpo).append(",OBS-").append(u).append('-').append(i / 10)
                    .append(',').append(i % 10 + 1).append(",32,3\n");
        }
        String location = start(token, csv.toString(), "text/csv", "?chunk_size=50");
        Api.post(location + "/stop", token, "").expect(200);
        JsonObject stopped = awaitDone(location, token);
        assertEquals("stopped", stopped.getString("status"), stopped.toString());
        assertTrue(stopped.getInt("written") < rows, "it stopped midway: " + stopped);

        Api.post(location + "/restart", token, "").expect(200);
        // A slow CI machine wrote 18,601 of 20,000 rows in chunks of 50 within two minutes: give the rerun room.
        JsonObject done = awaitDone(location, token, java.time.Duration.ofMinutes(6));
        assertEquals("completed", done.getString("status"), done.toString());
        assertEquals(rows, done.getInt("written"), "every row written exactly once across both runs: " + done);
        assertEquals(0, done.getJsonNumber("skipped").longValue());
        assertEquals(1.0, done.getJsonNumber("progress").doubleValue());
    }

    private static Map<Integer, String> withoutNulls(Map<Integer, String> columns) {
        Map<Integer, String> result = new HashMap<>(columns);
        result.values().removeIf(v -> v == null);
        return result;
    }
}
