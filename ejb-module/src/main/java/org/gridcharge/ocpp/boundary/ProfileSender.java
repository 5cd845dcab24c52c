package org.gridcharge.ocpp.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.allocation.Plan;
import org.gridcharge.ocpp.ChargingProfiles;
import org.gridcharge.ocpp.StationConnection;
import org.gridcharge.ocpp.message.ChargingProfileStatus;
import org.gridcharge.ocpp.message.ChargingRateUnit;
import org.gridcharge.ocpp.message.SetChargingProfile;
import org.gridcharge.platform.monitoring.PlatformMetrics;
import org.gridcharge.station.boundary.ChargeStationService;
import org.gridcharge.station.boundary.StationControlService;
import org.gridcharge.station.entity.EvseControl;
import org.gridcharge.steering.boundary.AllocationPlanned;
import org.gridcharge.steering.boundary.AllocationScheduler;
import org.gridcharge.steering.boundary.AllocationService;

/**
 * Sends each planned limit to its station as a SetChargingProfile, unless the station already
 * holds a schedule within {@code gridcharge.ocpp.deadband-amps} (default 0.5 A) of it, and records
 * what the station answered; a station that connects gets its failsafe and its current limits.
 */
@ApplicationScoped
public class ProfileSender {

    private static final Logger LOG = Logger.getLogger(ProfileSender.class.getName());

    @Inject
    StationRegistry registry;

    @EJB
    StationControlService control;

    @EJB
    ChargeStationService stations;

    @EJB
    AllocationScheduler scheduler;

    @EJB
    AllocationService allocations;

    @Inject
    Clock clock;

    @Inject
    PlatformMetrics metrics;

    @Inject
    @ConfigProperty(name = "gridcharge.ocpp.deadband-amps", defaultValue = "0.5")
    double deadbandAmps;

    /** Per tree: the lock its deliveries take, and (in a cluster) the version of the plan this server last delivered. */
    private final Map<String, long[]> deliveries = new java.util.concurrent.ConcurrentHashMap<>();

    void onPlanned(@Observes(during = TransactionPhase.AFTER_SUCCESS) AllocationPlanned planned) {
        deliver(planned);
    }

    /**
     * Another server of the cluster planned a tree: the stations of it connected here get the plan as stored, unless a
     * newer one was delivered already (a plan of this server and one of another's may be delivered in either order).
     */
    void deliverStored(String rootGroupId) {
        if (registry.all().isEmpty()) {
            return;
        }
        AllocationService.StoredPlan stored = allocations.storedPlan(rootGroupId);
        if (stored != null) {
            deliver(stored.planned());
        }
    }

    /** Sends the plan's limits to the stations connected here; one tree's deliveries one at a time, never an older plan after a newer. */
    private void deliver(AllocationPlanned planned) {
        long[] delivered = deliveries.computeIfAbsent(planned.groupId(), id -> new long[1]);
        synchronized (delivered) {
            if (planned.version() > 0) {
                if (planned.version() <= delivered[0]) {
                    return;
                }
                delivered[0] = planned.version();
            }
            send(planned);
        }
    }

