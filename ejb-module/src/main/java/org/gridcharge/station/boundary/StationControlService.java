package org.gridcharge.station.boundary;

import org.gridcharge.evse.control.Evses;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.session.boundary.SessionChanged;
import org.gridcharge.station.entity.EvseControl;
import org.gridcharge.station.entity.StationLink;
import jakarta.enterprise.event.Observes;
import org.gridcharge.platform.cluster.ClusterNode;
import org.gridcharge.platform.cluster.Coordination;
import org.gridcharge.platform.cluster.MemberGone;

/**
 * The platform's control over stations and EVSEs, as the OCPP endpoint reports it, and what
 * allocation concludes from it: an EVSE is steered only while its station is connected and it
 * accepted the last limit it was sent; otherwise it counts at what it may still draw.
 */
@Stateless
public class StationControlService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Evses evses;

    @Inject
    Clock clock;

    @Inject
    Event<SessionChanged> reallocate;

    /** The cluster signal that a station connected to the sending server; its key is the station's id. */
    public static final String STATION_SIGNAL = "station";

    @Inject
    ClusterNode cluster;

    @jakarta.ejb.EJB
    Coordination coordination;

    /**
     * A server of the cluster is gone (it stopped, or fell silent): the stations recorded as connected to it count offline
     * until they reconnect, and their groups allocate again, counting them at what they may still draw.
     */
    public void onMemberGone(@Observes MemberGone gone) {
        java.util.List<StationLink> links = em.createNamedQuery("StationLink.connectedTo", StationLink.class)
                .setParameter("serverId", gone.nodeId()).getResultList();
        Instant now = clock.instant();
        for (StationLink link : links) {
            em.lock(link, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            em.refresh(link);
            if (link.connected() && gone.nodeId().equals(link.serverId())) {
                link.disconnect(now);
                announce(link.chargeStationId());
            }
        }
    }

    /**
     * How far allocation can steer an EVSE.
     *
     * @param server the cluster member its station is connected to (null: offline, or not a cluster)
     */
    public record Control(boolean controllable, double mayStillDraw, String server) {
    }

    public void connected(String chargeStationId, String protocol) {
        connected(chargeStationId, protocol, clock.instant());
    }

    /**
     * The station's connection opened at {@code since} is up, on this server. In a cluster the other servers are told, so
     * that one still holding an older connection of the station closes it.
     */
    public void connected(String chargeStationId, String protocol, Instant since) {
        StationLink link = lockedLink(chargeStationId);
        link.connect(protocol, stored(since), cluster.nodeId());
        coordination.publish(STATION_SIGNAL, chargeStationId);
        for (Evse evse : evsesOf(chargeStationId)) {
            EvseControl control = em.find(EvseControl.class, evse.evseId());
            if (control != null) {
                control.reset();
            }
        }
    }

    public void disconnected(String chargeStationId) {
        disconnected(chargeStationId, null);
    }

    /**
     * The station is about to clear its charging profiles: until it accepts a limit again its EVSEs count at their
     * maximum, not at the limits they held, and its groups are planned again around that.
     */
    public void clearing(String chargeStationId) {
        for (Evse evse : evsesOf(chargeStationId)) {
            EvseControl control = em.find(EvseControl.class, evse.evseId());
            if (control != null) {
                control.cleared();
            }
        }
        announce(chargeStationId);
    }

    /**
     * The station's connection opened at {@code since} closed (null: whichever is recorded). When the station has
     * reconnected meanwhile, the old connection's close can be recorded after the new one's open: the newer
     * connection is recorded then, and it stays online. In a cluster a newer connection may be another server's, whose
     * clock is not this one's: a link held by another server is newer, whatever the times say.
     */
    public void disconnected(String chargeStationId, Instant since) {
        StationLink link = lockedLink(chargeStationId);
        if (since != null && link.serverId() != null && !link.serverId().equals(cluster.nodeId())) {
            return;
        }
        if (since != null && link.connectedAt() != null && link.connectedAt().isAfter(stored(since))) {
            return;
        }
        link.disconnect(clock.instant());
        announce(chargeStationId);
    }

    /**
     * The stations were seen (a frame arrived) at these times, in one statement per time: a server records what its
     * stations did every few seconds, not a transaction per frame. A link is never moved back in time (a close recorded
     * meanwhile stays).
     */
    public void seen(Map<Instant, ? extends Collection<String>> stationsByTime) {
        stationsByTime.forEach((at, ids) -> {
            List<String> all = List.copyOf(ids);
            for (int i = 0; i < all.size(); i += 1000) {
                em.createNamedQuery("StationLink.seen").setParameter("at", stored(at))
                        .setParameter("ids", all.subList(i, Math.min(all.size(), i + 1000))).executeUpdate();
            }
        });
    }

    /** A schedule went out to the EVSE; {@code amps} is the highest limit in it. */
    public void limitSent(String evseId, double amps) {
        control(evseId).sent(amps, clock.instant());
    }

    /**
     * Schedules went out to EVSEs, {@code highestByEvse} giving the highest limit in each; the EVSEs of {@code unchanged}
     * already held theirs. In a cluster {@code planVersion} is the version of the tree's plan this server delivered (0:
     * not a cluster), and that plan's marks and older ones (see {@link #awaitDelivery}) are cleared for all of them.
     */
    public void limitsSent(Map<String, Double> highestByEvse, Collection<String> unchanged, long planVersion) {
        Instant now = clock.instant();
        // read in a few queries, not two per EVSE: on a database over the network each is a round trip
        Map<String, EvseControl> controls = controls(highestByEvse.keySet());
        java.util.Set<String> missing = new java.util.HashSet<>(highestByEvse.keySet());
        missing.removeAll(controls.keySet());
        if (!missing.isEmpty()) {
            java.util.Set<String> existing = new java.util.HashSet<>();
            evses.byIds(missing).forEach(evse -> existing.add(evse.evseId()));
            for (String evseId : existing) {
                EvseControl control = new EvseControl(evseId);
                em.persist(control);
                controls.put(evseId, control);
            }
        }
        highestByEvse.forEach((evseId, amps) -> {
            EvseControl control = controls.get(evseId);
            if (control != null) {
                control.sent(amps, now);
            }
        });
        if (planVersion > 0) {
            java.util.List<String> delivered = new java.util.ArrayList<>(highestByEvse.keySet());
            delivered.addAll(unchanged);
            em.flush();
            inChunks(delivered, ids -> em.createNamedQuery("EvseControl.delivered").setParameter("ids", ids)
                    .setParameter("version", planVersion).executeUpdate());
        }
    }

    /**
     * In a cluster: version {@code planVersion} of a tree's plan gives these EVSEs, steered now and connected to other servers,
     * new schedules (the highest limit of each given). Until those servers deliver it, the EVSEs count at what they may still draw rather than as steered
     * (see {@link #controlOf}), so that no later plan relies on limits a slow or silent server has not handed over.
     */
    public void awaitDelivery(Map<String, Double> highestByEvse, long planVersion) {
        // the controls are those controlOf read in this transaction; their updates go out in JDBC batches (persistence.xml)
        controls(highestByEvse.keySet()).forEach((evseId, control) -> control.awaitDelivery(planVersion, highestByEvse.get(evseId)));
    }

    private static final int CHUNK = 1_000;

    /** The controls of these EVSEs that exist, by EVSE id: a query per thousand, rather than one per EVSE. */
    private Map<String, EvseControl> controls(Collection<String> evseIds) {
        Map<String, EvseControl> found = new HashMap<>();
        inChunks(java.util.List.copyOf(evseIds), ids -> em.createNamedQuery("EvseControl.byIds", EvseControl.class).setParameter("ids", ids)
                .getResultList().forEach(control -> found.put(control.evseId(), control)));
        return found;
    }

    /** The links of these stations that exist, by station id. */
    private Map<String, StationLink> links(Collection<String> chargeStationIds) {
        Map<String, StationLink> found = new HashMap<>();
        inChunks(java.util.List.copyOf(chargeStationIds), ids -> em.createNamedQuery("StationLink.byIds", StationLink.class).setParameter("ids", ids)
                .getResultList().forEach(link -> found.put(link.chargeStationId(), link)));
        return found;
    }

    private static void inChunks(java.util.List<String> ids, java.util.function.Consumer<java.util.List<String>> action) {
        for (int from = 0; from < ids.size(); from += CHUNK) {
            action.accept(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        }
    }

    /**
     * The station answered the limit whose highest value was {@code answeredLimit}. When that loses
     * us control of the EVSE, its group allocates again at once (it now counts at what it may still
     * draw). When it gains control, true is returned and nothing else happens: the sender
     * reallocates once when all the answers to the same allocation are in, rather than once per answer.
     */
    public boolean limitAnswered(String evseId, EvseControl.Status status, double answeredLimit) {
        return limitAnswered(evseId, status, answeredLimit, null);
    }

    /** As above; {@code sentAt} is when the frame went to the station (null if unknown). */
    public boolean limitAnswered(String evseId, EvseControl.Status status, double answeredLimit, Instant sentAt) {
        // A thousand answers come within a second of a plan; each need not wait for the disk (it saves the wait, at the
        // cost of a statement). Should the database itself crash and lose one, the EVSE reads as not having answered its
        // last limit, and so counts at the higher of its old and new limits, unsteered (see controlOf): the safe side,
        // until its limit changes by more than the deadband or its station reconnects. The limit sent (limitsSent) is
        // committed with the wait.
        coordination.commitWithoutDiskWait();
        Evse evse = evses.find(evseId);
        if (evse == null) {
            return false;
        }
        EvseControl control = control(evseId);
        boolean before = control.lastStatus() == EvseControl.Status.ACCEPTED;
        control.answered(status, answeredLimit, clock.instant(), sentAt);
        boolean after = status == EvseControl.Status.ACCEPTED;
        if (evse.groupId() != null && before && !after) {
            reallocate.fire(new SessionChanged(evse.groupId(), evseId, true));
        }
        return evse.groupId() != null && !before && after;
    }

    /** Which of these stations are connected now (to any server), in one read per few hundred stations. */
    public java.util.Set<String> connected(Collection<String> chargeStationIds) {
        java.util.Set<String> up = new java.util.HashSet<>();
        links(chargeStationIds).values().forEach(link -> {
            if (link.connected()) {
                up.add(link.chargeStationId());
            }
        });
        return up;
    }

    /** Which of these EVSEs refused the last limit sent to them, or did not answer it in time. */
    public java.util.Set<String> refused(Collection<String> evseIds) {
        java.util.Set<String> refused = new java.util.HashSet<>();
        controls(evseIds).values().forEach(control -> {
            if (control.lastStatus() == EvseControl.Status.REJECTED || control.lastStatus() == EvseControl.Status.TIMEOUT) {
                refused.add(control.evseId());
            }
        });
        return refused;
    }

    public StationLink linkOf(String chargeStationId) {
        return em.find(StationLink.class, chargeStationId);
    }

    public EvseControl controlOf(String evseId) {
        return em.find(EvseControl.class, evseId);
    }

    /**
     * For each EVSE that was sent a limit, the least it may be keeping to now: the lower of its last accepted limit and a
     * limit it has not answered yet (it may already follow the new one). EVSEs never sent one are left out.
     */
    public Map<String, Double> leastLimits(Collection<Evse> evses) {
        Map<String, Double> result = new HashMap<>();
        Map<String, EvseControl> controls = controls(evses.stream().map(Evse::evseId).toList());
        for (Evse evse : evses) {
            EvseControl control = controls.get(evse.evseId());
            if (control == null) {
                continue;
            }
            Double least = control.accepted();
            if (control.lastSent() != null && control.lastStatus() != EvseControl.Status.REJECTED) {
                least = least == null ? control.lastSent() : Math.min(least, control.lastSent());
            }
            if (least != null) {
                result.put(evse.evseId(), least);
            }
        }
        return result;
    }

    /**
     * For each EVSE: steered, or counted at its last accepted limit (its maximum if it never accepted one). One that accepted
     * its limit is not steered while its station is offline, nor while a plan that changed it waits for delivery by another server.
     */
    public Map<String, Control> controlOf(Collection<Evse> evses) {
        Map<String, Control> result = new HashMap<>();
        Map<String, EvseControl> controls = controls(evses.stream().map(Evse::evseId).toList());
        Map<String, StationLink> links = links(evses.stream().map(Evse::chargeStationId).filter(java.util.Objects::nonNull).distinct().toList());
        for (Evse evse : evses) {
            StationLink link = links.get(evse.chargeStationId());
            java.util.Optional<String> server = link != null && link.connected()
                    ? java.util.Optional.of(link.serverId() == null ? "" : link.serverId()) : java.util.Optional.empty();
            boolean up = server.isPresent();
            EvseControl control = controls.get(evse.evseId());
            boolean accepted = control != null && control.lastStatus() == EvseControl.Status.ACCEPTED && control.plannedVersion() == null;
            double mayDraw = evse.maxCurrentAmps();
            if (control != null && control.accepted() != null) {
                double held = control.accepted();
                if ((control.lastStatus() == EvseControl.Status.PENDING || control.lastStatus() == EvseControl.Status.TIMEOUT)
                        && control.lastSent() != null) {
                    held = Math.max(held, control.lastSent()); // unanswered: it may follow the old limit or the new one
                }
                if (control.plannedVersion() != null && control.planned() != null) {
                    held = Math.max(held, control.planned()); // the other server may be sending the planned limit now
                }
                mayDraw = Math.min(held, evse.maxCurrentAmps());
            }
            result.put(evse.evseId(), new Control(up && accepted, mayDraw, server.filter(id -> !id.isEmpty()).orElse(null)));
        }
        return result;
    }

    private java.util.List<Evse> evsesOf(String chargeStationId) {
        return evses.atStation(chargeStationId);
    }

    private void announce(String chargeStationId) {
        evsesOf(chargeStationId).stream().filter(e -> e.groupId() != null).map(Evse::groupId).distinct()
                .forEach(groupId -> reallocate.fire(new SessionChanged(groupId, null, true)));
    }

    /**
     * An instant as the database keeps it: PostgreSQL keeps microseconds (rounding the rest), so an opening time
     * compared with the stored one must be cut to microseconds first, or the close of the very connection that was
     * recorded could look older than it.
     */
    private static Instant stored(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** The station's link, its row locked until the transaction ends, so that an open and a close are recorded one after the other. */
    private StationLink lockedLink(String chargeStationId) {
        StationLink link = em.find(StationLink.class, chargeStationId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (link == null) {
            link = new StationLink(chargeStationId);
            em.persist(link);
        }
        return link;
    }


    private EvseControl control(String evseId) {
        EvseControl control = em.find(EvseControl.class, evseId);
        if (control == null) {
            control = new EvseControl(evseId);
            em.persist(control);
        }
        return control;
    }
}
