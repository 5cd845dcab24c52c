package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL outage, on a database cluster of the test's own (initdb on port 25432) and a second server of the
 * built platform (its own user directory, without the integration tests' settings, a 5 s sweep): while the database
 * is gone the API answers 503 with Retry-After within seconds and readiness is DOWN; once it is back, the API
 * answers again and the allocation sweep resumes within one interval.
 *
 * <p>It runs in the PostgreSQL pass only: it does not touch the database of the server the other tests use, so the
 * Derby pass would run the very same test a second time.
 */
class DatabaseOutageIT {

    /**
     * Below the kernel's ephemeral range (32768-60999 on Linux): a port in it may be the local end of any client
     * connection at the moment the test starts its database (one run failed so on 55432, right after ClusterIT).
     */
    private static final int PG_PORT = 25432;
    private static final int HTTP_PORT = 9480;
    private static final long SWEEP_SECONDS = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path work;
    private static Path pgData;
    private static String pgBin;
    private static Path wlp;
    private static Path userDir;

    private static void run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    }

    private static void postgres(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "postgres", "--", pgBin + "/pg_ctl", "-D", pgData.toString(), "-w"));
        command.addAll(List.of(args));
        try {
            run(Map.of(), command.toArray(String[]::new));
        } catch (AssertionError e) {
            Path log = pgData.resolve("log");
            throw new AssertionError(e.getMessage() + "\nPostgreSQL's log:\n" + (Files.exists(log) ? Files.readString(log) : "(none)"), e);
        }
    }

    private static Map<String, String> serverEnv() {
        return Map.of("WLP_USER_DIR", userDir.toString(), "HTTP_PORT", Integer.toString(HTTP_PORT), "HTTPS_PORT", "9843",
                "DB_KIND", "postgresql", "DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(PG_PORT), "DB_NAME", "postgres", "DB_USER", "postgres",
                "DB_PASSWORD", "", "GRIDCHARGE_ALLOCATION_INTERVAL_SECONDS", Long.toString(SWEEP_SECONDS));
    }

    @BeforeAll
    static void startDatabaseAndServer() throws Exception {
        assumeTrue("postgresql".equals(System.getenv().getOrDefault("DB_KIND", "derby")), "a PostgreSQL outage, tested in the PostgreSQL pass");
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            pgBin = versions.max(Comparator.naturalOrder()).orElseThrow().resolve("bin").toString();
        }
        work = Files.createTempDirectory("gridcharge-outage-");
        pgData = work.resolve("pg");
        run(Map.of(), "chmod", "755", work.toString());
        run(Map.of(), "install", "-d", "-o", "postgres", "-m", "700", pgData.toString());
        run(Map.of(), "runuser", "-u", "postgres", "--", pgBin + "/initdb", "-D", pgData.toString(), "-A", "trust", "-U", "postgres");
        postgres("-o", "-p " + PG_PORT + " -k " + pgData + " -c listen_addresses=127.0.0.1", "-l", pgData.resolve("log").toString(), "start");

        // the built server, in a user directory of its own without the integration tests' overrides
        wlp = Path.of(System.getProperty("wlp.home"));
        userDir = work.resolve("usr");
        Path source = wlp.resolve("usr/servers/gridcharge");
        Path target = userDir.resolve("servers/gridcharge");
        try (var files = Files.walk(source)) {
            for (Path file : files.toList()) {
                String relative = source.relativize(file).toString();
                if (relative.startsWith("configDropins") || relative.startsWith("logs") || relative.startsWith("workarea")
                        || relative.startsWith("derby") || relative.startsWith("batch-files") || relative.startsWith("tranlog")) {
                    continue;
                }
                Path copy = target.resolve(relative);
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        run(serverEnv(), wlp.resolve("bin/server").toString(), "start", "gridcharge");
        awaitStatus("/health/ready", 200, Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopBoth() throws Exception {
        if (userDir != null) {
            ProcessBuilder stop = new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", "gridcharge").inheritIO();
            stop.environment().putAll(serverEnv()); // this server, not the one the other tests use
            stop.start().waitFor(120, TimeUnit.SECONDS);
        }
        if (pgData != null) {
            new ProcessBuilder("runuser", "-u", "postgres", "--", pgBin + "/pg_ctl", "-D", pgData.toString(), "-m", "immediate", "stop")
                    .inheritIO().start().waitFor(60, TimeUnit.SECONDS);
        }
        if (work != null) {
            new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + DevTokens.platformAdmin()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Duration awaitStatus(String path, int status, Duration patience) throws Exception {
        long started = System.nanoTime();
        long deadline = started + patience.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = get(path).statusCode();
                if (last == status) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not answer " + status + " within " + patience + " (last " + last + ")");
    }

    private static Instant lastSweep() throws Exception {
        JsonObject ready = Json.createReader(new StringReader(get("/health/ready").body())).readObject();
        JsonObject allocation = ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("allocation")).findFirst().orElseThrow();
        return Instant.parse(allocation.getJsonObject("data").getString("last_sweep"));
    }

    @Test
    void anOutageIs503WithRetryAfterAndServiceResumesWithinOneSweepOfTheDatabasesReturn() throws Exception {
        assertEquals(200, get("/api/v1/cpos").statusCode());

        postgres("-m", "immediate", "stop");
        long asked = System.nanoTime();
        HttpResponse<String> during = get("/api/v1/cpos");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - asked);
        assertEquals(503, during.statusCode(), during.body());
        assertTrue(during.headers().firstValue("Retry-After").isPresent(), "503 says when to try again");
        assertTrue(during.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(seconds <= 10, "answered within seconds, not after a long hang: " + seconds + " s");
        awaitStatus("/health/ready", 503, Duration.ofSeconds(30));
        Thread.sleep(2 * SWEEP_SECONDS * 1000); // sweeps come due while the database is gone

        postgres("-o", "-p " + PG_PORT + " -k " + pgData + " -c listen_addresses=127.0.0.1", "-l", pgData.resolve("log").toString(), "start");
        Instant back = Instant.now();
        Duration api = awaitStatus("/api/v1/cpos", 200, Duration.ofSeconds(30));
        assertTrue(api.getSeconds() <= 15, "the API answers again " + api.getSeconds() + " s after the database's return");
        long sweepBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(SWEEP_SECONDS + 10);
        Instant sweep = lastSweep();
        while (!sweep.isAfter(back) && System.nanoTime() < sweepBy) {
            Thread.sleep(500);
            sweep = lastSweep();
        }
        assertTrue(sweep.isAfter(back), "a sweep ran within one interval (" + SWEEP_SECONDS + " s, plus slack) of the database's return; "
                + "the last was at " + sweep + ", the database back at " + back);
        awaitStatus("/health/ready", 200, Duration.ofSeconds(30));
    }
}
