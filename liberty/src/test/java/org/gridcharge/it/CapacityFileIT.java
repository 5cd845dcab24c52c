package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Capacity files on the running server: files dropped into its inbox, and files fetched from a URL (an HTTP server
 * this test runs). A good file replaces the profile; a bad one changes nothing and says why, row by row.
 */
class CapacityFileIT {

    private static final Path INBOX = Path.of(System.getProperty("server.dir"), "capacity-files");
    private static final String GOOD = """
            start_date_time,end_date_time,capacity
            2099-01-01T00:00:00Z,2099-01-01T01:00:00Z,40
            2099-01-01T01:00:00Z,2099-01-01T02:00:00Z,50
            """;

    private static String fileGroup(String token, String cpoId) {
        return Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Filed\",\"algorithm\":"
                + "{\"name\":\"equal_share\"},\"default_capacity_amps\":20,\"evse_ids\":[\"" + Fixtures.evse(token, cpoId) + "\"],"
                + "\"capacity_update_method\":\"FILE\"}").expect(201).json().getString("group_id");
    }

    /** Writes the file beside the inbox and moves it in, as a writer should. */
    private static void drop(String name, String content) throws Exception {
        Files.createDirectories(INBOX);
        Path temp = Files.createTempFile(INBOX.getParent(), "drop", ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, INBOX.resolve(name));
    }

    /** Waits until the group has {@code count} finished imports; the newest first. */
    private static JsonArray imports(String group, String token, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        JsonArray items = null;
        while (System.nanoTime() < deadline) {
            items = Api.get("/api/v1/capacity-file-imports?group_id=" + group, token).expect(200).json().getJsonArray("items");
            // finished, and its file kept: the import is recorded before its file leaves work/ for processed/ or rejected/
            if (items.size() >= count && items.getValuesAs(JsonObject.class).stream().noneMatch(i -> "running".equals(i.getString("status"))
                    || i.getString("file_path", "").contains("/work/"))) {
                return items;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + count + " finished imports of " + group + ": " + items);
    }

    private static JsonObject awaitImport(long jobId, String token) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        JsonObject found = null;
        while (System.nanoTime() < deadline) {
            Api.Reply reply = Api.get("/api/v1/capacity-file-imports/" + jobId, token);
            if (reply.status() == 200) {
                found = reply.json();
                if (!"running".equals(found.getString("status"))) {
                    return found;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("import " + jobId + " did not finish: " + found);
    }

    @Test
    void filesDroppedIntoTheInboxReplaceTheProfileOrChangeNothing() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String group = fileGroup(token, cpoId);
        Api.send("PUT", groupPath(group) + "/capacity-profile", token, "{\"type\":\"capacity_limit\",\"periods\":[{\"start_date_time\":"
                + "\"2099-01-01T00:00:00Z\",\"end_date_time\":\"2099-01-02T00:00:00Z\",\"capacity\":40}]}", "application/json").problem(409);

        // a bad file: every bad row named by line and column; nothing changed; the file kept in rejected/ with a report
        drop(group + ".csv", """
                start_date_time,end_date_time,capacity
                2099-01-01T00:00:00Z,2099-01-01T01:00:00Z,x
                2099-01-01T03:00:00Z,2099-01-01T02:00:00Z,50
                yesterday,2099-01-01T04:00:00Z,10
                2099-01-01T04:00:00Z,2099-01-01T05:00:00Z,-1
                """);
        JsonObject rejected = Api.get("/api/v1/capacity-file-imports/" + imports(group, token, 1).getJsonObject(0)
                .getJsonNumber("job_id").longValue(), token).expect(200).json();
        assertEquals("rejected", rejected.getString("status"), rejected.toString());
        assertEquals(4, rejected.getInt("rejected_rows"), rejected.toString());
        List<String> where = rejected.getJsonArray("rejections").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getInt("line") + ":" + r.getString("column", "-")).toList();
        assertEquals(List.of("2:capacity", "3:end_date_time", "4:start_date_time", "5:capacity"), where, rejected.toString());
        Api.get(groupPath(group) + "/capacity-profile", token).problem(404);
        Path kept = Path.of(System.getProperty("server.dir")).resolve(rejected.getString("file_path"));
        assertTrue(Files.exists(kept), "kept in rejected/: " + kept);
        String report = Files.readString(Path.of(kept + ".report.txt"));
        assertTrue(report.contains("line 3, column end_date_time"), report);

        // a good file replaces the profile, and the audit names it
        drop(group + ".csv", GOOD);
        JsonObject imported = imports(group, token, 2).getJsonObject(0);
        assertEquals("imported", imported.getString("status"), imported.toString());
        assertEquals(2, imported.getInt("periods"));
        assertTrue(imported.getString("file_path").contains("processed"), imported.toString());
        JsonObject profile = Api.get(groupPath(group) + "/capacity-profile", token).expect(200).json();
        assertEquals(50.0, profile.getJsonArray("periods").getJsonObject(1).getJsonNumber("capacity").doubleValue(), 1e-9);
        String audit = Api.get("/api/v1/audit-records?group_id=" + group, token).expect(200).body();
        assertTrue(audit.contains(group + ".csv"), "the audit names the file: " + audit);

        // the same content again (under another name) changes nothing, not even the audit
        int audited = Api.get("/api/v1/audit-records?group_id=" + group, token).expect(200).json().getInt("total");
        drop(group + ".again.csv", GOOD);
        JsonObject again = imports(group, token, 3).getJsonObject(0);
        assertEquals("unchanged", again.getString("status"), again.toString());
        assertEquals(audited, Api.get("/api/v1/audit-records?group_id=" + group, token).expect(200).json().getInt("total"));

        // the API's JSON works too; its type is kept
        drop(group + ".json", "{\"type\":\"power_setpoint\",\"periods\":[{\"start_date_time\":\"2099-02-01T00:00:00Z\","
                + "\"end_date_time\":\"2099-02-01T01:00:00Z\",\"capacity\":30}]}");
        JsonObject json = imports(group, token, 4).getJsonObject(0);
        assertEquals("imported", json.getString("status"), json.toString());
        assertEquals("power_setpoint", Api.get(groupPath(group) + "/capacity-profile", token).expect(200).json().getString("type"));

        // an empty file, and a file for a group that takes its capacity another way, change nothing
        drop(group + ".empty.csv", "");
        JsonObject empty = imports(group, token, 5).getJsonObject(0);
        assertEquals("failed", empty.getString("status"));
        assertTrue(empty.getString("reason").contains("empty"), empty.toString());
        // a file named for one group whose group_id column names another changes neither
        drop(group + ".other.csv", "group_id,start_date_time,end_date_time,capacity\nsomebody-else,2099-03-01T00:00:00Z,"
                + "2099-03-01T01:00:00Z,10\n");
        JsonObject conflicting = imports(group, token, 6).getJsonObject(0);
        assertEquals("failed", conflicting.getString("status"));
        assertTrue(conflicting.getString("reason").contains("somebody-else"), conflicting.toString());
        assertEquals("power_setpoint", Api.get(groupPath(group) + "/capacity-profile", token).expect(200).json().getString("type"));
        try (var claimed = Files.list(INBOX.resolve("work"))) {
            assertEquals(List.of(), claimed.filter(f -> f.getFileName().toString().contains(group)).toList(), "nothing left in work/");
        }
        String other = Fixtures.group(token, cpoId, Fixtures.evse(token, cpoId));
        drop(other + ".csv", GOOD);
        JsonObject notFile = imports(other, token, 1).getJsonObject(0);
        assertEquals("failed", notFile.getString("status"));
        assertTrue(notFile.getString("reason").contains("FILE"), notFile.toString());
        Api.get(groupPath(other) + "/capacity-profile", token).problem(404);

        // another CPO's admin sees none of it
        String stranger = DevTokens.cpoAdmin(Fixtures.cpo());
        Api.get("/api/v1/capacity-file-imports?group_id=" + group, stranger).problem(404);
        Api.get("/api/v1/capacity-file-imports/" + imported.getJsonNumber("job_id").longValue(), stranger).problem(404);

        // switching to API keeps the last imported profile until it is replaced
        Api.patch(groupPath(group), token, "{\"capacity_update_method\":\"API\"}").expect(200);
        assertEquals("power_setpoint", Api.get(groupPath(group) + "/capacity-profile", token).expect(200).json().getString("type"));
    }

    @Test
    void filesFetchedFromAUrlReplaceTheProfileAndFailuresChangeNothing() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String group = fileGroup(token, cpoId);
        HttpServer dso = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dso.createContext("/day-ahead.csv", exchange -> {
            byte[] body = GOOD.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        dso.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        dso.start();
        String base = "http://127.0.0.1:" + dso.getAddress().getPort();
        // a server that answers anything, TLS included, in plain text: a TLS client fails its handshake at once
        java.net.ServerSocket plain = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread answering = new Thread(() -> {
            while (!plain.isClosed()) {
                try (java.net.Socket socket = plain.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    // closed
                }
            }
        });
        answering.setDaemon(true);
        answering.start();
        try {
            String path = groupPath(group) + "/capacity-file-source";
            for (String[] bad : new String[][] {
                    {"{\"url\":\"ftp://x/y.csv\"}", "url"},
                    {"{\"daily_at\":\"14:00\"}", "url"},
                    {"{\"url\":\"" + base + "/day-ahead.csv\",\"daily_at\":\"25:00\"}", "daily_at"},
                    {"{\"url\":\"" + base + "/day-ahead.csv\",\"time_zone\":\"Mars/Base\"}", "time_zone"},
                    {"{\"url\":\"" + base + "/day-ahead.csv\",\"time_zone\":\"+02:00\"}", "time_zone"}}) {
                assertEquals(bad[1], Api.send("PUT", path, token, bad[0], "application/json").problem(400).getString("field"), bad[0]);
            }
            JsonObject source = Api.send("PUT", path, token, "{\"url\":\"" + base + "/day-ahead.csv\",\"daily_at\":\"14:00\","
                    + "\"time_zone\":\"Europe/Amsterdam\"}", "application/json").expect(200).json();
            assertEquals("Europe/Amsterdam", source.getString("time_zone"));

            long job = Api.post(path + "/fetch", token, "").expect(202).json().getJsonNumber("job_id").longValue();
            JsonObject fetched = awaitImport(job, token);
            assertEquals("imported", fetched.getString("status"), fetched.toString());
            assertEquals("url", fetched.getString("origin"));
            assertNotNull(Api.get(path, token).expect(200).json().getString("last_import_at", null));

            for (String[] failing : new String[][] {
                    {base + "/missing.csv", "404"},
                    {"http://127.0.0.1:1/day-ahead.csv", "unreachable"},
                    {"https://127.0.0.1:" + plain.getLocalPort() + "/day-ahead.csv", "TLS"}}) {
                Api.send("PUT", path, token, "{\"url\":\"" + failing[0] + "\",\"daily_at\":\"14:00\"}", "application/json").expect(200);
                long failed = Api.post(path + "/fetch", token, "").expect(202).json().getJsonNumber("job_id").longValue();
                JsonObject result = awaitImport(failed, token);
                assertEquals("failed", result.getString("status"), result.toString());
                assertTrue(result.getString("reason").contains(failing[1]), failing[1] + ": " + result);
            }
            JsonObject profile = Api.get(groupPath(group) + "/capacity-profile", token).expect(200).json();
            assertEquals(2, profile.getJsonArray("periods").size(), "the imported profile stays: " + profile);

            // a group in another mode fetches nothing
            Api.patch(groupPath(group), token, "{\"capacity_update_method\":\"API\"}").expect(200);
            Api.post(path + "/fetch", token, "").problem(409);
            Api.delete(path, token).expect(204);
            Api.get(path, token).problem(404);
        } finally {
            dso.stop(0);
            plain.close();
        }
    }
}
