package org.gridcharge.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A charge-station simulator for the platform: N OCPP 1.6J stations that boot, charge, report what they draw and
 * obey their limits, while a checker compares the sum of the limits in force with the group's capacity; with
 * {@code --tree} the stations hang on the leaves of a tree of groups, and the checker holds every node to its own
 * capacity.
 *
 * <pre>
 * java -jar simulator/target/simulator.jar --stations 50 --provision --token "$(scripts/dev-token.sh --role platform-admin)"
 * </pre>
 *
 * Exit status 0 when every station connected and no check failed, 1 otherwise.
 */
public final class Simulator {

    /** The run's settings; see {@link #usage()}. */
    public record Options(String url, String api, String token, String prefix, String password, String cpo, int stations, int connectors,
                          double maxAmps, double fullBatteryShare, Duration meterInterval, Duration heartbeatInterval,
                          Duration duration, boolean provision, Double groupCapacityAmps, Duration grace, long seed,
                          int connectPerSecond, Double probeCapacity, Duration flood, Duration probeAfter, List<Integer> tree,
                          double[] siteMeter, boolean reconnect) {

        public static Options parse(String... args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + args[i] + "'\n" + usage());
                }
                String name = args[i].substring(2);
                if (name.equals("provision") || name.equals("help") || name.equals("reconnect")) {
                    given.put(name, "true");
                } else if (i + 1 < args.length) {
                    given.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value\n" + usage());
                }
            }
            if (given.containsKey("help")) {
                throw new IllegalArgumentException(usage());
            }
            String api = given.getOrDefault("api", "http://localhost:9080");
            Options options = new Options(given.getOrDefault("url", api.replaceFirst("^http", "ws") + "/ocpp/"), api,
                    given.get("token"), given.getOrDefault("prefix", "SIM-"), given.getOrDefault("password", "simulated-station-password"),
                    given.getOrDefault("cpo", "NL*SIM"), Integer.parseInt(given.getOrDefault("stations", "50")),
                    Integer.parseInt(given.getOrDefault("connectors", "1")), Double.parseDouble(given.getOrDefault("max-amps", "32")),
                    Double.parseDouble(given.getOrDefault("full-battery-share", "0.2")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("meter-seconds", "60"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("heartbeat-seconds", "30"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("duration-seconds", "0"))),
                    given.containsKey("provision"), given.containsKey("group-capacity") ? Double.valueOf(given.get("group-capacity")) : null,
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("grace-seconds", "5"))),
                    Long.parseLong(given.getOrDefault("seed", "1")), Integer.parseInt(given.getOrDefault("connect-per-second", "0")),
                    given.containsKey("probe-capacity") ? Double.valueOf(given.get("probe-capacity")) : null,
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("flood-seconds", "0"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("probe-after-seconds", "20"))),
                    given.containsKey("tree") ? java.util.Arrays.stream(given.get("tree").split("x")).map(Integer::valueOf).toList() : List.of(),
                    given.containsKey("site-meter") ? java.util.Arrays.stream(given.get("site-meter").split(":"))
                            .mapToDouble(Double::parseDouble).toArray() : null, given.containsKey("reconnect"));
            if (options.siteMeter() != null && (options.siteMeter().length != 3 || !options.provision() || !options.tree().isEmpty())) {
                throw new IllegalArgumentException("--site-meter takes CONNECTION:BEFORE:AFTER, with --provision and without --tree\n"
                        + usage());
            }
            if (options.tree().stream().anyMatch(f -> f < 1)) {
                throw new IllegalArgumentException("--tree takes fan-outs of at least 1, e.g. 3x4\n" + usage());
            }
            if (options.provision() && options.token() == null) {
                throw new IllegalArgumentException("--provision needs --token (a platform-admin JWT, e.g."
                        + " scripts/dev-token.sh --role platform-admin)");
            }
            return options;
        }

        static String usage() {
            return """
                    usage: java -jar simulator.jar [options]
                      --api URL               the platform (default http://localhost:9080); OCPP at --url (default ws://…/ocpp/)
                      --stations N            simulated stations (default 50), named --prefix (default SIM-) + number
                      --connectors N          connectors (EVSEs) per station, each with a charging EV (default 1)
                      --max-amps A            each EV's and socket's maximum per phase (default 32)
                      --full-battery-share F  share of EVs that draw less (20-60 % of the maximum), default 0.2
                      --meter-seconds S       MeterValues interval (default 60); --heartbeat-seconds S (default 30)
                      --duration-seconds S    stop after S seconds (default 0: until Ctrl+C)
                      --provision             create the CPO (--cpo, default NL*SIM), the EVSEs, the stations' passwords
                                              (--password) and one equal_share group of them (--group-capacity A,
                                              default 10 A per EVSE); needs --token
                      --token JWT             a platform-admin token for the REST API (provisioning, capacity checks)
                      --grace-seconds S       a sum of limits over the capacity is a failure when it lasts longer (default 5)
                      --connect-per-second R  open at most R connections a second (default 0: all at once)
                      --probe-capacity A      control latency: --probe-after-seconds (default 20) after the stations charge, set
                                              the provisioned group's capacity
                                              to A from now on and report how long each station took to get its new limits
                      --tree FxGx…            with --provision: a tree of groups, F boards on the connection, G below each
                                              board, and so on; the stations spread over the lowest level. A leaf's
                                              capacity is 10 A per EVSE, each node above 90 % of its children's sum, and
                                              every second child hangs on its parent with phases rotated (STR); the
                                              checker holds every node to its capacity
                      --site-meter C:B:A      with --provision: the group takes its capacity from a site meter (readings
                                              posted by REST each second) on a connection of C A per phase, whose other
                                              load is B A; --probe-after-seconds after the stations charge, the load steps
                                              to A. Reports how long each station took to get new limits from the step's
                                              reading, and how far and how long the building's load plus the EVs' limits
                                              in force stood above the connection; the checker holds that sum to C
                      --reconnect             a station whose connection is lost (a server died or drained) connects again
                                              after 0.5-1.5 s, sends BootNotification and keeps its sessions and profiles;
                                              reports how long each took to get a connector's profile again
                      --flood-seconds S       saturation: once all charge, every station sends Heartbeats for S seconds, each
                                              as soon as the last is answered; reports CALLs answered per second and round trips
                    """;
        }
    }

    private final Options options;
    private final Stats stats = new Stats();
    private final List<SimStation> stations = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile String groupId;
    /** The groups the checker holds to their capacity: the one group, or every node of the tree, the root first. */
    private final List<Node> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile double floodCallsPerSecond = Double.NaN;
    private volatile double[] probeMillis;
    /** The other load the site meter sees now (--site-meter), as last posted. */
    private volatile double buildingAmps;
    private volatile double overshootAmps = Double.NaN;
    private volatile double overshootMillis = Double.NaN;
    private double worstOvershoot;

    /** A group and the connectors below it ({@code station#connector}), with its capacity as last read. */
    static final class Node {
        final String groupId;
        final java.util.Set<String> connectors;
        volatile JsonObject group;
        volatile JsonArray periods = JsonArray.EMPTY_JSON_ARRAY;
        Instant overSince;

        Node(String groupId, java.util.Set<String> connectors) {
            this.groupId = groupId;
            this.connectors = connectors;
        }
    }

    public Simulator(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("replay") || args[0].equals("workload"))) {
            System.exit(org.gridcharge.simulator.replay.Replay.main(args[0], java.util.Arrays.copyOfRange(args, 1, args.length), System.out,
                    System.err));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Simulator simulator = new Simulator(options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::report));
        System.exit(simulator.run() ? 0 : 1);
    }

    /** The group the stations were provisioned into, once provisioned. */
    public String groupId() {
        return groupId;
    }

    public List<String> problems() {
        return stats.problems();
    }

    /** CALLs answered per second during the flood (--flood-seconds), NaN before it ends or without one. */
    public double floodCallsPerSecond() {
        return floodCallsPerSecond;
    }

    /** For each station that got new limits after the control-latency probe's PUT, how long it took (sorted); null before. */
    public double[] probeMillis() {
        return probeMillis == null ? null : probeMillis.clone();
    }

    /**
     * With --reconnect: for each lost connection whose station got a connector's profile again on a new one, the time
     * from the loss to that profile, in milliseconds, sorted.
     */
    public double[] backUnderControlMillis() {
        return stats.backUnderControlMillis();
    }

    /** With --reconnect: how many connections were lost so far. */
    public long lostConnections() {
        return stats.lostConnections();
    }

    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    /** Ends the run now (before its --duration-seconds): the stations close their connections and {@link #run()} returns. */
    public void stop() {
        stopped.countDown();
    }

    /** How many stations are connected now. */
    public long connectedStations() {
        return stations.stream().filter(SimStation::open).count();
    }

    /** Each station's id, in order. */
    public List<String> stationIds() {
        return stations.stream().map(s -> s.id).toList();
    }

    public int stationsWithLimits() {
        return stats.stationsWithLimits();
    }

    /** Runs the simulation; true if every station connected and no check failed. */
    public boolean run() throws Exception {
        if (options.provision()) {
            provision();
        }
        Random random = new Random(options.seed());
        Clock clock = Clock.systemUTC();
        for (int s = 1; s <= options.stations(); s++) {
            double[] demand = new double[options.connectors()];
            for (int c = 0; c < demand.length; c++) {
                demand[c] = random.nextDouble() < options.fullBatteryShare()
                        ? Math.round(options.maxAmps() * (0.2 + 0.4 * random.nextDouble()) * 10) / 10.0 : options.maxAmps();
            }
            SimStation station = new SimStation(stationId(s), demand, stats, clock);
            if (options.reconnect()) {
                station.reconnecting();
            }
            stations.add(station);
        }
        List<CompletableFuture<?>> started = new ArrayList<>();
        for (SimStation station : stations) {
            if (options.connectPerSecond() > 0) {
                Thread.sleep(1000L / options.connectPerSecond());
            }
            started.add(station.connect(http, options.url(), options.password()).thenCompose(v -> station.boot())
                    .thenCompose(v -> station.startSessions()).exceptionally(e -> {
                        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                        stats.problem(station.id + " did not start: " + (cause instanceof java.net.http.WebSocketHandshakeException h
                                ? "the handshake was answered " + h.getResponse().statusCode() + " " + h.getResponse().body() : e));
                        return null;
                    }));
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
        long connected = stations.stream().filter(SimStation::open).count();
        System.out.printf(java.util.Locale.ROOT, "%d of %d stations connected and charging; while connecting: CALL round trip p50 %.1f ms,"
                + " p99 %.1f ms (counted afresh from here on)%n", connected, stations.size(), stats.roundTripMillis(50),
                stats.roundTripMillis(99));
        stats.resetRoundTrips();
        if (!options.flood().isZero()) {
            flood(options.flood());
        }

        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        double meterSeconds = options.meterInterval().toMillis() / 1000.0;
        long meterMillis = options.meterInterval().toMillis();
        long heartbeatMillis = options.heartbeatInterval().toMillis();
        for (SimStation station : stations) {
            // each station keeps its own phase within the interval, as real stations do: no synchronised bursts
            timers.scheduleAtFixedRate(() -> one(station, s -> s.meterValues(meterSeconds)), 1_000 + random.nextLong(meterMillis),
                    meterMillis, TimeUnit.MILLISECONDS);
            timers.scheduleAtFixedRate(() -> one(station, SimStation::heartbeat), random.nextLong(heartbeatMillis) + 1, heartbeatMillis,
                    TimeUnit.MILLISECONDS);
        }
        timers.scheduleAtFixedRate(this::check, 1, 1, TimeUnit.SECONDS);
        if (!nodes.isEmpty() && options.token() != null && options.siteMeter() == null) {
            timers.scheduleAtFixedRate(this::refreshCapacity, 0, 2, TimeUnit.SECONDS);
        }
        timers.scheduleAtFixedRate(() -> System.out.println(status()), 10, 10, TimeUnit.SECONDS);
        if (options.probeCapacity() != null && groupId != null) {
            timers.schedule(this::probe, options.probeAfter().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (options.siteMeter() != null && groupId != null) {
            timers.schedule(this::meterProbe, options.probeAfter().toMillis(), TimeUnit.MILLISECONDS);
            timers.scheduleAtFixedRate(() -> {
                try {
                    synchronized (readingLock) {
                        buildingAmps = meterLoad;
                        postReading(meterLoad);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    stats.problem("a meter reading failed: " + e);
                }
            }, 1, 1, TimeUnit.SECONDS);
        }
        try {
            if (options.duration().isZero()) {
                stopped.await();
            } else {
                stopped.await(options.duration().toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            timers.shutdownNow();
            timers.awaitTermination(10, TimeUnit.SECONDS); // no station task may still be sending when the stations close
            stations.forEach(SimStation::close);
        }
        return connected == stations.size() && stats.problems().isEmpty();
    }

    /** Every open station sends Heartbeats in a closed loop for the given time; prints the rate answered and the round trips. */
    private void flood(Duration length) {
        java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
        long started = System.nanoTime();
        long end = started + length.toNanos();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (SimStation station : stations) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loops.add(done);
            heartbeatUntil(station, end, answered, done);
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - started) / 1e9;
        floodCallsPerSecond = answered.get() / seconds;
        System.out.printf(java.util.Locale.ROOT, "flood: %d stations, %d CALLs answered in %.1f s: %.0f CALLs/s (%.0f frames/s both ways);"
                        + " round trip p50 %.1f ms, p99 %.1f ms%n", stations.stream().filter(SimStation::open).count(), answered.get(),
                seconds, answered.get() / seconds, 2 * answered.get() / seconds, stats.roundTripMillis(50), stats.roundTripMillis(99));
        stats.resetRoundTrips();
    }

    private void heartbeatUntil(SimStation station, long end, java.util.concurrent.atomic.AtomicLong answered, CompletableFuture<Void> done) {
        if (System.nanoTime() >= end || !station.open()) {
            done.complete(null);
            return;
        }
        try {
            station.heartbeat().whenComplete((answer, failure) -> {
                if (failure == null) {
                    answered.incrementAndGet();
                } else {
                    stats.problem(station.id + ": a Heartbeat failed: " + failure);
                }
                heartbeatUntil(station, end, answered, done);
            });
        } catch (RuntimeException e) {
            stats.problem(station.id + ": " + e);
            done.complete(null);
        }
    }

    private void one(SimStation station, java.util.function.Consumer<SimStation> action) {
        if (station.open()) {
            try {
                action.accept(station);
            } catch (RuntimeException e) {
                if (station.open() || !options.reconnect()) { // not a connection lost meanwhile, which --reconnect mends
                    stats.problem(station.id + ": " + e);
                }
            }
        }
    }

    private String stationId(int number) {
        return options.prefix() + String.format("%05d", number);
    }

    /**
     * The sum of the limits in force below each group, against that group's capacity; per connector, no limit above the
     * socket's maximum. Without a provisioned group, the sum of all against {@code --group-capacity}.
     */
    void check() {
        Instant now = Instant.now();
        java.util.Map<String, Double> inForce = new java.util.HashMap<>();
        double total = 0;
        for (SimStation station : stations) {
            for (SimStation.Connector c : station.connectors) {
                Double limit = station.limits.limitAt(c.id, now);
                if (limit != null && limit > options.maxAmps() + 1e-9) {
                    stats.problem(station.id + " connector " + c.id + " was allowed " + limit + " A, above its maximum " + options.maxAmps());
                }
                double counted = limit == null ? options.maxAmps() : limit;
                inForce.put(station.id + "#" + c.id, counted);
                total += counted;
            }
        }
        if (options.siteMeter() != null) {
            hold(null, now, buildingAmps + total, options.siteMeter()[0]);
            return;
        }
        if (nodes.isEmpty()) {
            if (options.groupCapacityAmps() != null) {
                hold(null, now, total, options.groupCapacityAmps());
            }
            return;
        }
        for (Node node : nodes) {
            Double capacity = options.groupCapacityAmps() != null && node == nodes.get(0) ? options.groupCapacityAmps() : capacityAt(node, now);
            if (capacity != null) {
                double below = 0;
                for (String connector : node.connectors) {
                    below += inForce.getOrDefault(connector, 0.0);
                }
                hold(node, now, below, capacity);
            }
        }
    }

    private Instant overSince;

    /** A sum of limits over a capacity is a problem once it lasts longer than the grace. */
    private void hold(Node node, Instant now, double total, double capacity) {
        Instant since = node == null ? overSince : node.overSince;
        if (total > capacity + 1e-6) {
            if (since == null) {
                since = now;
            }
            worstOvershoot = Math.max(worstOvershoot, total - capacity);
            if (Duration.between(since, now).compareTo(options.grace()) > 0) {
                stats.problem(String.format(java.util.Locale.ROOT, "%s: the limits in force add up to %.1f A per phase, over %s's"
                        + " capacity of %.1f A for %d s", now, total, node == null ? "the" : "group " + node.groupId, capacity,
                        Duration.between(since, now).toSeconds()));
            }
        } else {
            since = null;
        }
        if (node == null) {
            overSince = since;
        } else {
            node.overSince = since;
        }
    }

    private static Double capacityAt(Node node, Instant now) {
        JsonObject g = node.group;
        if (g == null) {
            return null;
        }
        for (JsonObject p : node.periods.getValuesAs(JsonObject.class)) {
            if (!now.isBefore(Instant.parse(p.getString("start_date_time"))) && now.isBefore(Instant.parse(p.getString("end_date_time")))) {
                return p.getJsonNumber("capacity").doubleValue();
            }
        }
        return g.getJsonNumber("default_capacity_amps").doubleValue();
    }

    private void refreshCapacity() {
        try {
            for (Node node : nodes) {
                String path = "/api/v1/smart-charging-groups/" + node.groupId;
                HttpResponse<String> g = rest("GET", path, null);
                if (g.statusCode() != 200) {
                    throw new java.io.IOException("GET " + path + " answered " + g.statusCode());
                }
                HttpResponse<String> p = rest("GET", path + "/capacity-profile", null);
                if (p.statusCode() != 200 && p.statusCode() != 404) {
                    throw new java.io.IOException("GET " + path + "/capacity-profile answered " + p.statusCode());
                }
                node.group = Json.createReader(new StringReader(g.body())).readObject();
                node.periods = p.statusCode() == 200 ? Json.createReader(new StringReader(p.body())).readObject().getJsonArray("periods")
                        : JsonArray.EMPTY_JSON_ARRAY;
            }
            capacityReadFailures = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run is over
        } catch (Exception e) {
            // with --reconnect a server may die under a read (the balancer moves the next one): only a failure that lasts
            // three reads (6 s) is a problem; the checker holds to the capacities last read meanwhile
            if (!Thread.currentThread().isInterrupted() && (!options.reconnect() || ++capacityReadFailures >= 3)) {
                stats.problem("reading the groups' capacity failed: " + e);
            }
        }
    }

    private int capacityReadFailures;

    /** The control-latency probe: a capacity profile from now on, then the time until each station has new limits. */
    private void probe() {
        try {
            Instant now = Instant.now();
            String body = "{\"type\":\"capacity_limit\",\"periods\":[{\"start_date_time\":\"" + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + "\",\"end_date_time\":\"" + now.plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + "\",\"capacity\":" + options.probeCapacity() + "}]}";
            stats.startProbe();
            HttpResponse<String> put = rest("PUT", "/api/v1/smart-charging-groups/" + groupId + "/capacity-profile", body);
            System.out.printf("probe: capacity profile answered %d after %.0f ms%n", put.statusCode(),
                    Duration.between(now, Instant.now()).toNanos() / 1e6);
            long patience = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (stats.probeMillis().length < stations.size() && System.nanoTime() < patience) {
                Thread.sleep(100);
            }
            double[] millis = stats.probeMillis();
            probeMillis = millis;
            System.out.printf(java.util.Locale.ROOT, "probe: %d of %d stations got new limits; from the PUT: p50 %.0f ms, p99 %.0f ms,"
                    + " last %.0f ms%n", millis.length, stations.size(), percentile(millis, 50), percentile(millis, 99),
                    millis.length == 0 ? Double.NaN : millis[millis.length - 1]);
            // the evidence for any station left out: what it holds now (a schedule at or below the new share needs no new one)
            Instant at = Instant.now();
            stations.stream().filter(station -> !stats.probed(station.id)).limit(10).forEach(station -> System.out.printf(java.util.Locale.ROOT,
                    "probe: %s got no new limits; it holds %s (connected: %s)%n", station.id,
                    java.util.Arrays.stream(station.connectors).map(c -> c.id + ": " + station.limits.limitAt(c.id, at)).toList(), station.open()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run is over
        } catch (Exception e) {
            stats.problem("the probe failed: " + e);
        }
    }

    /** The other load the meter reports each second; readings are posted one at a time, in order. */
    private volatile double meterLoad;
    private final Object readingLock = new Object();

    /** Posts the site meter's reading: the other load, the same on every phase. */
    private int postReading(double amps) throws Exception {
        return rest("POST", "/api/v1/smart-charging-groups/" + groupId + "/meter-readings", "{\"currents\":[" + amps + "," + amps + ","
                + amps + "]}").statusCode();
    }

    /** The sum of every connector's limit in force now (a connector without one counts at its maximum). */
    public double limitsInForce() {
        Instant now = Instant.now();
        double total = 0;
        for (SimStation station : stations) {
            for (SimStation.Connector c : station.connectors) {
                Double limit = station.limits.limitAt(c.id, now);
                total += limit == null ? options.maxAmps() : limit;
            }
        }
        return total;
    }

    /**
     * The site meter's probe: the other load steps from B to A. Samples the building's load plus the limits in force every
     * millisecond from the step's reading until it has stayed within the connection for five seconds, and notes when each
     * station got new limits.
     */
    private void meterProbe() {
        try {
            double connection = options.siteMeter()[0];
            double after = options.siteMeter()[2];
            stats.startProbe();
            long step = System.nanoTime();
            buildingAmps = after; // the load is there from the instant the meter saw it, before the reading arrives
            Thread readings = new Thread(() -> {
                try {
                    int status;
                    synchronized (readingLock) {
                        meterLoad = after;
                        status = postReading(after);
                    }
                    System.out.printf(java.util.Locale.ROOT, "meter probe: the step's reading answered %d after %.0f ms%n", status,
                            (System.nanoTime() - step) / 1e6);
                } catch (Exception e) {
                    stats.problem("the step's reading failed: " + e);
                }
            });
            readings.setDaemon(true);
            readings.start();
            double worst = 0;
            long lastOver = -1;
            long patience = step + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < patience) {
                double excess = after + limitsInForce() - connection;
                long now = System.nanoTime();
                if (excess > 1e-6) {
                    worst = Math.max(worst, excess);
                    lastOver = now;
                } else if (now - Math.max(lastOver, step) > TimeUnit.SECONDS.toNanos(5)) {
                    break;
                }
                Thread.sleep(1);
            }
            readings.join();
            overshootAmps = worst;
            overshootMillis = lastOver < 0 ? 0 : (lastOver - step) / 1e6;
            double[] millis = stats.probeMillis();
            probeMillis = millis;
            System.out.printf(java.util.Locale.ROOT, "meter probe: load %.0f -> %.0f A on a %.0f A connection; %d of %d stations got new"
                    + " limits; from the reading: p50 %.0f ms, p99 %.0f ms, last %.0f ms; load plus limits in force over the connection"
                    + " by up to %.1f A for %.0f ms%n", options.siteMeter()[1], after, connection, millis.length, stations.size(),
                    percentile(millis, 50), percentile(millis, 99), millis.length == 0 ? Double.NaN : millis[millis.length - 1],
                    worst, overshootMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run is over
        } catch (Exception e) {
            stats.problem("the meter probe failed: " + e);
        }
    }

    /** How far (A) the building's load plus the limits in force stood over the connection after the meter probe's step. */
    public double overshootAmps() {
        return overshootAmps;
    }

    /** For how long (ms from the step) the building's load plus the limits in force stood over the connection. */
    public double overshootMillis() {
        return overshootMillis;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private void provision() throws Exception {
        rest("POST", "/api/v1/cpos", "{\"cpo_id\":\"" + options.cpo() + "\",\"name\":\"Simulated CPO\"}");
        StringBuilder evseIds = new StringBuilder();
        for (int s = 1; s <= options.stations(); s++) {
            String station = stationId(s);
            for (int c = 1; c <= options.connectors(); c++) {
                String evseId = evseId(station, c);
                HttpResponse<String> created = rest("POST", "/api/v1/evses", "{\"evse_id\":\"" + evseId + "\",\"cpo_id\":\"" + options.cpo()
                        + "\",\"charge_station_id\":\"" + station + "\",\"connector_id\":" + c + ",\"max_current_amps\":" + options.maxAmps()
                        + ",\"phases\":3}");
                if (created.statusCode() != 201 && created.statusCode() != 409) {
                    throw new IllegalStateException("creating EVSE " + evseId + " failed: " + created.statusCode() + " " + created.body());
                }
                evseIds.append(evseIds.length() == 0 ? "" : ",").append('"').append(evseId).append('"');
            }
            HttpResponse<String> credentials = rest("PUT", "/api/v1/charge-stations/" + URLEncoder.encode(station, StandardCharsets.UTF_8)
                    + "/credentials", "{\"password\":\"" + options.password() + "\"}");
            if (credentials.statusCode() != 204) {
                throw new IllegalStateException("setting the password of " + station + " failed: " + credentials.body());
            }
        }
        if (!options.tree().isEmpty()) {
            provisionTree();
            return;
        }
        double capacity = options.siteMeter() != null ? options.siteMeter()[0] - Math.max(options.siteMeter()[1], options.siteMeter()[2])
                : 10.0 * options.stations() * options.connectors();
        HttpResponse<String> created = rest("POST", "/api/v1/smart-charging-groups", "{\"cpo_id\":\"" + options.cpo()
                + "\",\"name\":\"Simulated stations\",\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{}},\"default_capacity_amps\":"
                + capacity + ",\"evse_ids\":[" + evseIds + "]" + (options.siteMeter() != null ? ",\"capacity_update_method\":\"EXTERNALMETER\"" : "")
                + "}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the group failed (are the EVSEs already in a group?): " + created.body());
        }
        groupId = Json.createReader(new StringReader(created.body())).readObject().getString("group_id");
        java.util.Set<String> all = new java.util.HashSet<>();
        for (int s = 1; s <= options.stations(); s++) {
            for (int c = 1; c <= options.connectors(); c++) {
                all.add(stationId(s) + "#" + c);
            }
        }
        nodes.add(new Node(groupId, all));
        if (options.siteMeter() != null) {
            HttpResponse<String> meter = rest("PUT", "/api/v1/smart-charging-groups/" + groupId + "/meter", "{\"source\":\"api\","
                    + "\"connection_capacity\":" + options.siteMeter()[0] + ",\"includes_ev_load\":false,\"stale_after_seconds\":30,"
                    + "\"rise_delay_seconds\":5,\"deadband\":1}");
            if (meter.statusCode() != 200) {
                throw new IllegalStateException("setting the site meter failed: " + meter.body());
            }
            meterLoad = options.siteMeter()[1];
            buildingAmps = meterLoad;
            postReading(meterLoad);
        }
        System.out.printf("provisioned %d stations in group %s (default capacity %.0f A per phase)%n", options.stations(), groupId, capacity);
    }

    private String evseId(String station, int connector) {
        return "NL*SIM*E" + station.replaceAll("[^A-Za-z0-9]", "") + connector;
    }

    /** The tree of {@code --tree}, made from the leaves up: each board adopts the groups below it. */
    private void provisionTree() throws Exception {
        int leaves = options.tree().stream().reduce(1, (a, b) -> a * b);
        // level by level from the bottom: each entry a group id and the connectors below it
        List<Node> level = new ArrayList<>();
        List<Double> capacities = new ArrayList<>();
        for (int leaf = 0; leaf < leaves; leaf++) {
            java.util.Set<String> connectors = new java.util.LinkedHashSet<>();
            StringBuilder ids = new StringBuilder();
            for (int s = leaf + 1; s <= options.stations(); s += leaves) {
                for (int c = 1; c <= options.connectors(); c++) {
                    connectors.add(stationId(s) + "#" + c);
                    ids.append(ids.length() == 0 ? "" : ",").append('"').append(evseId(stationId(s), c)).append('"');
                }
            }
            if (connectors.isEmpty()) {
                throw new IllegalArgumentException("--tree has " + leaves + " leaves, more than the " + options.stations() + " stations");
            }
            double capacity = 10.0 * connectors.size();
            level.add(new Node(createGroup("Leaf " + leaf, capacity, "\"evse_ids\":[" + ids + "]"), connectors));
            capacities.add(capacity);
        }
        List<Node> all = new ArrayList<>(level);
        for (int depth = options.tree().size() - 1; depth >= 0; depth--) {
            int fanOut = options.tree().get(depth);
            List<Node> above = new ArrayList<>();
            List<Double> aboveCapacities = new ArrayList<>();
            for (int first = 0; first < level.size(); first += fanOut) {
                java.util.Set<String> connectors = new java.util.LinkedHashSet<>();
                StringBuilder children = new StringBuilder();
                double sum = 0;
                for (int i = first; i < first + fanOut; i++) {
                    connectors.addAll(level.get(i).connectors);
                    children.append(children.length() == 0 ? "" : ",").append('"').append(level.get(i).groupId).append('"');
                    sum += capacities.get(i);
                }
                double capacity = Math.floor(sum * 0.9);
                String id = createGroup(depth == 0 ? "Connection" : "Board " + depth + "-" + first / fanOut, capacity,
                        "\"child_group_ids\":[" + children + "]");
                for (int i = first + 1; i < first + fanOut; i += 2) {
                    HttpResponse<String> rotated = rest("PATCH", "/api/v1/smart-charging-groups/" + level.get(i).groupId,
                            "{\"parent_phase_rotation\":\"STR\"}");
                    if (rotated.statusCode() != 200) {
                        throw new IllegalStateException("rotating group " + level.get(i).groupId + " failed: " + rotated.body());
                    }
                }
                above.add(new Node(id, connectors));
                aboveCapacities.add(capacity);
            }
            all.addAll(above);
            level = above;
            capacities = aboveCapacities;
        }
        java.util.Collections.reverse(all); // the root first
        nodes.addAll(all);
        groupId = all.get(0).groupId;
        System.out.printf("provisioned %d stations in a tree of %d groups (%s) with root %s (capacity %.0f A per phase)%n",
                options.stations(), all.size(), options.tree(), groupId, capacities.get(0));
    }

    private String createGroup(String name, double capacity, String members) throws Exception {
        HttpResponse<String> created = rest("POST", "/api/v1/smart-charging-groups", "{\"cpo_id\":\"" + options.cpo() + "\",\"name\":\""
                + name + "\",\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{}},\"default_capacity_amps\":" + capacity + ","
                + members + "}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating group " + name + " failed (are the EVSEs already in a group?): " + created.body());
        }
        return Json.createReader(new StringReader(created.body())).readObject().getString("group_id");
    }

    private HttpResponse<String> rest(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.api() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + options.token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String status() {
        Instant now = Instant.now();
        double total = 0;
        for (SimStation station : stations) {
            for (SimStation.Connector c : station.connectors) {
                Double limit = station.limits.limitAt(c.id, now);
                total += limit == null ? 0 : limit;
            }
        }
        Double capacity = options.groupCapacityAmps() != null ? options.groupCapacityAmps() : nodes.isEmpty() ? null
                : capacityAt(nodes.get(0), now);
        long connected = stations.stream().filter(SimStation::open).count();
        return String.format(java.util.Locale.ROOT, "%s  %d/%d stations connected, limits in force: %.1f A per phase%s, %d profiles"
                        + " received, %d problems; %s", now, connected, stations.size(), total,
                capacity == null ? "" : String.format(java.util.Locale.ROOT, " (capacity %.1f A)", capacity), stats.profiles(),
                stats.problems().size(), stats.summary());
    }

    void report() {
        System.out.println(status());
        System.out.printf(java.util.Locale.ROOT, "worst overshoot of the capacity (within the %d s grace): %.1f A%n",
                options.grace().toSeconds(), worstOvershoot);
        if (options.reconnect()) {
            double[] back = stats.backUnderControlMillis();
            System.out.printf(java.util.Locale.ROOT, "connections lost: %d, reopened: %d; back under control (a connector's profile"
                            + " on the new connection) for %d, from the loss: p50 %.0f ms, p99 %.0f ms, last %.0f ms%n", stats.lostConnections(),
                    stats.reconnections(), back.length, percentile(back, 50), percentile(back, 99), back.length == 0 ? Double.NaN
                            : back[back.length - 1]);
        }
        stats.problems().stream().limit(20).forEach(p -> System.out.println("PROBLEM " + p));
    }
}
