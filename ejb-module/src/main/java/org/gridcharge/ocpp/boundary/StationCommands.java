package org.gridcharge.ocpp.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.ocpp.StationConnection;
import org.gridcharge.ocpp.entity.RelayedCommand;
import org.gridcharge.ocpp.message.ChargingRateUnit;
import org.gridcharge.ocpp.message.ClearChargingProfile;
import org.gridcharge.ocpp.message.GetCompositeSchedule;
import org.gridcharge.platform.cluster.ClusterMember;
import org.gridcharge.platform.cluster.ClusterNode;
import org.gridcharge.platform.cluster.Members;
import org.gridcharge.platform.json.Jsons;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.monitoring.PlatformMetrics;
import org.gridcharge.station.boundary.ChargeStationService;
import org.gridcharge.station.boundary.StationControlService;
import org.gridcharge.station.entity.StationLink;

/**
 * Requests an operator sends to a connected station through the API, answered with what the station said. In a cluster
 * any server takes them: for a station connected to another server, that server sends the CALL (through a row of
 * {@link CommandRelay} and the cluster's signals) and this one answers with what came back.
 */
@ApplicationScoped
public class StationCommands {

    /** How often a server waiting for another's answer checks that the other still beats. */
    private static final long HOLDER_CHECK_SECONDS = 2;

    private static final Logger LOG = Logger.getLogger(StationCommands.class.getName());

    @Inject
    StationRegistry registry;

    @Inject
    ProfileSender profiles;

    @EJB
    ChargeStationService stations;

    @EJB
    StationControlService control;

    @EJB
    CommandRelay relay;

    @EJB
    Members members;

