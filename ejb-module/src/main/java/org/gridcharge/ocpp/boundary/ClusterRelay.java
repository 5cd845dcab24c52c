package org.gridcharge.ocpp.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.gridcharge.ocpp.StationConnection;
import org.gridcharge.platform.cluster.ClusterNode;
import org.gridcharge.platform.cluster.ClusterSignal;
import org.gridcharge.platform.cluster.MemberEvicted;
import org.gridcharge.station.boundary.ChargeStationService;
import org.gridcharge.station.boundary.StationControlService;
import org.gridcharge.station.entity.StationLink;
import org.gridcharge.steering.boundary.AllocationScheduler;
import org.gridcharge.steering.boundary.AllocationService;

/**
 * What the other servers of a cluster tell this one, for the stations connected here: a tree's new plan is delivered
 * to them; a station that connected elsewhere has its old connection here closed; after a gap in the signals, the
 * groups of every station here plan again; and when the cluster took this server for dead, its stations are closed
 * so that they come back and are recorded again.
 */
@ApplicationScoped
public class ClusterRelay {

    private static final Logger LOG = Logger.getLogger(ClusterRelay.class.getName());

    @Inject
    StationRegistry registry;

    @Inject
    ProfileSender profiles;

    @EJB
    StationControlService control;

    @EJB
    ChargeStationService stations;

    @EJB
    AllocationScheduler scheduler;

    @Inject
    ClusterNode cluster;

    @Inject
    StationCommands commands;

    void onSignal(@Observes ClusterSignal signal) {
        switch (signal.kind()) {
            case AllocationService.PLAN_SIGNAL -> profiles.deliverStored(signal.key());
            case StationControlService.STATION_SIGNAL -> connectedElsewhere(signal.key());
            case CommandRelay.REQUEST_SIGNAL -> {
                int space = signal.key().indexOf(' ');
                if (space > 0) {
                    commands.relayedHere(signal.key().substring(0, space), signal.key().substring(space + 1));
                }
            }
            case CommandRelay.DONE_SIGNAL -> commands.relayDone(signal.key());
            case ClusterSignal.RESYNC -> {
                commands.resync();
                for (StationConnection connection : registry.all()) {
                    for (String groupId : stations.groupsOf(connection.chargeStationId())) {
                        scheduler.request(groupId, "cluster_resync");
                    }
                }
            }
            default -> {
                // a signal for another component
            }
        }
    }

    void onEvicted(@Observes MemberEvicted evicted) {
        for (StationConnection connection : registry.all()) {
            connection.close("this server was taken for dead by the cluster; connect again");
        }
    }

    /** The station connected to another server: a connection of it still open here is an old one. */
    private void connectedElsewhere(String chargeStationId) {
        StationConnection connection = registry.get(chargeStationId);
        if (connection == null) {
            return;
        }
        StationLink link = control.linkOf(chargeStationId);
        if (link != null && link.serverId() != null && !link.serverId().equals(cluster.nodeId())) {
            LOG.info(() -> chargeStationId + " connected to another server: its old connection here is closed");
            connection.close("the station connected to another server");
        }
    }
}
