package org.gridcharge.steering.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.allocation.Allocation;
import org.gridcharge.allocation.Phase;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.allocation.Plan;
import org.gridcharge.platform.cluster.ClusterNode;
import org.gridcharge.platform.cluster.ClusterSignal;
import org.gridcharge.platform.monitoring.PlatformMetrics;
import org.gridcharge.capacity.boundary.CapacityChanged;
import org.gridcharge.group.boundary.GroupChanged;
import org.gridcharge.session.boundary.SessionChanged;

/**
 * When allocation runs:
 * <ul>
 * <li>every {@code gridcharge.allocation.interval-seconds} (default 60) for every group: measured
 * currents move demand and the horizon moves on;</li>
 * <li>at each group's next capacity breakpoint, by a persistent timer that survives a restart;</li>
 * <li>at once when a group's capacity (profile or weekly rules) changes: a grid operator or trader
 * steering the group waits for nothing;</li>
 * <li>shortly after a group's EVSEs or sessions change, or its stations answer: once the group has been quiet for
 * {@code gridcharge.allocation.debounce-millis} (default 200; 2 s for a group asked 20 times or more), so that events
 * close together make one run, but no
 * later than {@code gridcharge.allocation.max-delay-millis} (default 30,000) after the first of them. While 1,000
 * stations connect and start charging, the group is planned once they are all in, not at every pause: each station
 * gets its failsafe, then its schedule, rather than a new limit at each of a dozen runs. Putting a run off is safe: a
 * station that has not accepted a limit counts at what it may still draw, and one that accepted keeps to it. Runs the
 * last allocation may no longer hold without (an EVSE stopped following its limit, a station went away) wait only for
 * the quiet period.</li>
 * </ul>
 * A group of a grid tree is allocated with its whole tree, from the root: each of these runs the tree it is in, and
 * runs of one tree never overlap (runs of one CPO's groups are taken one at a time, across the servers of a cluster by
 * a lock in the database: see {@link AllocationService#allocate}). In a cluster every server sweeps, but a tree planned
 * by any server within half an interval is left out.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AllocationScheduler {

    private static final Logger LOG = Logger.getLogger(AllocationScheduler.class.getName());
    static final String SWEEP = "allocation-sweep";
    static final String DEBOUNCE = "allocation-debounce";
    static final String BREAKPOINT = "allocation-breakpoint:";
    static final String NOW = "allocation-now:";
    static final long STARTUP_SWEEP_DELAY_MILLIS = 1_000;

    @EJB
    AllocationService allocations;

    @Resource
    TimerService timers;

    @Inject
    PlatformMetrics metrics;

    @Inject
    java.time.Clock clock;

    @Inject
    @ConfigProperty(name = "gridcharge.allocation.interval-seconds", defaultValue = "60")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "gridcharge.allocation.debounce-millis", defaultValue = "200")
    long debounceMillis;

    @Inject
    @ConfigProperty(name = "gridcharge.allocation.max-delay-millis", defaultValue = "30000")
    long maxDelayMillis;

    /** A group asked to run this many times before its run is made is busy: it runs after {@link #BUSY_QUIET_MILLIS} of quiet. */
    static final int BUSY_REQUESTS = 20;
    static final long BUSY_QUIET_MILLIS = 2_000;

    /**
     * For each group with a run requested: when it was first and last requested, when it must run at the latest, and
     * how many times it was requested.
     */
    private final Map<String, long[]> requested = new java.util.HashMap<>();

    private final Map<String, String> pending = new ConcurrentHashMap<>();
    /**
     * For a pending group whose requests all said so: the run is not needed if a run that read the database after this
     * instant planned its tree meanwhile (see {@link AllocationService#allocate(String, String, Instant)}). A group
     * without an entry runs in any case.
     */
    private final Map<String, Instant> unlessPlannedAfter = new ConcurrentHashMap<>();
    /** When the next debounce timer fires ({@link #nowMillis}), or Long.MAX_VALUE if none is armed. */
    private final java.util.concurrent.atomic.AtomicLong debounceAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
    private final Map<String, Object> groupLocks = new ConcurrentHashMap<>();
    private final Map<String, Timer> breakpointTimers = new ConcurrentHashMap<>();
    private final Map<String, Instant> breakpoints = new ConcurrentHashMap<>();
    private volatile Instant lastSweep;
    private final Map<String, Boolean> paused = new ConcurrentHashMap<>();
    private final java.util.Set<String> runsDue = ConcurrentHashMap.newKeySet();
    /** When each tree was last planned, here or (in a cluster) on another server. */
    private final Map<String, Instant> lastPlanned = new ConcurrentHashMap<>();

    @Inject
    ClusterNode cluster;
    private GroupMBeans mbeans;

    @Resource(lookup = "java:app/AppName")
    String application;

    @PostConstruct
    void start() {
        lastSweep = clock.instant();
        mbeans = new GroupMBeans(application, paused, groupId -> run(groupId, "operator", true));
        for (Timer timer : timers.getTimers()) {
            if (timer.getInfo() instanceof String info && info.startsWith(BREAKPOINT)) {
                String groupId = info.substring(BREAKPOINT.length());
                breakpointTimers.put(groupId, timer);
                breakpoints.put(groupId, timer.getNextTimeout().toInstant());
            }
        }
        long interval = Math.max(1, intervalSeconds) * 1000;
        // The first sweep runs at once: every group is planned from what is stored, and its next breakpoint armed from
        // its stored profile. A server killed between a profile's commit and the arming of its breakpoint timer (or
        // while it was down) so loses nothing: the cut is applied at start, not one interval late.
        timers.createIntervalTimer(STARTUP_SWEEP_DELAY_MILLIS, interval, new TimerConfig(SWEEP, false));
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        mbeans.unregisterAll();
    }

    @Timeout
    void timeout(Timer timer) {
        Object info = timer.getInfo();
        if (SWEEP.equals(info)) {
            java.util.List<String> groupIds;
            try {
                groupIds = allocations.rootIds();
            } catch (RuntimeException e) {
                // the database is unreachable: this sweep is skipped, and the timer keeps its interval (a timeout that
                // throws would be retried and delayed by the container), so the next sweep after the database's return
                // comes within one interval
                LOG.log(Level.WARNING, "Sweep skipped: the groups could not be read (" + e + "); the next sweep tries again");
                return;
            }
            Instant recent = clock.instant().minus(sweepInterval().dividedBy(2));
            for (String groupId : groupIds) {
                Instant planned = lastPlanned.get(groupId);
                if (planned != null && planned.isAfter(recent) && cluster.clustered()) {
                    continue; // another server of the cluster planned it a moment ago (its sweep, or a change)
                }
                run(groupId, "timer");
            }
            lastSweep = clock.instant();
        } else if (info instanceof String s && s.startsWith(DEBOUNCE + ":")) {
            // only the timer last armed lets the next one be armed from scratch; an older one ends its chain here
            debounceAt.compareAndSet(Long.parseLong(s.substring(DEBOUNCE.length() + 1)), Long.MAX_VALUE);
            Map<String, String> trees = new java.util.LinkedHashMap<>(); // several groups of one tree make one run of it
            Map<String, Instant> conditions = new java.util.HashMap<>();
            for (String groupId : due()) {
                String reason = pending.remove(groupId);
                if (reason != null) {
                    String root = rootOf(groupId);
                    Instant condition = unlessPlannedAfter.remove(groupId);
                    conditions.merge(root, condition == null ? Instant.MAX : condition, AllocationScheduler::later);
                    trees.merge(root, reason, AllocationScheduler::telling);
                }
            }
            trees.forEach((root, reason) -> {
                Instant condition = conditions.get(root);
                run(root, reason, false, Instant.MAX.equals(condition) ? null : condition);
            });
        } else if (info instanceof String s && s.startsWith(NOW)) {
            String rest = s.substring(NOW.length());
            String groupId = rest.substring(0, rest.lastIndexOf(':'));
            runsDue.remove(groupId); // before the run: a change during it makes another
            run(groupId, rest.substring(rest.lastIndexOf(':') + 1));
        } else if (info instanceof String s && s.startsWith(BREAKPOINT)) {
            String groupId = s.substring(BREAKPOINT.length());
            breakpointTimers.remove(groupId);
            breakpoints.remove(groupId);
            // Not run here: while this persistent timer fires, its row in the timer table is locked, and a run of the
            // same group in progress on another thread may be cancelling this very timer (it re-arms the breakpoint)
            // while holding the group's lock. Running here would wait for that lock: the two would wait for each other
            // until the database's lock timeout. Handing the run to a non-persistent timer lets this one end at once.
            runSoon(groupId, "breakpoint");
        }
    }

    /** Another server of the cluster planned a tree: this server's sweep leaves it alone for half an interval. */
    public void onClusterSignal(@Observes ClusterSignal signal) {
        if (AllocationService.PLAN_SIGNAL.equals(signal.kind())) {
            lastPlanned.put(signal.key(), clock.instant());
        }
    }

    public void onCapacityChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CapacityChanged change) {
        // on a timer thread, so the request that changed the capacity does not wait for the run
        runSoon(change.groupId(), "capacity_changed");
    }

    /** Runs the group's allocation at once on a timer thread; requests made while one is due make that one run, not a queue. */
    private void runSoon(String groupId, String reason) {
        if (runsDue.add(groupId)) {
            timers.createSingleActionTimer(1, new TimerConfig(NOW + groupId + ":" + reason, false));
        }
    }

    public void onGroupChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) GroupChanged change) {
        request(change.groupId(), GROUP_CHANGED, null, true);
    }

    public void onSessionChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionChanged change) {
        request(change.groupId(), "session_changed", null, change.urgent());
    }

    /** Asks for a run of the group soon; requests close together make one run. */
    public void request(String groupId, String reason) {
        request(groupId, reason, null);
    }

    /**
     * As {@link #request(String, String)}, but in a cluster the run is not needed if a run that read the database after
     * {@code unlessPlannedAfter} (the database's clock) plans the tree first, here or on another server: for a re-plan that
     * only has to see what was committed by then. Null: run in any case.
     */
    public void request(String groupId, String reason, Instant unlessPlannedAfter) {
        request(groupId, reason, unlessPlannedAfter, false);
    }

    /** As above; {@code urgent} runs wait only for the quiet period, never for the group's other requests to stop. */
    public void request(String groupId, String reason, Instant unlessPlannedAfter, boolean urgent) {
        // the condition before the reason: the debounce takes the reason first, so a condition it takes is never newer
        this.unlessPlannedAfter.merge(groupId, unlessPlannedAfter == null ? Instant.MAX : unlessPlannedAfter, AllocationScheduler::later);
        pending.merge(groupId, reason, AllocationScheduler::telling);
        long now = nowMillis();
        long at;
        synchronized (requested) {
            long[] times = requested.computeIfAbsent(groupId, id -> new long[] {now, now, now + Math.max(0, maxDelayMillis), 0});
            times[1] = now;
            times[3]++;
            if (urgent) {
                times[2] = Math.min(times[2], now + quietMillis());
            }
            at = dueAt(times);
        }
        armDebounce(at);
    }

    /** When a requested run is due: after the group's quiet period since its last request, or at its latest time. */
    private long dueAt(long[] times) {
        // a busy group (a ramp: stations connecting and starting one after another) waits for a longer pause
        long quiet = times[3] >= BUSY_REQUESTS ? Math.max(quietMillis(), BUSY_QUIET_MILLIS) : quietMillis();
        return Math.min(times[1] + quiet, times[2]);
    }

    /** Milliseconds on a clock that never steps back (due times of requested runs). */
    private static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /** The quiet period after which requested runs are made. */
    private long quietMillis() {
        return Math.max(1, debounceMillis);
    }

    /** Makes sure the debounce timer fires by {@code at} ({@link #nowMillis}): a timer set for later gets an earlier one beside it. */
    private void armDebounce(long at) {
        for (;;) {
            long armed = debounceAt.get();
            if (armed <= at) {
                return;
            }
            if (debounceAt.compareAndSet(armed, at)) {
                try {
                    timers.createSingleActionTimer(Math.max(1, at - nowMillis()), new TimerConfig(DEBOUNCE + ":" + at, false));
                } catch (RuntimeException e) {
                    debounceAt.compareAndSet(at, armed); // no timer: the next request arms one
                    throw e;
                }
                return;
            }
        }
    }

    /**
     * The groups whose requested run is due: quiet for the debounce period since the last request, or at their latest
     * time. The others wait, and the debounce timer is armed for the first of them.
     */
    private java.util.List<String> due() {
        java.util.List<String> ready = new java.util.ArrayList<>();
        long now = nowMillis();
        long next = Long.MAX_VALUE;
        synchronized (requested) {
            for (java.util.Iterator<Map.Entry<String, long[]>> it = requested.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, long[]> entry = it.next();
                long at = dueAt(entry.getValue());
                if (at <= now) {
                    ready.add(entry.getKey());
                    it.remove();
                } else {
                    next = Math.min(next, at);
                }
            }
        }
        if (next != Long.MAX_VALUE) {
            armDebounce(next);
        }
        return ready;
    }

    /** Runs the group's allocation now (after any run of it in progress) and arms its breakpoint timer; not while it is paused. */
    public Plan run(String groupId, String reason) {
        return run(groupId, reason, false, null);
    }

    private Plan run(String someGroupId, String reason, boolean evenIfPaused) {
        return run(someGroupId, reason, evenIfPaused, null);
    }

    private Plan run(String someGroupId, String reason, boolean evenIfPaused, Instant unlessPlannedAfter) {
        // Runs are serialised per CPO: a tree never spans CPOs, and a CPO's id never changes, whereas a group's root
        // does when a tree is re-hung; a lock per root could let a run of the old tree overlap one of the new.
        String cpoId = cpoOf(someGroupId);
        synchronized (groupLocks.computeIfAbsent(cpoId, id -> new Object())) {
            String groupId = rootOf(someGroupId);
            if (!evenIfPaused && paused.containsKey(groupId)) {
                return null;
            }
            try {
                long started = System.nanoTime();
                Plan plan = allocations.allocate(groupId, reason, unlessPlannedAfter);
                if (plan == AllocationService.NOT_NEEDED) {
                    metrics.allocationSkipped(reason);
                    return null;
                }
                lastPlanned.put(groupId, clock.instant());
                if (plan == null) {
                    mbeans.removed(groupId);
                } else if (!plan.segments().isEmpty()) {
                    Allocation now = plan.segments().get(0).allocation();
                    metrics.allocationRun(groupId, reason, Duration.ofNanos(System.nanoTime() - started), mostLoaded(now.capacity()),
                            mostLoaded(now.allotted()));
                    mbeans.allocated(groupId, now, clock.instant());
                }
                armBreakpoint(groupId, plan);
                return plan;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Allocation of group " + groupId + " (" + reason + ") failed; the next sweep retries", e);
                return null;
            }
        }
    }

    /** The group's CPO, for the lock; the group id itself if it cannot be read (a run of it then says why). */
    private String cpoOf(String groupId) {
        try {
            String cpo = allocations.cpoOf(groupId);
            return cpo == null ? "group:" + groupId : "cpo:" + cpo;
        } catch (RuntimeException e) {
            return "group:" + groupId;
        }
    }

    /** The root of the group's tree; the group itself if it cannot be read (a run of it then says why). */
    private String rootOf(String groupId) {
        try {
            String root = allocations.rootOf(groupId);
            return root == null ? groupId : root;
        } catch (RuntimeException e) {
            return groupId;
        }
    }

    /**
     * Of two reasons for one run, the one to give it: a change of the groups themselves wins, since it may change what
     * the stations fall back to (their failsafe); otherwise the first.
     */
    static String telling(String first, String second) {
        return GROUP_CHANGED.equals(second) ? second : first;
    }

    static final String GROUP_CHANGED = AllocationPlanned.GROUP_CHANGED;

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static double mostLoaded(PerPhase amps) {
        return Math.max(amps.on(Phase.L1), Math.max(amps.on(Phase.L2), amps.on(Phase.L3)));
    }

    /** When the last sweep over every group finished, or when the scheduler started if none has yet. */
    public Instant lastSweep() {
        return lastSweep;
    }

    /** The configured interval between sweeps. */
    public Duration sweepInterval() {
        return Duration.ofSeconds(Math.max(1, intervalSeconds));
    }

    /** When the group's capacity changes next, or null if it does not within the plan's horizon. */
    public Instant nextBreakpoint(String groupId) {
        return breakpoints.get(groupId);
    }

    private void armBreakpoint(String groupId, Plan plan) {
        Instant next = plan == null || plan.segments().size() < 2 ? null : plan.segments().get(0).end();
        if (cluster.clustered()) {
            // one timer per breakpoint in the cluster, armed by the first server whose plan has it; timers of
            // breakpoints the tree no longer has stay and fire a run that changes nothing (they may be another's)
            try {
                if (allocations.claimBreakpoint(groupId, next)) {
                    timers.createSingleActionTimer(Date.from(next), new TimerConfig(BREAKPOINT + groupId, true));
                }
                breakpoints.compute(groupId, (id, armed) -> next);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The breakpoint timer of group " + groupId + " was not armed (" + e + "); the sweep runs it");
            }
            return;
        }
        Instant armed = breakpoints.get(groupId);
        if (next != null && next.equals(armed)) {
            return;
        }
        Timer old = breakpointTimers.remove(groupId);
        breakpoints.remove(groupId);
        if (old != null) {
            try {
                old.cancel();
            } catch (NoSuchObjectLocalException e) {
                // it fired or was cancelled meanwhile
            }
        }
        if (next != null) {
            breakpointTimers.put(groupId, timers.createSingleActionTimer(Date.from(next), new TimerConfig(BREAKPOINT + groupId, true)));
            breakpoints.put(groupId, next);
        }
    }
}
