package org.gridcharge.capacity.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import org.gridcharge.audit.boundary.AuditService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridcharge.allocation.CapacityPeriod;
import org.gridcharge.allocation.CapacityTimeline;
import org.gridcharge.capacity.control.MeterControl;
import org.gridcharge.capacity.entity.CapacityProfile;
import org.gridcharge.capacity.entity.GroupMeter;
import org.gridcharge.capacity.entity.ProfileType;
import org.gridcharge.capacity.entity.StoredPeriod;
import org.gridcharge.capacity.entity.StoredWeeklyRule;
import org.gridcharge.allocation.WeeklyCapacity;
import java.time.ZoneId;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.group.entity.CapacityUpdateMethod;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;

/**
 * A group's capacity profile: set by its CPO or by a capacity provider it is granted to. A new
 * profile replaces the old one entirely, however much shorter it is.
 */
@Stateless
public class CapacityProfileService {

    private static final int BATCH = 1000;

    @PersistenceContext
    EntityManager em;

    @EJB
    AuditService audit;

    @Resource(lookup = "jdbc/gridcharge")
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    Event<CapacityChanged> changes;

    @EJB
    GroupService groups;

    public CapacityProfile replace(Caller caller, String groupId, ProfileDraft draft) {
        return replace(caller, locked(caller, groupId), draft);
    }

    /**
     * Replaces the group's profile with the draft's periods, or removes it when the draft has none (a group without a
     * profile is no error then), and answers the periods as stored: one check of the caller, one transaction.
     */
    public List<CapacityPeriod> replacePeriods(Caller caller, String groupId, ProfileDraft draft) {
        SmartChargingGroup group = locked(caller, groupId);
        if (draft != null && draft.periods() != null && draft.periods().isEmpty()) {
            CapacityProfile head = em.find(CapacityProfile.class, group.groupId());
            if (head != null) {
                remove(caller, group, head);
            }
            return List.of();
        }
        replace(caller, group, draft);
        return periodsOf(group.groupId());
    }

    /** The periods of the group's profile in order; none if it has no profile. */
    public List<CapacityPeriod> periods(Caller caller, String groupId) {
        return periodsOf(groups.get(caller, groupId).groupId());
    }

    private List<CapacityPeriod> periodsOf(String groupId) {
        return em.createNamedQuery("StoredPeriod.findByGroup", StoredPeriod.class).setParameter("groupId", groupId).getResultList()
                .stream().map(StoredPeriod::toPeriod).toList();
    }

    /** A profile set or removed other than by a file: a file with the last file's content changes it again. */
    private void forgetLastFile(String groupId) {
        org.gridcharge.capacity.entity.CapacityFileSource source = em.find(org.gridcharge.capacity.entity.CapacityFileSource.class, groupId);
        if (source != null) {
            source.profileChangedElsewhere();
        }
    }

    private CapacityProfile replace(Caller caller, SmartChargingGroup group, ProfileDraft draft) {
        if (draft == null) {
            throw new InvalidInputException("body", "a JSON object {\"type\", \"periods\"} is required");
        }
        if (group.capacityUpdateMethod() != CapacityUpdateMethod.API) {
            throw new ConflictException("group '" + group.groupId() + "' has capacity_update_method " + group.capacityUpdateMethod()
                    + " (" + describe(group.capacityUpdateMethod()) + "); set it to API to use capacity profiles");
        }
        requireManaged(group);
        ProfileType type = ProfileType.parse(draft.type());
        List<CapacityPeriod> periods = group.capacityUnit() == CapacityUnit.W
                ? ProfileRules.check(draft.periods(), CapacityUnit.W.maxCapacity(), "watts")
                : ProfileRules.check(draft.periods());

        forgetLastFile(group.groupId());
        return store(caller, group, type, periods, "");
    }

    /**
     * Replaces the profile of a group in {@code FILE} mode with a file's periods, checked by the caller against the same
     * rules; the audit record names the file ({@code source}).
     */
    public CapacityProfile replaceFromFile(SmartChargingGroup group, ProfileType type, List<CapacityPeriod> periods, String source) {
        return store(Caller.platformAdmin("capacity-file"), group, type, periods, " from " + source);
    }