    private void send(AllocationPlanned planned) {
        Map<String, Double> sent = new HashMap<>();
        List<String> unchanged = new java.util.ArrayList<>();
        List<Runnable> calls = new java.util.ArrayList<>();
        Batch batch = new Batch(planned.groupId());
        for (Map.Entry<String, List<Plan.LimitPeriod>> entry : planned.schedules().entrySet()) {
            String evseId = entry.getKey();
            AllocationPlanned.StationConnector where = planned.stations().get(evseId);
            StationConnection connection = where == null ? null : registry.get(where.chargeStationId());
            if (connection == null || entry.getValue().isEmpty()) {
                continue; // offline: it gets its limits when it connects again
            }
            ChargingProfiles.Limits limits = new ChargingProfiles.Limits(where.transactionId(), entry.getValue());
            ChargingProfiles.Limits last = connection.sent().get(evseId);
            if (last != null && last.covers(limits, deadbandAmps)) {
                unchanged.add(evseId);
                continue;
            }
            connection.sent().put(evseId, limits);
            SetChargingProfile request = ChargingProfiles.forEvse(connection.version(), where.connectorId(), where.phases(),
                    rateUnit(where.unit()), limits);
            sent.put(evseId, limits.highest());
            calls.add(() -> connection.call(request, "limit:" + evseId, outcome -> answered(connection, evseId, limits, outcome, batch)));
        }
        batch.awaited.set(calls.size());
        if (!sent.isEmpty() || (planned.version() > 0 && !unchanged.isEmpty())) {
            // recorded before the calls go out, so that no answer can arrive before it; in a cluster, this server's
            // stations stop waiting for the plan (see AllocationService#allocate)
            control.limitsSent(sent, unchanged, planned.version());
        }
        if (!calls.isEmpty()) {
            InFlight flight = inFlight.computeIfAbsent(planned.groupId(), id -> new InFlight());
            synchronized (flight) {
                flight.batches.add(batch);
            }
        }
        for (Runnable call : calls) {
            try {
                metrics.ocppMessage("out", SetChargingProfile.ACTION);
                call.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not send a limit of group " + planned.groupId(), e);
            }
        }
        if (AllocationPlanned.GROUP_CHANGED.equals(planned.reason())) {
            // the groups changed (members, a parent, a default capacity): what each station falls back to may have too.
            // After the limits, not before: a lowered capacity reaches the stations one round trip sooner (the failsafe
            // only applies where no limit does), and the failsafes' reads do not hold the limits up.
            planned.stations().values().stream().map(AllocationPlanned.StationConnector::chargeStationId).distinct()
                    .map(registry::get).filter(java.util.Objects::nonNull).forEach(this::sendFailsafe);
        }
    }

    /** A station connected: it gets the station-wide failsafe now and its planned limits with its groups' next allocation. */
    void stationConnected(StationConnection connection) {
        String stationId = connection.chargeStationId();
        connection.failsafeSent(null);
        sendFailsafe(connection);
        for (String groupId : stations.groupsOf(stationId)) {
            scheduler.request(groupId, "station_connected");
        }
    }

    /** Sends the station its failsafe, unless it already has that very one. */
    private void sendFailsafe(StationConnection connection) {
        String stationId = connection.chargeStationId();
        ChargeStationService.Failsafe failsafe = stations.failsafe(stationId);
        String key = failsafe.limit() + " " + failsafe.unit();
        if (key.equals(connection.failsafeSent())) {
            return;
        }
        connection.failsafeSent(key);
        metrics.ocppMessage("out", SetChargingProfile.ACTION);
        connection.call(ChargingProfiles.failsafe(failsafe.limit(), rateUnit(failsafe.unit()), clock.instant()), "failsafe",
                outcome -> {
                    if (!outcome.answered() || ChargingProfileStatus.of(outcome.result()) != ChargingProfileStatus.Accepted) {
                        LOG.warning(() -> stationId + " did not accept its failsafe profile of " + failsafe.limit() + " " + failsafe.unit() + ": "
                                + (outcome.answered() ? outcome.result() : outcome.errorCode() + " " + outcome.errorDescription()));
                    }
                });
    }

    /** Per tree: its batches of limits still waiting for answers, and whether one that ended made a station steered. */
    private final Map<String, InFlight> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class InFlight {
        private final java.util.Set<Batch> batches = new java.util.HashSet<>();
        private boolean gained;
    }

    /** A batch in flight longer than this lost a call's end (a call that failed to go out): it no longer holds re-plans back. */
    private static final long STALE_BATCH_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(2);

    /**
     * A batch of the tree ended; whether the tree is to be planned again now. A station that accepted its limit frees
     * room, but while another batch of the tree still waits for answers its stations count at what they may still draw,
     * and a re-plan then would squeeze the stations already steered (to bring them back up a moment later): the re-plan
     * waits for the last batch of the tree. One with a refused or unanswered limit does not wait.
     */
    private boolean replanOwed(Batch batch, boolean gained, boolean refused) {
        InFlight flight = inFlight.computeIfAbsent(batch.groupId, id -> new InFlight());
        synchronized (flight) {
            flight.batches.remove(batch);
            long now = System.nanoTime();
            flight.batches.removeIf(other -> now - other.createdNanos > STALE_BATCH_NANOS);
            flight.gained |= gained;
            boolean replan = flight.gained && (flight.batches.isEmpty() || refused);
            if (replan) {
                flight.gained = false;
            }
            return replan;
        }
    }

