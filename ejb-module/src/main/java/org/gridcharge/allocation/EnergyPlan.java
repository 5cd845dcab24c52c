package org.gridcharge.allocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Where each session's energy need goes: the horizon cut into quarter-hour slots of constant price, exclusion and
 * capacity, and for each session that said when it leaves and how much energy it wants, the current it is to get in
 * each slot.
 *
 * <p>{@link Strategy#TIME_OF_USE} ({@link #plan}): sessions are planned earliest departure first. Each takes, in the
 * order its goal gives (the cheapest allowed slots before its departure, or the earliest), as much current as its EVSE
 * can draw and the slot has left on every resource of its path (its phases, as wired, at every node up to the root), at
 * least the minimum current, else the slot is skipped, until its need is covered; the slot that covers the rest gets
 * what spread over its length covers it, no less than the minimum. What sockets out of our control may still draw, and
 * what priority sessions may draw until they have their need, is held back first.
 *
 * <p>{@link Strategy#DEADLINE} ({@link #latest}): latest departure first, latest slots first, no tariff: what a session is
 * planned to get now is what it must get now.
 *
 * <p>A plan is a wish, not a limit: the allocation at each instant keeps every capacity of the moment, like every
 * algorithm.
 */
public final class EnergyPlan {

    /** The longest slot: a quarter of an hour, the settlement period of most European electricity markets. */
    public static final Duration SLOT = Duration.ofMinutes(15);

    /** Sessions leaving later than this are planned no further ahead. */
    public static final Duration MAX_AHEAD = Duration.ofHours(48);

    /** A stretch of constant price, exclusion and capacity. */
    public record Slot(Instant start, Instant end, double price, boolean excluded) {
        long seconds() {
            return Duration.between(start, end).getSeconds();
        }
    }

    /**
     * One window of a session's plan: from {@code start} to {@code end} it is to get {@code limit} per phase, which delivers
     * {@code energyWh} at {@code price} per kWh.
     */
    public record Window(String evseId, String sessionId, Instant start, Instant end, double limit, double energyWh,
                         double price) {
        public double cost() {
            return energyWh / 1000 * price;
        }
    }

    private static final long UNLIMITED = Long.MAX_VALUE / 4;

    private final List<Socket> sockets;
    private final List<Slot> slots;
    private final Instant[] starts;
    /** By socket: its current in each slot (deciamperes), or null for a socket whose session is not planned. */
    private final int[][] planned;
    /** Whether this is a time-of-use plan (exclusion times, waiting for windows), not the latest-possible plan of deadline. */
    private final boolean timeOfUse;
    /** By socket: the energy it wanted when planned (Wh), or 0. */
    private final double[] wantedWh;
    /** By slot: the capacity left on each phase once every planned session took its share (deciamperes). */
    private final long[][] spare;
    private final double wattsPerUnit;
    private final List<Instant> tariffChanges;

    private EnergyPlan(List<Socket> sockets, List<Slot> slots, int[][] planned, double[] wantedWh, long[][] spare, double wattsPerUnit,
                       List<Instant> tariffChanges, boolean timeOfUse) {
        this.timeOfUse = timeOfUse;
        this.tariffChanges = tariffChanges;
        this.sockets = sockets;
        this.slots = slots;
        this.starts = slots.stream().map(Slot::start).toArray(Instant[]::new);
        this.planned = planned;
        this.wantedWh = wantedWh;
        this.spare = spare;
        this.wattsPerUnit = wattsPerUnit;
    }

    /**
     * Plans from {@code from} to {@code to} (further for sessions leaving later, up to {@link #MAX_AHEAD}).
     *
     * @param capacity the group's capacity over time (the root's, for a grid tree), or null for none
     */
    public static EnergyPlan plan(List<Socket> sockets, CapacityTimeline capacity, AllocationParameters parameters, Instant from,
                                  Instant to) {
        return plan(Network.flat(sockets, capacity), parameters, from, to, false);
    }

    /**
     * The plan that leaves every session's charging as late as it can be ({@link Strategy#DEADLINE}): sessions are planned
     * latest departure first, each into the latest slots before its departure (priority sessions too; no tariff). What a
     * session is planned to get now is what it must get now to meet its need by its departure, the capacity to come and
     * the other sessions' needs considered.
     */
    public static EnergyPlan latest(List<Socket> sockets, CapacityTimeline capacity, AllocationParameters parameters, Instant from,
                                    Instant to) {
        return plan(Network.flat(sockets, capacity), parameters.withTimeOfUse(null), from, to, true);
    }

    /** The energy plan a strategy follows, or null for one that follows none. */
    public static EnergyPlan of(List<Socket> sockets, CapacityTimeline capacity, AllocationParameters parameters, Instant from, Instant to) {
        return of(Network.flat(sockets, capacity), parameters, from, to);
    }

    /**
     * The energy plan a strategy follows over a grid tree, or null for one that follows none: every node's capacity (its
     * timeline; null for a node without one of its own) holds on each of its phases in every slot, each socket drawing on
     * its path of resources (its phases, as wired, at every node up to the root).
     */
    public static EnergyPlan of(Grid grid, List<CapacityTimeline> timelines, AllocationParameters parameters, Instant from, Instant to) {
        int[][] paths = new int[grid.sockets().size()][];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = grid.path(i);
        }
        return of(new Network(grid.sockets(), paths, timelines), parameters, from, to);
    }

    private static EnergyPlan of(Network network, AllocationParameters parameters, Instant from, Instant to) {
        return switch (parameters.strategy()) {
            case TIME_OF_USE -> plan(network, parameters, from, to, false);
            case DEADLINE -> plan(network, parameters.withTimeOfUse(null), from, to, true);
            default -> null;
        };
    }

    /**
     * What is planned over: the sockets, the resources each draws on (resource {@code r} is phase {@code r % 3} of node
     * {@code r / 3}), and each node's capacity over time (null for none).
     */
    private record Network(List<Socket> sockets, int[][] paths, List<CapacityTimeline> timelines) {
        static Network flat(List<Socket> sockets, CapacityTimeline capacity) {
            int[][] paths = new int[sockets.size()][];
            for (int i = 0; i < paths.length; i++) {
                paths[i] = Allocator.PHASE_INDEXES[Allocator.mask(sockets.get(i))];
            }
            return new Network(sockets, paths, java.util.Collections.singletonList(capacity));
        }
    }

    private static EnergyPlan plan(Network network, AllocationParameters parameters, Instant from, Instant to, boolean latest) {
        List<Socket> sockets = network.sockets();
        TimeOfUse settings = parameters.timeOfUse() != null ? parameters.timeOfUse() : TimeOfUse.flat(TimeOfUse.Goal.MINIMISE_COST);
        int n = sockets.size();
        long floor = Math.max(Allocator.ceilDeci(parameters.minimum()), 1);
        Instant last = from.plus(MAX_AHEAD);
        Instant end = to;
        Integer[] planning = new Integer[n];
        int count = 0;
        long[] demand = new long[n];
        for (int i = 0; i < n; i++) {
            Socket socket = sockets.get(i);
            Session session = socket.session();
            if (!socket.controllable() || session == null || session.priority() && !latest || session.departure() == null
                    || session.energyNeedWh() == null || !(session.energyNeedWh() > 0) || !session.departure().isAfter(from)) {
                continue;
            }
            long max = Allocator.floorDeci(socket.max());
            if (max < floor) {
                continue;
            }
            // planned at what the car may draw, not at what it draws now (a session waiting at 0 A draws nothing)
            demand[i] = max;
            planning[count++] = i;
            Instant departure = session.departure().isAfter(last) ? last : session.departure();
            if (departure.isAfter(end)) {
                end = departure;
            }
        }

        TreeSet<Instant> cuts = new TreeSet<>();
        List<TimeOfUse.Interval> intervals = settings.intervals(from, end);
        intervals.forEach(interval -> cuts.add(interval.start()));
        for (CapacityTimeline capacity : network.timelines()) {
            if (capacity != null) {
                capacity.segments(from, end).forEach(segment -> cuts.add(segment.start()));
            }
        }
        for (int j = 0; j < count; j++) {
            Instant departure = sockets.get(planning[j]).session().departure();
            if (departure.isBefore(end)) {
                cuts.add(departure);
            }
        }
        cuts.add(end);
        // slots of at most a quarter of an hour (on the clock's quarters), so that a session takes the cheap time it needs at
        // its full current rather than the minimum current over a long window: capacity left is left for the others
        long quarter = SLOT.getSeconds();
        for (Instant t = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), quarter) * quarter + quarter); t.isBefore(end);
             t = t.plus(SLOT)) {
            cuts.add(t);
        }
        List<Slot> slots = new ArrayList<>(cuts.size());
        int at = 0;
        Instant start = null;
        for (Instant cut : cuts) {
            if (start != null) {
                while (!intervals.get(at).end().isAfter(start)) {
                    at++;
                }
                TimeOfUse.Interval interval = intervals.get(at);
                slots.add(new Slot(start, cut, interval.price(), interval.excluded()));
            }
            start = cut;
        }

        int s = slots.size();
        int nodes = network.timelines().size();
        long[][] spare = new long[s][3 * nodes];
        for (int k = 0; k < s; k++) {
            for (int u = 0; u < nodes; u++) {
                CapacityTimeline capacity = network.timelines().get(u);
                PerPhase onPhases = capacity == null ? null : capacity.perPhaseAt(slots.get(k).start());
                for (Phase phase : Phase.values()) {
                    spare[k][3 * u + phase.ordinal()] = onPhases == null ? UNLIMITED : Math.max(0, Allocator.floorDeci(onPhases.on(phase)));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            Socket socket = sockets.get(i);
            if (!socket.controllable()) {
                long reserved = Allocator.ceilDeci(Math.min(socket.reserved(), socket.max()));
                for (int p : network.paths()[i]) {
                    for (int k = 0; k < s; k++) {
                        spare[k][p] = Math.max(0, spare[k][p] - reserved);
                    }
                }
            } else if (!latest && socket.session() != null && socket.session().priority()) {
                holdForPriority(socket, network.paths()[i], slots, spare, parameters.wattsPerUnit());
            }
        }

        Integer[] order = Arrays.copyOf(planning, count);
        Comparator<Integer> byDeparture = Comparator.<Integer, Instant>comparing(i -> sockets.get(i).session().departure())
                .thenComparing(i -> sockets.get(i).session().startedAt()).thenComparingInt(i -> i);
        Arrays.sort(order, latest ? byDeparture.reversed() : byDeparture);
        int[][] planned = new int[n][];
        double[] wantedWh = new double[n];
        Integer[] bySlot = new Integer[s];
        for (int k = 0; k < s; k++) {
            bySlot[k] = k;
        }
        if (latest) {
            Arrays.sort(bySlot, Comparator.<Integer>comparingInt(k -> k).reversed());
        } else if (settings.goal() == TimeOfUse.Goal.MINIMISE_COST) {
            Arrays.sort(bySlot, Comparator.<Integer>comparingDouble(k -> slots.get(k).price()).thenComparingInt(k -> k));
        }
        for (int i : order) {
            Socket socket = sockets.get(i);
            double need = Math.ceil(Math.min(socket.session().energyNeedWh(), 1e12));
            wantedWh[i] = need;
            planned[i] = new int[s];
            fill(planned[i], network.paths()[i], Integer.bitCount(Allocator.mask(socket)), parameters.wattsPerUnit(), demand[i], floor, need,
                    socket.session().departure(), slots, bySlot, spare);
        }
        List<Instant> tariffChanges = intervals.stream().map(TimeOfUse.Interval::start).filter(t -> t.isAfter(from)).toList();
        return new EnergyPlan(sockets, slots, planned, wantedWh, spare, parameters.wattsPerUnit(), tariffChanges, !latest);
    }

    /**
     * Takes for one session, slot by slot in {@code bySlot}'s order, what it can draw and the slot has left on every resource
     * of its {@code path} (at least {@code floor}, else the slot is skipped) until {@code need} (Wh) is covered; the slot that
     * covers the rest is spread over its length. Writes the currents into {@code mine} and takes them from {@code spare}.
     */
    private static void fill(int[] mine, int[] path, int phases, double wattsPerUnit, long demand, long floor, double need, Instant departure,
                               List<Slot> slots, Integer[] bySlot, long[][] spare) {
        double perUnit = phases * wattsPerUnit;
        for (int k : bySlot) {
            if (need <= 0) {
                break;
            }
            Slot slot = slots.get(k);
            if (slot.excluded() || !slot.start().isBefore(departure)) {
                continue;
            }
            long available = demand;
            for (int p : path) {
                available = Math.min(available, spare[k][p]);
            }
            if (available < floor) {
                continue;
            }
            long seconds = slot.seconds();
            double deliverable = available * perUnit * seconds / 36_000.0;
            long take = available;
            if (deliverable >= need) {
                take = Math.min(available, Math.max(floor, (long) Math.ceil(need * 36_000.0 / (perUnit * seconds))));
                need = 0;
            } else {
                need -= deliverable;
            }
            mine[k] = (int) take;
            for (int p : path) {
                spare[k][p] -= take;
            }
        }
    }

    /**
     * A priority session charges now at full rate: what it may draw is held back from the slots until it has its need at
     * that rate (until its departure, or the plan's end, if it gave none).
     */
    private static void holdForPriority(Socket socket, int[] path, List<Slot> slots, long[][] spare, double wattsPerUnit) {
        int phases = Integer.bitCount(Allocator.mask(socket));
        long max = Allocator.floorDeci(socket.max());
        Double need = socket.session().energyNeedWh();
        double left = need == null || !(need > 0) ? Double.POSITIVE_INFINITY : need;
        Instant departure = socket.session().departure();
        for (int k = 0; k < slots.size() && left > 0; k++) {
            Slot slot = slots.get(k);
            if (departure != null && !slot.start().isBefore(departure)) {
                break;
            }
            for (int p : path) {
                spare[k][p] = Math.max(0, spare[k][p] - max);
            }
            left -= max * phases * wattsPerUnit * slot.seconds() / 36_000.0;
        }
    }

    /** Whether this is a time-of-use plan: sessions wait for their windows, and nobody but a priority session charges in an exclusion. */
    public boolean timeOfUse() {
        return timeOfUse;
    }

    /** The slots, in order. */
    public List<Slot> slots() {
        return slots;
    }

    /** The current planned for socket {@code i} in slot {@code k} (amperes or watts per phase), or -1 if it has no plan. */
    public double planned(int i, int k) {
        return planned[i] == null ? -1 : planned[i][k] / 10.0;
    }

    /** What slot {@code k} has left on phase {@code phase} of the root after the plan (the group's unit). */
    public double spare(int k, Phase phase) {
        long left = spare[k][phase.ordinal()];
        return left >= UNLIMITED / 2 ? Double.POSITIVE_INFINITY : left / 10.0;
    }

    /** The energy socket {@code i}'s session wanted when planned (Wh), or 0 without a plan. */
    public double wantedWh(int i) {
        return wantedWh[i];
    }

    /** Socket {@code i}'s planned current at an instant (deciamperes), or -1 if it has no plan or the instant is outside. */
    long plannedAt(int i, Instant at) {
        if (planned[i] == null) {
            return -1;
        }
        int k = slotAt(at);
        return k < 0 ? -1 : planned[i][k];
    }

    /** Whether no session may charge at the instant, but one with priority. */
    public boolean excludedAt(Instant at) {
        int k = slotAt(at);
        return k >= 0 && slots.get(k).excluded();
    }

    /** The instants the price or an exclusion changes at: a plan's segment must not span one (nobody charges in an exclusion). */
    public List<Instant> tariffChanges() {
        return tariffChanges;
    }

    /** The instants some session's planned current changes at. */
    public List<Instant> boundaries() {
        List<Instant> changes = new ArrayList<>();
        for (int k = 1; k < starts.length; k++) {
            for (int[] row : planned) {
                if (row != null && row[k] != row[k - 1]) {
                    changes.add(starts[k]);
                    break;
                }
            }
        }
        return changes;
    }

    private int slotAt(Instant at) {
        int k = Arrays.binarySearch(starts, at);
        if (k < 0) {
            k = -k - 2;
        }
        return k >= 0 && at.isBefore(slots.get(k).end()) ? k : -1;
    }

    /** Every planned session's windows, in order of socket and time; consecutive slots of one limit and price merged. */
    public List<Window> windows() {
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < sockets.size(); i++) {
            if (planned[i] == null) {
                continue;
            }
            Socket socket = sockets.get(i);
            double perUnit = Allocator.PHASE_INDEXES[Allocator.mask(socket)].length * wattsPerUnit;
            Window open = null;
            for (int k = 0; k < slots.size(); k++) {
                long limit = planned[i][k];
                Slot slot = slots.get(k);
                if (limit == 0) {
                    if (open != null) {
                        windows.add(open);
                        open = null;
                    }
                    continue;
                }
                double wh = limit / 10.0 * perUnit * slot.seconds() / 3600.0;
                if (open != null && open.limit() == limit / 10.0 && open.price() == slot.price() && open.end().equals(slot.start())) {
                    open = new Window(open.evseId(), open.sessionId(), open.start(), slot.end(), open.limit(), open.energyWh() + wh,
                            open.price());
                } else {
                    if (open != null) {
                        windows.add(open);
                    }
                    open = new Window(socket.evseId(), socket.session().sessionId(), slot.start(), slot.end(), limit / 10.0, wh,
                            slot.price());
                }
            }
            if (open != null) {
                windows.add(open);
            }
        }
        return windows;
    }
}