    private CapacityProfile store(Caller caller, SmartChargingGroup group, ProfileType type, List<CapacityPeriod> periods, String source) {
        em.createNamedQuery("StoredPeriod.deleteByGroup").setParameter("groupId", group.groupId()).executeUpdate();
        CapacityProfile head = em.find(CapacityProfile.class, group.groupId());
        if (head == null) {
            head = new CapacityProfile(group.groupId());
            em.persist(head);
        }
        head.replaced(type, periods.size(), periods.get(0).start(), periods.get(periods.size() - 1).end(), clock.instant(),
                caller.subject());
        em.flush();
        insert(group.groupId(), periods);
        audit.record(caller, "capacity_profile.replaced", group.groupId(), group.cpoId(), type.apiName() + ", " + periods.size()
                + " period(s) from " + periods.get(0).start() + " to " + periods.get(periods.size() - 1).end() + source);
        changes.fire(new CapacityChanged(group.groupId()));
        return head;
    }

    public StoredProfile get(Caller caller, String groupId) {
        SmartChargingGroup group = groups.get(caller, groupId);
        CapacityProfile head = em.find(CapacityProfile.class, group.groupId());
        if (head == null) {
            throw new NotFoundException("capacity profile of group", groupId);
        }
        return new StoredProfile(head, periodsOf(group.groupId()));
    }

    public void delete(Caller caller, String groupId) {
        SmartChargingGroup group = locked(caller, groupId);
        CapacityProfile head = em.find(CapacityProfile.class, group.groupId());
        if (head == null) {
            throw new NotFoundException("capacity profile of group", groupId);
        }
        remove(caller, group, head);
    }

    private void remove(Caller caller, SmartChargingGroup group, CapacityProfile head) {
        // the periods go with the head (ON DELETE CASCADE), in one statement that locks the period table before any of
        // its rows: deleting the rows first and the head after made Derby ask for the table lock while holding row locks,
        // and an allocation reading the periods at that moment deadlocked with it (found when capacity changes started
        // to allocate at once)
        em.remove(head);
        em.flush();
        forgetLastFile(group.groupId());
        audit.record(caller, "capacity_profile.deleted", group.groupId(), group.cpoId(), "the default capacity applies again");
        changes.fire(new CapacityChanged(group.groupId()));
    }

    /**
     * The group's capacity over [from, to): its profile's periods where they apply, its weekly rules where no
     * period applies, its default capacity elsewhere.
     */
    public CapacityTimeline timeline(SmartChargingGroup group, Instant from, Instant to) {
        if (group.capacityUpdateMethod() == CapacityUpdateMethod.EXTERNALMETER) {
            return meterTimeline(group, em.find(GroupMeter.class, group.groupId()), from, to);
        }
        List<CapacityPeriod> periods = em.createNamedQuery("StoredPeriod.findByGroupBetween", StoredPeriod.class)
                .setParameter("groupId", group.groupId()).setParameter("from", from).setParameter("to", to)
                .getResultList().stream().map(StoredPeriod::toPeriod).toList();
        WeeklyCapacity weekly = weeklyOf(group.groupId());
        return CapacityTimeline.layered(periods, weekly == null ? List.of() : weekly.periods(from, to), group.defaultCapacity());
    }

    private static String describe(CapacityUpdateMethod method) {
        return switch (method) {
            case DEFAULT -> "its default capacity only";
            case PARENTGROUP -> "no capacity of its own: its parent group's only";
            case EXTERNALMETER -> "its site meter's";
            case FILE -> "a profile replaced by capacity files only";
            case API -> "capacity scenarios set through the API";
        };
    }

