package org.gridcharge.simulator;

import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop REST load: {@code threads} clients, each sending its next request as soon as the
 * last is answered, for reading a group ({@code GET /api/v1/smart-charging-groups/{id}}) and for
 * setting its capacity profile ({@code PUT .../capacity-profile}, a day of hourly periods, each PUT
 * making the group allocate again). Prints requests per second and latency percentiles per operation.
 *
 * <pre>java -cp simulator/target/simulator.jar org.gridcharge.simulator.RestLoad --api http://localhost:9080 --token JWT</pre>
 */
public final class RestLoad {

    /** What to run. */
    public record Options(String api, String token, String cpo, int evses, int threads, Duration warmup, Duration duration,
                          List<String> operations) {

        public static Options parse(String... args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value pairs, got " + args[i] + "\n" + usage());
                }
                values.put(args[i].substring(2), args[++i]);
            }
            for (String key : values.keySet()) {
                if (!List.of("api", "token", "cpo", "evses", "threads", "warmup-seconds", "seconds", "operations").contains(key)) {
                    throw new IllegalArgumentException("unknown option --" + key + "\n" + usage());
                }
            }
            if (!values.containsKey("token")) {
                throw new IllegalArgumentException("--token (a platform-admin JWT) is required\n" + usage());
            }
            List<String> operations = List.of(values.getOrDefault("operations", "get-group,put-profile").split(","));
            for (String operation : operations) {
                if (!List.of("get-group", "put-profile").contains(operation)) {
                    throw new IllegalArgumentException("unknown operation " + operation + " (get-group, put-profile)");
                }
            }
            return new Options(values.getOrDefault("api", "http://localhost:9080"), values.get("token"),
                    values.getOrDefault("cpo", "RL*" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT)),
                    Integer.parseInt(values.getOrDefault("evses", "10")), Integer.parseInt(values.getOrDefault("threads", "8")),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("warmup-seconds", "10"))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("seconds", "30"))), operations);
        }

        static String usage() {
            return """
                    options: --api URL (http://localhost:9080)  --token JWT (platform-admin, required)  --cpo ID (new)
                             --evses N (10, in the group)  --threads N (8)  --warmup-seconds N (10)  --seconds N (30)
                             --operations get-group,put-profile""";
        }
    }

    /** One operation's figures over the measured time. */
    public record Result(String operation, int threads, long requests, Map<Integer, Long> failures, double seconds, double p50Millis,
                         double p90Millis, double p99Millis, double maxMillis) {

        public double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-12s %3d threads  %8d requests  %8.1f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms"
                    + "  max %7.2f ms  failures %s", operation, threads, requests, perSecond(), p50Millis, p90Millis, p99Millis, maxMillis,
                    failures.isEmpty() ? "none" : failures);
        }
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String groupId;

    public RestLoad(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        RestLoad load = new RestLoad(options);
        boolean clean = true;
        for (Result result : load.run()) {
            System.out.println(result);
            clean &= result.failures().isEmpty();
        }
        System.exit(clean ? 0 : 1);
    }

    /** The group the load reads and writes, once provisioned. */
    public String groupId() {
        return groupId;
    }

    /** Provisions a CPO, its EVSEs and a group, then runs each operation in turn. */
    public List<Result> run() throws Exception {
        provision();
        List<Result> results = new ArrayList<>();
        for (String operation : options.operations()) {
            if (!options.warmup().isZero()) {
                measure(operation, options.warmup());
            }
            results.add(measure(operation, options.duration()));
        }
        return results;
    }

    private Result measure(String operation, Duration length) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(options.threads());
        long end = System.nanoTime() + length.toNanos();
        long started = System.nanoTime();
        List<Future<Client>> running = new ArrayList<>();
        for (int t = 0; t < options.threads(); t++) {
            int client = t;
            running.add(clients.submit(() -> new Client(client).loop(operation, end)));
        }
        long requests = 0;
        Map<Integer, Long> failures = new TreeMap<>();
        List<long[]> latencies = new ArrayList<>();
        for (Future<Client> future : running) {
            Client client = future.get();
            requests += client.count;
            latencies.add(Arrays.copyOf(client.nanos, client.count));
            client.failures.forEach((status, n) -> failures.merge(status, n, Long::sum));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(operation, options.threads(), requests, failures, seconds, percentile(all, 50), percentile(all, 90),
                percentile(all, 99), all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    /** One closed-loop client: its latencies (nanoseconds) and failures by status (0: no answer). */
    private final class Client {
        private final int number;
        private long[] nanos = new long[1 << 12];
        private int count;
        private final Map<Integer, Long> failures = new TreeMap<>();

        Client(int number) {
            this.number = number;
        }

        Client loop(String operation, long end) {
            String path = "/api/v1/smart-charging-groups/" + groupId;
            int round = 0;
            while (System.nanoTime() < end) {
                HttpRequest request = operation.equals("get-group") ? request("GET", path, null)
                        : request("PUT", path + "/capacity-profile", profile(number, round++));
                long start = System.nanoTime();
                int status;
                try {
                    status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (java.io.IOException e) {
                    status = 0;
                }
                long took = System.nanoTime() - start;
                if (status / 100 != 2) {
                    failures.merge(status, 1L, Long::sum);
                    continue;
                }
                if (count == nanos.length) {
                    nanos = Arrays.copyOf(nanos, count * 2);
                }
                nanos[count++] = took;
            }
            return this;
        }
    }

    /** A day of hourly periods from the current hour on, the capacity varying by client and round. */
    static String profile(int client, int round) {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        StringBuilder body = new StringBuilder("{\"type\":\"capacity_limit\",\"periods\":[");
        for (int h = 0; h < 24; h++) {
            body.append(h == 0 ? "" : ",").append("{\"start_date_time\":\"").append(hour.plus(h, ChronoUnit.HOURS))
                    .append("\",\"end_date_time\":\"").append(hour.plus(h + 1, ChronoUnit.HOURS)).append("\",\"capacity\":")
                    .append(100 + (client * 7 + round + h) % 50).append('}');
        }
        return body.append("]}").toString();
    }

    private void provision() throws Exception {
        expect(send("POST", "/api/v1/cpos", "{\"cpo_id\":\"" + options.cpo() + "\",\"name\":\"REST load CPO\"}"), 201, 409);
        StringBuilder evseIds = new StringBuilder();
        String stem = options.cpo().replaceAll("[^A-Za-z0-9]", "");
        for (int e = 1; e <= options.evses(); e++) {
            String evseId = "NL*RLD*E" + stem + e;
            expect(send("POST", "/api/v1/evses", "{\"evse_id\":\"" + evseId + "\",\"cpo_id\":\"" + options.cpo()
                    + "\",\"charge_station_id\":\"RLD-" + stem + "-" + e + "\",\"connector_id\":1,\"max_current_amps\":32,\"phases\":3}"), 201);
            evseIds.append(evseIds.length() == 0 ? "" : ",").append('"').append(evseId).append('"');
        }
        HttpResponse<String> group = expect(send("POST", "/api/v1/smart-charging-groups", "{\"cpo_id\":\"" + options.cpo()
                + "\",\"name\":\"REST load\",\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{}},\"default_capacity_amps\":100,"
                + "\"evse_ids\":[" + evseIds + "]}"), 201);
        groupId = Json.createReader(new StringReader(group.body())).readObject().getString("group_id");
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered " + response.statusCode()
                + ": " + response.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.api() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + options.token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return request.build();
    }
}