    @Inject
    ClusterNode cluster;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    PlatformMetrics metrics;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "gridcharge.ocpp.call-timeout-seconds", defaultValue = "30")
    long callTimeoutSeconds;

    /** The commands this server relayed to others, by id, until their answer comes. */
    private final Map<String, CompletableFuture<StationConnection.Outcome>> relayed = new ConcurrentHashMap<>();

    /** GetCompositeSchedule: the limits the station will actually apply on a connector over the coming seconds. */
    public CompletableFuture<StationConnection.Outcome> compositeSchedule(Caller caller, String chargeStationId, int connectorId,
                                                                          int durationSeconds) {
        stations.view(caller, chargeStationId); // 404 unless the caller may see the station
        StationConnection connection = registry.get(chargeStationId);
        return connection == null ? relay(chargeStationId, RelayedCommand.Action.COMPOSITE_SCHEDULE, connectorId, durationSeconds)
                : compositeSchedule(connection, connectorId, durationSeconds);
    }

    /**
     * ClearChargingProfile for every profile on the station, then the failsafe and the planned
     * limits again: a clean slate for a station whose profiles are in doubt.
     */
    public CompletableFuture<StationConnection.Outcome> resendProfiles(Caller caller, String chargeStationId) {
        stations.view(caller, chargeStationId);
        StationConnection connection = registry.get(chargeStationId);
        return connection == null ? relay(chargeStationId, RelayedCommand.Action.RESEND_PROFILES, null, null) : resendProfiles(connection);
    }

    private CompletableFuture<StationConnection.Outcome> compositeSchedule(StationConnection connection, int connectorId, int durationSeconds) {
        CompletableFuture<StationConnection.Outcome> answer = new CompletableFuture<>();
        metrics.ocppMessage("out", GetCompositeSchedule.ACTION);
        connection.call(new GetCompositeSchedule(connectorId, durationSeconds, ChargingRateUnit.A), null, answer::complete);
        return answer;
    }

    private CompletableFuture<StationConnection.Outcome> resendProfiles(StationConnection connection) {
        // its EVSEs count at their maximum from before it drops its limits (committed first), and it is planned again
        control.clearing(connection.chargeStationId());
        connection.clearing(); // until the clear is answered, no acceptance makes an EVSE steered: it may be cleared after
        CompletableFuture<StationConnection.Outcome> answer = new CompletableFuture<>();
        metrics.ocppMessage("out", ClearChargingProfile.ACTION);
        connection.call(new ClearChargingProfile(), null, outcome -> {
            connection.cleared(outcome.sentAtMillis());
            connection.sent().clear();
            answer.complete(outcome);
            profiles.stationConnected(connection);
        });
        return answer;
    }

    /** The station is not connected here: the server of the cluster holding it sends the CALL, or it is not connected at all. */
    private CompletableFuture<StationConnection.Outcome> relay(String chargeStationId, RelayedCommand.Action action, Integer connectorId,
                                                               Integer durationSeconds) {
        String holder = holderElsewhere(chargeStationId);
        if (holder == null) {
            throw notConnected(chargeStationId);
        }
        String commandId = UUID.randomUUID().toString();
        CompletableFuture<StationConnection.Outcome> answer = new CompletableFuture<>();
        relayed.put(commandId, answer); // before the request commits: the answer may come at once
        answer.whenComplete((outcome, e) -> {
            relayed.remove(commandId);
            try {
                relay.remove(commandId);
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "Could not remove the relayed command " + commandId, failure);
            }
        });
        try {
            relay.request(new RelayedCommand(commandId, chargeStationId, holder, action, connectorId, durationSeconds, clock.instant()));
        } catch (RuntimeException e) {
            relayed.remove(commandId);
            throw e;
        }
        // the holder answers within its own call timeout; a holder that died or missed the signal does not
        scheduler.schedule(() -> answer.complete(StationConnection.Outcome.TIMEOUT), callTimeoutSeconds + 5, TimeUnit.SECONDS);
        // and a holder that stops beating will not answer: its caller hears so once the cluster counts it silent, not
        // after the whole timeout
        java.util.concurrent.ScheduledFuture<?> watch = scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (!answer.isDone() && !alive(holder)) {
                    answer.completeExceptionally(new ConflictException("charge station '" + chargeStationId + "' was connected to a server"
                            + " that stopped answering; it reconnects to another server: try again in a moment"));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not check the holder of relayed command " + commandId, e);
            }
        }, HOLDER_CHECK_SECONDS, HOLDER_CHECK_SECONDS, TimeUnit.SECONDS);
        answer.whenComplete((outcome, e) -> watch.cancel(false));
        return answer;
    }

    /** The node id of the other server of the cluster holding the station's connection, or null. */
    private String holderElsewhere(String chargeStationId) {
        if (!cluster.clustered()) {
            return null;
        }
        StationLink link = control.linkOf(chargeStationId);
        if (link == null || !link.connected() || link.serverId() == null || link.serverId().equals(cluster.nodeId())) {
            return null;
        }
        // a server that stopped beating is as good as gone: its stations are about to count offline
        return alive(link.serverId()) ? link.serverId() : null;
    }

    /** Whether the member beat within the cluster's member timeout. */
    private boolean alive(String nodeId) {
        return members.alive(cluster.memberTimeout()).stream().map(ClusterMember::nodeId).anyMatch(nodeId::equals);
    }

    /** Another server asks a server to send one of its stations a CALL (a signal): if this is that server, sent, and what comes of it stored. */
    void relayedHere(String holderId, String commandId) {
        if (!cluster.nodeId().equals(holderId)) {
            return;
        }
        RelayedCommand command = relay.find(commandId);
        if (command == null || command.isDone() || !cluster.nodeId().equals(command.holderId())) {
            return;
        }
        StationConnection connection = registry.get(command.chargeStationId());
        if (connection == null) {
            relay.done(commandId, new StationConnection.Outcome(null, CommandRelay.NOT_CONNECTED, "not connected to its server any more"));
            return;
        }
        CompletableFuture<StationConnection.Outcome> sent = switch (command.action()) {
            case COMPOSITE_SCHEDULE -> compositeSchedule(connection, command.connectorId(), command.durationSeconds());
            case RESEND_PROFILES -> resendProfiles(connection);
        };
        sent.whenComplete((outcome, failure) -> {
            try {
                relay.done(commandId, failure == null ? outcome : new StationConnection.Outcome(null, "InternalError", String.valueOf(failure)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not store what became of the relayed command " + commandId, e);
            }
        });
    }

    /** The server holding the station is done with a command of this one (a signal): its caller gets the outcome. */
    void relayDone(String commandId) {
        CompletableFuture<StationConnection.Outcome> answer = relayed.get(commandId);
        if (answer == null) {
            return;
        }
        RelayedCommand command = relay.find(commandId);
        if (command == null || !command.isDone()) {
            return;
        }
        if (CommandRelay.NOT_CONNECTED.equals(command.errorCode())) {
            answer.completeExceptionally(notConnected(command.chargeStationId()));
        } else {
            answer.complete(new StationConnection.Outcome(command.result() == null ? null
                    : Jsons.createReader(new StringReader(command.result())).readObject(), command.errorCode(), command.errorDescription()));
        }
    }

    /** Signals may have been missed (the listener reconnected): the commands waiting for this server, or for others' answers, go on. */
    void resync() {
        for (String commandId : relay.pendingFor(cluster.nodeId())) {
            relayedHere(cluster.nodeId(), commandId);
        }
        for (String commandId : java.util.List.copyOf(relayed.keySet())) {
            relayDone(commandId);
        }
    }

    private static ConflictException notConnected(String chargeStationId) {
        return new ConflictException("charge station '" + chargeStationId + "' is not connected");
    }
}