    /** Replaces the group's weekly rules; an empty list removes them. */
    public WeeklyCapacity replaceWeekly(Caller caller, String groupId, WeeklyDraft draft) {
        SmartChargingGroup group = locked(caller, groupId);
        WeeklyCapacity weekly = group.capacityUnit() == CapacityUnit.W ? WeeklyRules.check(draft, CapacityUnit.W.maxCapacity(), "W")
                : WeeklyRules.check(draft);
        if (!weekly.rules().isEmpty()) {
            requireManaged(group);
        }
        if (!weekly.rules().isEmpty() && group.capacityUpdateMethod() != CapacityUpdateMethod.API) {
            throw new ConflictException("group '" + group.groupId() + "' has capacity_update_method " + group.capacityUpdateMethod()
                    + " (" + describe(group.capacityUpdateMethod()) + "); set it to API to use weekly capacity");
        }
        em.createNamedQuery("StoredWeeklyRule.deleteByGroup").setParameter("groupId", group.groupId()).executeUpdate();
        for (int i = 0; i < weekly.rules().size(); i++) {
            em.persist(new StoredWeeklyRule(group.groupId(), i, weekly.zone().getId(), weekly.rules().get(i)));
        }
        audit.record(caller, weekly.rules().isEmpty() ? "weekly_capacity.deleted" : "weekly_capacity.replaced", group.groupId(),
                group.cpoId(), weekly.rules().size() + " weekly rule(s) in " + weekly.zone().getId());
        changes.fire(new CapacityChanged(group.groupId()));
        return weekly;
    }

