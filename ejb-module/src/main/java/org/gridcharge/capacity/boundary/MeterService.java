package org.gridcharge.capacity.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.allocation.Phase;
import org.gridcharge.audit.boundary.AuditService;
import org.gridcharge.capacity.control.MeterControl;
import org.gridcharge.capacity.control.MeterReadings;
import org.gridcharge.capacity.entity.GroupMeter;
import org.gridcharge.evse.control.Evses;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.control.Groups;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.CapacityUpdateMethod;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.monitoring.PlatformMetrics;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.session.boundary.SessionService;
import org.gridcharge.session.entity.ChargingSession;

/**
 * A group's site meter: its CPO sets where readings come from and how they count; readings come by REST (from the CPO
 * or a capacity provider granted the group) or MQTT, and become the group's capacity while its
 * {@code capacity_update_method} is {@code EXTERNALMETER} (see {@link MeterControl}). A reading that cannot be taken is
 * counted and logged with its reason and changes nothing.
 */
@Stateless
public class MeterService {

    private static final Logger LOG = Logger.getLogger(MeterService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<CapacityChanged> changes;

    @Inject
    Event<MeterChanged> meterChanges;

    @jakarta.ejb.EJB
    org.gridcharge.platform.cluster.Coordination coordination;

    @EJB
    GroupService groups;

    @EJB
    AuditService audit;

    @EJB
    SessionService sessions;

    @Inject
    Groups groupsById;

    @Inject
    Evses evses;

    @Inject
    PlatformMetrics metrics;

    @EJB
    org.gridcharge.station.boundary.StationControlService control;

    @Inject
    @ConfigProperty(name = "gridcharge.meter.mqtt-broker-url", defaultValue = "tcp://127.0.0.1:1883")
    String defaultBrokerUrl;

    @Inject
    @ConfigProperty(name = "gridcharge.meter.max-ahead-seconds", defaultValue = "10")
    long maxAheadSeconds;

    /** Sets the group's meter, replacing its earlier settings; the CPO's to do. */
    public MeterView configure(Caller caller, String groupId, MeterDraft draft) {
        SmartChargingGroup group = groups.getForChange(caller, groupId);
        if (draft == null) {
            throw new InvalidInputException("body", "a JSON object describing the meter is required");
        }
        boolean watts = group.capacityUnit() == CapacityUnit.W;
        double max = group.capacityUnit().maxCapacity();
        GroupMeter.Source source = switch (draft.source() == null ? "" : draft.source()) {
            case "api" -> GroupMeter.Source.API;
            case "mqtt" -> GroupMeter.Source.MQTT;
            default -> throw new InvalidInputException("source", "must be api (readings posted to .../meter-readings) or mqtt (readings"
                    + " published to a broker's topic)" + (draft.source() == null ? "" : ", was '" + draft.source() + "'"));
        };
        String brokerUrl = null;
        String topic = null;
        if (source == GroupMeter.Source.MQTT) {
            brokerUrl = brokerUrl(draft.brokerUrl() == null ? defaultBrokerUrl : draft.brokerUrl());
            topic = draft.topic();
            if (topic == null || topic.isBlank() || topic.length() > 512 || topic.contains("#") || topic.contains("+")
                    || topic.startsWith("$")) {
                throw new InvalidInputException("topic", "the MQTT topic the meter publishes on is required: up to 512 characters, without"
                        + " wildcards (+, #), not starting with $");
            }
        } else if (draft.brokerUrl() != null || draft.topic() != null) {
            throw new InvalidInputException(draft.topic() != null ? "topic" : "broker_url", "only a meter with source mqtt has a broker");
        }
        if (draft.username() == null && draft.password() != null) {
            throw new InvalidInputException("username", "is required with a password");
        }
        PerPhase connection = connection(draft, watts, max);
        boolean includesEv = draft.includesEvLoad() == null ? !watts : draft.includesEvLoad();
        if (includesEv && watts) {
            throw new InvalidInputException("includes_ev_load", "a group in watts has no measured power of its sessions to take off the"
                    + " meter's reading; meter the other load only, and set includes_ev_load false");
        }
        MeterControl.Mode mode = switch (draft.mode() == null ? "grid_limit" : draft.mode()) {
            case "grid_limit" -> MeterControl.Mode.GRID_LIMIT;
            case "solar_surplus" -> MeterControl.Mode.SOLAR_SURPLUS;
            default -> throw new InvalidInputException("mode", "must be grid_limit (the connection's capacity less the other load) or"
                    + " solar_surplus (only what is exported), was '" + draft.mode() + "'");
        };
        int staleAfter = bounded("stale_after_seconds", draft.staleAfterSeconds(), 60, 1, 86_400);
        int riseDelay = bounded("rise_delay_seconds", draft.riseDelaySeconds(), 30, 0, 3_600);
        double deadband = draft.deadband() == null ? (watts ? 230 : 1) : draft.deadband();
        if (!Double.isFinite(deadband) || deadband < 0 || deadband > max) {
            throw new InvalidInputException("deadband", "must be from 0 to " + (long) max);
        }
        if (draft.fallbackCapacity() != null && (!Double.isFinite(draft.fallbackCapacity()) || draft.fallbackCapacity() < 0
                || draft.fallbackCapacity() > max)) {
            throw new InvalidInputException("fallback_capacity", "must be from 0 to " + (long) max + " (absent: the group's default capacity)");
        }
        GroupMeter meter = em.find(GroupMeter.class, group.groupId(), LockModeType.PESSIMISTIC_WRITE);
        boolean fresh = meter == null;
        if (fresh) {
            meter = new GroupMeter(group.groupId());
        }
        meter.configure(source, brokerUrl, topic, draft.username(), draft.password(), connection, includesEv, mode, staleAfter,
                draft.fallbackCapacity(), riseDelay, deadband, clock.instant());
        if (fresh) {
            em.persist(meter);
        }
        audit.record(caller, "meter.configured", group.groupId(), group.cpoId(), source.name().toLowerCase(Locale.ROOT)
                + (topic == null ? "" : " " + brokerUrl + " " + topic) + ", connection " + connection.l1() + "/" + connection.l2() + "/"
                + connection.l3() + ", " + mode.name().toLowerCase(Locale.ROOT));
        meterChanges.fire(new MeterChanged(group.groupId()));
        coordination.publish(MeterChanged.SIGNAL, group.groupId());
        if (group.capacityUpdateMethod() == CapacityUpdateMethod.EXTERNALMETER) {
            changes.fire(new CapacityChanged(group.groupId()));
        }
        return view(group, meter, clock.instant());
    }

    /** The group's meter as it stands; 404 if it has none. */
    public MeterView get(Caller caller, String groupId) {
        SmartChargingGroup group = groups.get(caller, groupId);
        GroupMeter meter = em.find(GroupMeter.class, group.groupId());
        if (meter == null) {
            throw new NotFoundException("meter of group", groupId);
        }
        return view(group, meter, clock.instant());
    }

    /** Removes the group's meter; a group still taking its capacity from it is 409. */
    public void remove(Caller caller, String groupId) {
        SmartChargingGroup group = groups.getForChange(caller, groupId);
        GroupMeter meter = em.find(GroupMeter.class, group.groupId(), LockModeType.PESSIMISTIC_WRITE);
        if (meter == null) {
            throw new NotFoundException("meter of group", groupId);
        }
        if (group.capacityUpdateMethod() == CapacityUpdateMethod.EXTERNALMETER) {
            throw new ConflictException("group '" + group.groupId() + "' takes its capacity from this meter (capacity_update_method"
                    + " EXTERNALMETER); switch it to another method first");
        }
        em.remove(meter);
        audit.record(caller, "meter.removed", group.groupId(), group.cpoId(), "");
        meterChanges.fire(new MeterChanged(group.groupId()));
        coordination.publish(MeterChanged.SIGNAL, group.groupId());
    }

    /** A reading posted by REST, the body as it came. */
    public MeterReadingOutcome record(Caller caller, String groupId, byte[] body) {
        Instant arrived = clock.instant();
        SmartChargingGroup group = groups.get(caller, groupId);
        GroupMeter meter = em.find(GroupMeter.class, group.groupId(), LockModeType.PESSIMISTIC_WRITE);
        if (meter == null) {
            throw new ConflictException("group '" + group.groupId() + "' has no meter; set one with PUT .../meter first");
        }
        if (group.capacityUpdateMethod() != CapacityUpdateMethod.EXTERNALMETER) {
            throw new ConflictException("group '" + group.groupId() + "' has capacity_update_method " + group.capacityUpdateMethod()
                    + "; set it to EXTERNALMETER for its meter's readings to count");
        }
        if (meter.source() != GroupMeter.Source.API) {
            throw new ConflictException("group '" + group.groupId() + "' reads its meter from MQTT; set its source to api to post readings");
        }
        return take(group, meter, MeterReadings.parse(body, group.capacityUnit() == CapacityUnit.W, "body"), arrived);
    }

    /**
     * A reading published on an MQTT topic, as it arrived; taken only if the group still reads its meter there. Refusals
     * are counted and logged, never thrown.
     */
    public void receive(String groupId, String brokerUrl, String topic, byte[] payload, Instant arrived) {
        SmartChargingGroup group = groupsById.find(groupId);
        GroupMeter meter = group == null ? null : em.find(GroupMeter.class, groupId, LockModeType.PESSIMISTIC_WRITE);
        if (meter == null || meter.source() != GroupMeter.Source.MQTT || !topic.equals(meter.topic()) || !brokerUrl.equals(meter.brokerUrl())) {
            return; // removed or moved since the message was taken off the broker
        }
        if (group.capacityUpdateMethod() != CapacityUpdateMethod.EXTERNALMETER) {
            refuse(group, meter, "method", "the group's capacity_update_method is " + group.capacityUpdateMethod());
            return;
        }
        take(group, meter, MeterReadings.parse(payload, group.capacityUnit() == CapacityUnit.W, "payload"), arrived);
    }

    private MeterReadingOutcome take(SmartChargingGroup group, GroupMeter meter, MeterReadings.Parsed parsed, Instant now) {
        if (parsed.refusal() != null) {
            refuse(group, meter, "unreadable", parsed.field() + " " + parsed.refusal());
            return new MeterReadingOutcome(view(group, meter, now), parsed.field(), parsed.refusal());
        }
        MeterControl.Settings settings = meter.settings(group.defaultCapacity(), group.capacityUnit().maxCapacity());
        MeterControl.State state = meter.state();
        Instant readAt = parsed.timestamp() == null ? now : parsed.timestamp();
        String refusal = MeterControl.refusal(parsed.reading(), readAt, state, now, Duration.ofSeconds(maxAheadSeconds),
                settings.staleAfter(), group.capacityUnit().maxCapacity());
        if (refusal != null) {
            String kind = refusal.contains("not after") || refusal.contains("older") ? "old" : refusal.contains("ahead") ? "future"
                    : "out_of_range";
            refuse(group, meter, kind, refusal);
            String field = !kind.equals("out_of_range") ? "timestamp" : group.capacityUnit() == CapacityUnit.W ? "power" : "currents";
            return new MeterReadingOutcome(view(group, meter, now), field, refusal);
        }
        PerPhase ev = settings.includesEvLoad() ? evDraw(group, now.minus(settings.staleAfter())) : PerPhase.ZERO;
        PerPhase room = MeterControl.room(settings, parsed.reading(), ev);
        boolean staleBefore = MeterControl.stale(settings, state, now);
        PerPhase before = MeterControl.capacityAt(settings, state, now);
        MeterControl.State next = MeterControl.next(settings, state, readAt, now, room);
        meter.took(parsed.reading(), next);
        metrics.meterReading(group.groupId(), "taken");
        boolean riseBegan = next.risingSince() != null && !next.risingSince().equals(state.risingSince());
        boolean changed = !before.equals(MeterControl.capacityAt(settings, next, now)) || staleBefore || riseBegan;
        if (meter.announceDue(now) || changed) {
            changes.fire(new CapacityChanged(group.groupId()));
        }
        return new MeterReadingOutcome(view(group, meter, now), null, null);
    }

    private void refuse(SmartChargingGroup group, GroupMeter meter, String kind, String reason) {
        meter.refused(reason);
        metrics.meterReading(group.groupId(), kind);
        LOG.info(() -> "Meter reading of group " + group.groupId() + " refused (" + kind + "): " + reason);
    }

    /**
     * What our sessions below the group measurably draw on each of its phases ({@link MeterControl#evDraw}): measurements
     * taken since {@code measuredSince}, carried up through the rotations of the EVSEs and of the groups between.
     */
    private PerPhase evDraw(SmartChargingGroup meterGroup, Instant measuredSince) {
        List<SmartChargingGroup> below = groupsById.subtree(meterGroup);
        Map<String, SmartChargingGroup> byId = new HashMap<>();
        below.forEach(g -> byId.put(g.groupId(), g));
        List<Evse> members = evses.inGroups(below.stream().map(SmartChargingGroup::groupId).toList());
        Map<String, Evse> evseById = new HashMap<>();
        members.forEach(e -> evseById.put(e.evseId(), e));
        Map<String, Double> limits = control.leastLimits(members);
        List<MeterControl.Draw> draws = new ArrayList<>();
        for (ChargingSession session : sessions.openOn(new ArrayList<>(evseById.keySet()))) {
            Evse evse = evseById.get(session.evseId());
            if (evse == null || session.measuredAt() == null || session.measuredAt().isBefore(measuredSince)) {
                continue; // nothing measured lately: nothing taken off, the safe side
            }
            List<Phase> onMeter = new ArrayList<>();
            for (Phase phase : phasesOf(evse)) {
                Phase at = phase;
                for (SmartChargingGroup node = byId.get(evse.groupId()); node != null && node != meterGroup;
                     node = byId.get(node.parentGroupId())) {
                    at = onParent(node.parentPhaseRotation(), at);
                }
                onMeter.add(at);
            }
            draws.add(new MeterControl.Draw(onMeter, session.measuredPhases(), session.measuredAmps(),
                    limits.getOrDefault(evse.evseId(), evse.maxCurrentAmps())));
        }
        return MeterControl.evDraw(draws);
    }

    /** The grid phases of the EVSE's group its socket's L1, L2, L3 are wired to (one for a single-phase socket). */
    private static List<Phase> phasesOf(Evse evse) {
        return switch (evse.phaseRotation()) {
            case L1 -> List.of(Phase.L1);
            case L2 -> List.of(Phase.L2);
            case L3 -> List.of(Phase.L3);
            default -> evse.phaseRotation().name().chars().mapToObj(c -> Phase.ofWiring((char) c)).toList();
        };
    }

    /** The parent's phase a group's phase is wired to, by the group's rotation (RST: as it is). */
    private static Phase onParent(String rotation, Phase phase) {
        if (rotation == null || rotation.length() != 3) {
            return phase;
        }
        return Phase.ofWiring(rotation.charAt(phase.ordinal()));
    }

    /** The meters of the given groups, by group id. */
    public Map<String, GroupMeter> metersOf(List<String> groupIds) {
        Map<String, GroupMeter> meters = new HashMap<>();
        if (!groupIds.isEmpty()) {
            em.createNamedQuery("GroupMeter.findByGroups", GroupMeter.class).setParameter("groupIds", groupIds).getResultList()
                    .forEach(m -> meters.put(m.groupId(), m));
        }
        return meters;
    }

    /** What every MQTT meter of a group taking its capacity from it subscribes to. */
    public record Subscription(String groupId, String brokerUrl, String topic, String username, String password) {
    }

    public List<Subscription> subscriptions() {
        List<Subscription> wanted = new ArrayList<>();
        for (GroupMeter meter : em.createNamedQuery("GroupMeter.findBySource", GroupMeter.class)
                .setParameter("source", GroupMeter.Source.MQTT.name()).getResultList()) {
            SmartChargingGroup group = groupsById.find(meter.groupId());
            if (group != null && group.capacityUpdateMethod() == CapacityUpdateMethod.EXTERNALMETER) {
                wanted.add(new Subscription(meter.groupId(), meter.brokerUrl(), meter.topic(), meter.username(), meter.password()));
            }
        }
        return wanted;
    }

    /** Every meter of a group taking its capacity from it, as it stands: for monitoring. */
    public List<MeterView> activeMeters() {
        Instant now = clock.instant();
        List<MeterView> views = new ArrayList<>();
        for (GroupMeter meter : em.createNamedQuery("GroupMeter.findAll", GroupMeter.class).getResultList()) {
            SmartChargingGroup group = groupsById.find(meter.groupId());
            if (group != null && group.capacityUpdateMethod() == CapacityUpdateMethod.EXTERNALMETER) {
                views.add(view(group, meter, now));
            }
        }
        return views;
    }

    static MeterView view(SmartChargingGroup group, GroupMeter meter, Instant now) {
        MeterControl.Settings settings = meter.settings(group.defaultCapacity(), group.capacityUnit().maxCapacity());
        MeterControl.State state = meter.state();
        Instant due = state.risingSince() == null ? null : state.risingSince().plus(settings.riseDelay());
        return new MeterView(meter, settings.fallback(), group.capacityUpdateMethod() == CapacityUpdateMethod.EXTERNALMETER,
                MeterControl.stale(settings, state, now), MeterControl.capacityAt(settings, state, now),
                due == null || !due.isAfter(now) ? null : due);
    }

    private static PerPhase connection(MeterDraft draft, boolean watts, double max) {
        if (draft.connectionCapacity() != null && draft.connectionCapacityPerPhase() != null) {
            throw new InvalidInputException("connection_capacity_per_phase", "give connection_capacity or connection_capacity_per_phase, not both");
        }
        if (draft.connectionCapacityPerPhase() != null) {
            if (watts) {
                throw new InvalidInputException("connection_capacity_per_phase", "power has no phases; give connection_capacity in watts");
            }
            List<Double> values = draft.connectionCapacityPerPhase();
            if (values.size() != 3) {
                throw new InvalidInputException("connection_capacity_per_phase", "must list [l1, l2, l3]");
            }
            for (int i = 0; i < 3; i++) {
                requireCapacity("connection_capacity_per_phase[" + i + "]", values.get(i), max);
            }
            return new PerPhase(values.get(0), values.get(1), values.get(2));
        }
        requireCapacity("connection_capacity", draft.connectionCapacity(), max);
        return PerPhase.balanced(draft.connectionCapacity());
    }

    private static void requireCapacity(String field, Double value, double max) {
        if (value == null || !Double.isFinite(value) || value <= 0 || value > max) {
            throw new InvalidInputException(field, "the connection's capacity per phase is required, above 0 and at most " + (long) max);
        }
    }

    private static int bounded(String field, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw new InvalidInputException(field, "must be from " + min + " to " + max);
        }
        return value;
    }

    private static String brokerUrl(String url) {
        String normal = url.startsWith("mqtt://") ? "tcp://" + url.substring(7) : url.startsWith("mqtts://") ? "ssl://" + url.substring(8) : url;
        try {
            URI uri = new URI(normal);
            if (!("tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not tcp:// or ssl:// with a host");
            }
        } catch (URISyntaxException e) {
            throw new InvalidInputException("broker_url", "'" + url + "' is not a broker URL; use tcp://host:1883 (or mqtt://) or, with"
                    + " TLS, ssl://host:8883 (or mqtts://)");
        }
        return normal;
    }
}