    /**
     * The limits one allocation sent, until every station answered (or its call ended otherwise). An
     * EVSE that accepted and so became steerable frees room for the others, but reallocating at each
     * such answer would re-plan 1,000 times while 1,000 stations answer (and, while most still count
     * at their old limits, squeeze the ones that answered first): the group allocates once, when the
     * last answer is in. Losing control is not deferred (see {@link StationControlService#limitAnswered}).
     */
    private final class Batch {
        private final String groupId;
        private final long createdNanos = System.nanoTime();
        private final java.util.concurrent.atomic.AtomicInteger awaited = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean gained;
        private volatile boolean refused;

        Batch(String groupId) {
            this.groupId = groupId;
        }

        /**
         * One call of the batch ended; {@code refusedLimit} if the station rejected its limit or did not answer in time: it
         * may keep to an older, higher limit than the plan counted, so the re-plan is urgent (it is not put off while the
         * group is busy).
         */
        void ended(boolean gainedControl, boolean refusedLimit) {
            if (gainedControl) {
                gained = true;
            }
            if (refusedLimit) {
                refused = true;
            }
            if (awaited.decrementAndGet() == 0 && replanOwed(this, gained, refused)) {
                // In a cluster each server holding some of the tree's stations gets here for the same plan: a run that
                // reads the database after the last answer here was committed serves them all, whichever server makes it.
                Instant answered = null;
                try {
                    answered = allocations.clusterClock();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "No cluster clock; the re-plan runs in any case", e);
                }
                scheduler.request(groupId, "limits_accepted", answered, refused);
            }
        }
    }

    private void answered(StationConnection connection, String evseId, ChargingProfiles.Limits limits, StationConnection.Outcome outcome,
                          Batch batch) {
        boolean gained = false;
        boolean refused = !outcome.superseded() && !outcome.connectionClosed()
                && !(outcome.answered() && ChargingProfileStatus.of(outcome.result()) == ChargingProfileStatus.Accepted);
        try {
            gained = record(connection, evseId, limits, outcome);
        } finally {
            batch.ended(gained, refused);
        }
    }

    private boolean record(StationConnection connection, String evseId, ChargingProfiles.Limits limits, StationConnection.Outcome outcome) {
        if (outcome.superseded() || outcome.connectionClosed()) {
            return false; // a newer schedule took its place in the queue, or the station went away (it is told again when it returns)
        }
        EvseControl.Status status;
        if (outcome.answered()) {
            status = ChargingProfileStatus.of(outcome.result()) == ChargingProfileStatus.Accepted
                    ? EvseControl.Status.ACCEPTED : EvseControl.Status.REJECTED;
        } else if (outcome.timedOut()) {
            status = EvseControl.Status.TIMEOUT;
        } else {
            status = EvseControl.Status.REJECTED;
        }
        if (status == EvseControl.Status.ACCEPTED && connection.sentBeforeClear(outcome.sentAtMillis())) {
            // the station accepted it, then was told to clear its profiles (resend-profiles): it holds nothing from this
            // limit, and counts at its maximum until it accepts one sent after the clear
            connection.sent().remove(evseId, limits);
            return false;
        }
        metrics.limitAnswer(status.name().toLowerCase(java.util.Locale.ROOT));
        if (status != EvseControl.Status.ACCEPTED) {
            connection.sent().remove(evseId, limits); // try again with the next allocation
            LOG.info(() -> connection.chargeStationId() + " " + status + " the limits for " + evseId + ": "
                    + (outcome.answered() ? outcome.result() : outcome.errorCode() + " " + outcome.errorDescription()));
        }
        try {
            return control.limitAnswered(evseId, status, limits.highest(),
                    outcome.sentAtMillis() > 0 ? java.time.Instant.ofEpochMilli(outcome.sentAtMillis()) : null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the answer of " + connection.chargeStationId() + " for " + evseId, e);
            return false;
        }
    }

    /** A group's unit as stations are told it: amperes per phase or watts. */
    static ChargingRateUnit rateUnit(CapacityUnit unit) {
        return switch (unit) {
            case A -> ChargingRateUnit.A;
            case W -> ChargingRateUnit.W;
        };
    }
}