    /**
     * The group, its row locked until the transaction ends: replacing a profile or weekly rules deletes and
     * re-inserts rows, and two replacements of the same group at once would otherwise both insert (found by
     * the REST benchmark: concurrent PUTs failed with duplicate keys after waiting for each other's locks).
     */
    private SmartChargingGroup locked(Caller caller, String groupId) {
        SmartChargingGroup group = groups.get(caller, groupId);
        em.lock(group, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return group;
    }

    private static void requireManaged(SmartChargingGroup group) {
        if (group.algorithm() == Algorithm.NONE) {
            throw new ConflictException("group '" + group.groupId() + "' has the algorithm none: its charging is not managed, so a"
                    + " capacity would not be kept; choose an algorithm first");
        }
    }

    /** Removes the group's weekly rules; 404 if it has none. */
    public void deleteWeekly(Caller caller, String groupId) {
        WeeklyCapacity weekly = weekly(caller, groupId);
        if (weekly == null) {
            throw new NotFoundException("weekly capacity of group", groupId);
        }
        replaceWeekly(caller, groupId, new WeeklyDraft(weekly.zone().getId(), List.of()));
    }

    /** The group's weekly rules (in day and time order), or null if it has none. */
    public WeeklyCapacity weekly(Caller caller, String groupId) {
        return weeklyOf(groups.get(caller, groupId).groupId());
    }

    private WeeklyCapacity weeklyOf(String groupId) {
        List<StoredWeeklyRule> stored = em.createNamedQuery("StoredWeeklyRule.findByGroup", StoredWeeklyRule.class)
                .setParameter("groupId", groupId).getResultList();
        if (stored.isEmpty()) {
            return null;
        }
        return new WeeklyCapacity(ZoneId.of(stored.get(0).timeZone()), stored.stream().map(StoredWeeklyRule::toRule).toList());
    }

    /**
     * {@link #timeline} of many groups (a grid tree's) in three queries rather than two per group, by group id.
     */
    public Map<String, CapacityTimeline> timelines(List<SmartChargingGroup> groups, Instant from, Instant to) {
        List<String> ids = groups.stream().map(SmartChargingGroup::groupId).toList();
        Map<String, List<CapacityPeriod>> periods = new HashMap<>();
        for (StoredPeriod stored : em.createNamedQuery("StoredPeriod.findByGroupsBetween", StoredPeriod.class).setParameter("groupIds", ids)
                .setParameter("from", from).setParameter("to", to).getResultList()) {
            periods.computeIfAbsent(stored.groupId(), id -> new ArrayList<>()).add(stored.toPeriod());
        }
        Map<String, List<StoredWeeklyRule>> rules = new HashMap<>();
        for (StoredWeeklyRule stored : em.createNamedQuery("StoredWeeklyRule.findByGroups", StoredWeeklyRule.class)
                .setParameter("groupIds", ids).getResultList()) {
            rules.computeIfAbsent(stored.groupId(), id -> new ArrayList<>()).add(stored);
        }
        Map<String, CapacityTimeline> timelines = new HashMap<>();
        Map<String, GroupMeter> meters = metersOf(groups);
        for (SmartChargingGroup group : groups) {
            if (group.capacityUpdateMethod() == CapacityUpdateMethod.EXTERNALMETER) {
                timelines.put(group.groupId(), meterTimeline(group, meters.get(group.groupId()), from, to));
                continue;
            }
            List<StoredWeeklyRule> stored = rules.getOrDefault(group.groupId(), List.of());
            WeeklyCapacity weekly = stored.isEmpty() ? null
                    : new WeeklyCapacity(ZoneId.of(stored.get(0).timeZone()), stored.stream().map(StoredWeeklyRule::toRule).toList());
            timelines.put(group.groupId(), CapacityTimeline.layered(periods.getOrDefault(group.groupId(), List.of()),
                    weekly == null ? List.of() : weekly.periods(from, to), group.defaultCapacity()));
        }
        return timelines;
    }

    /**
     * A metered group's capacity: what its meter gives now, and its fallback from when the meter would turn stale. A
     * group whose meter is not set yet has its fallback: its default capacity.
     */
    private static CapacityTimeline meterTimeline(SmartChargingGroup group, GroupMeter meter, Instant from, Instant to) {
        if (meter == null) {
            return CapacityTimeline.constant(group.defaultCapacity());
        }
        return MeterControl.timeline(meter.settings(group.defaultCapacity(), group.capacityUnit().maxCapacity()), meter.state(), from, to);
    }

    private Map<String, GroupMeter> metersOf(List<SmartChargingGroup> groups) {
        List<String> metered = groups.stream().filter(g -> g.capacityUpdateMethod() == CapacityUpdateMethod.EXTERNALMETER)
                .map(SmartChargingGroup::groupId).toList();
        Map<String, GroupMeter> meters = new HashMap<>();
        if (!metered.isEmpty()) {
            em.createNamedQuery("GroupMeter.findByGroups", GroupMeter.class).setParameter("groupIds", metered).getResultList()
                    .forEach(m -> meters.put(m.groupId(), m));
        }
        return meters;
    }

    /**
     * Where each group's capacity comes from now, by group id: {@code default}, {@code api}, {@code parent_group},
     * {@code meter}, or {@code meter_stale} when its meter is silent (or not set) and the fallback applies.
     */
    public Map<String, String> sourcesOf(List<SmartChargingGroup> groups, Instant now) {
        Map<String, GroupMeter> meters = metersOf(groups);
        Map<String, String> sources = new HashMap<>();
        for (SmartChargingGroup group : groups) {
            String source = switch (group.capacityUpdateMethod()) {
                case DEFAULT -> "default";
                case API -> "api";
                case PARENTGROUP -> "parent_group";
                case FILE -> "file";
                case EXTERNALMETER -> {
                    GroupMeter meter = meters.get(group.groupId());
                    yield meter != null && !MeterControl.stale(meter.settings(group.defaultCapacity(), group.capacityUnit().maxCapacity()),
                            meter.state(), now) ? "meter" : "meter_stale";
                }
            };
            sources.put(group.groupId(), source);
        }
        return sources;
    }

    /** {@link #typeOf} of many groups in one query, by group id. */
    public Map<String, ProfileType> typesOf(List<String> groupIds) {
        Map<String, ProfileType> types = new HashMap<>();
        groupIds.forEach(id -> types.put(id, ProfileType.CAPACITY_LIMIT));
        em.createNamedQuery("CapacityProfile.findByGroups", CapacityProfile.class).setParameter("groupIds", groupIds).getResultList()
                .forEach(p -> types.put(p.groupId(), p.type()));
        return types;
    }

    /** The profile's type, or {@link ProfileType#CAPACITY_LIMIT} when the group has none. */
    public ProfileType typeOf(String groupId) {
        CapacityProfile head = em.find(CapacityProfile.class, groupId);
        return head == null ? ProfileType.CAPACITY_LIMIT : head.type();
    }

    /** Periods go in as JDBC batches: a ten-year profile is tens of thousands of rows. */
    private void insert(String groupId, List<CapacityPeriod> periods) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO capacity_period (group_id, seq, start_at, end_at, capacity_amps) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < periods.size(); i++) {
                CapacityPeriod period = periods.get(i);
                insert.setString(1, groupId);
                insert.setInt(2, i);
                insert.setTimestamp(3, Timestamp.from(period.start()));
                insert.setTimestamp(4, Timestamp.from(period.end()));
                insert.setDouble(5, period.capacity());
                insert.addBatch();
                if ((i + 1) % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the capacity profile of group " + groupId, e);
        }
    }
}
