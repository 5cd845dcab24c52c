package org.gridcharge.tariff.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.gridcharge.allocation.TimeOfUse;
import org.gridcharge.allocation.WeeklyCapacity;
import org.gridcharge.audit.boundary.AuditService;
import org.gridcharge.capacity.boundary.CapacityChanged;
import org.gridcharge.capacity.boundary.WeeklyRules;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.error.PayloadTooLargeException;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.tariff.entity.TimeOfUseSettings;

/**
 * A group's time-of-use settings (the algorithm {@code time_of_use}): its tariff windows, exclusion times and goal. Set by
 * the group's CPO or a capacity provider it is granted to; the group's allocation runs again at once.
 */
@Stateless
public class TimeOfUseService {

    /** At most this many tariff windows and exclusion times together. */
    public static final int MAX_WINDOWS = 300;
    /** The highest price per kWh taken (a price above it is a typing error, e.g. cents for euros). */
    public static final double MAX_PRICE = 1_000;

    @PersistenceContext
    EntityManager em;

    @EJB
    GroupService groups;

    @EJB
    AuditService audit;

    @Inject
    Event<CapacityChanged> changes;

    /** Replaces the group's settings with the draft's. */
    public TimeOfUse replace(Caller caller, String groupId, TimeOfUseDraft draft) {
        SmartChargingGroup group = groups.get(caller, groupId);
        em.lock(group, LockModeType.PESSIMISTIC_WRITE);
        TimeOfUse settings = check(draft);
        TimeOfUseSettings stored = em.find(TimeOfUseSettings.class, group.groupId());
        if (stored == null) {
            em.persist(new TimeOfUseSettings(group.groupId(), settings));
        } else {
            stored.replace(settings);
        }
        audit.record(caller, "time_of_use.replaced", group.groupId(), group.cpoId(), settings.prices().rules().size()
                + " tariff window(s), " + settings.exclusions().rules().size() + " exclusion time(s) in " + settings.prices().zone().getId()
                + ", goal " + settings.goal());
        changes.fire(new CapacityChanged(group.groupId()));
        return settings;
    }

    /** The group's settings; 404 if it has none. */
    public TimeOfUse get(Caller caller, String groupId) {
        TimeOfUse settings = of(groups.get(caller, groupId).groupId());
        if (settings == null) {
            throw new NotFoundException("time-of-use settings of group", groupId);
        }
        return settings;
    }

    /** Removes the group's settings; 404 if it has none. Under time_of_use it then plans every need as early as it can. */
    public void delete(Caller caller, String groupId) {
        SmartChargingGroup group = groups.get(caller, groupId);
        em.lock(group, LockModeType.PESSIMISTIC_WRITE);
        TimeOfUseSettings stored = em.find(TimeOfUseSettings.class, group.groupId());
        if (stored == null) {
            throw new NotFoundException("time-of-use settings of group", groupId);
        }
        em.remove(stored);
        audit.record(caller, "time_of_use.deleted", group.groupId(), group.cpoId(), "time-of-use settings removed");
        changes.fire(new CapacityChanged(group.groupId()));
    }

    /** The group's settings as the allocation reads them, or null if it has none. */
    public TimeOfUse of(String groupId) {
        TimeOfUseSettings stored = em.find(TimeOfUseSettings.class, groupId);
        return stored == null ? null : stored.toTimeOfUse();
    }

    /** The draft as settings, or a 400 naming the first bad field. */
    static TimeOfUse check(TimeOfUseDraft draft) {
        if (draft == null) {
            throw new InvalidInputException("body", "a JSON object {\"time_zone\", \"goal\", \"default_price_per_kwh\", \"tariff\","
                    + " \"exclusions\"} is required");
        }
        ZoneId zone = WeeklyRules.zone(draft.timeZone());
        TimeOfUse.Goal goal = goal(draft.goal());
        double defaultPrice = draft.defaultPricePerKwh() == null ? 0 : price("default_price_per_kwh", draft.defaultPricePerKwh());
        List<TimeOfUseDraft.Window> tariff = draft.tariff() == null ? List.of() : draft.tariff();
        List<TimeOfUseDraft.Exclusion> exclusions = draft.exclusions() == null ? List.of() : draft.exclusions();
        if (tariff.size() + exclusions.size() > MAX_WINDOWS) {
            throw new PayloadTooLargeException("at most " + MAX_WINDOWS + " tariff windows and exclusion times together, got "
                    + (tariff.size() + exclusions.size()));
        }
        List<WeeklyCapacity.Rule> prices = new ArrayList<>();
        for (int i = 0; i < tariff.size(); i++) {
            TimeOfUseDraft.Window w = tariff.get(i);
            String field = "tariff[" + i + "]";
            if (w == null) {
                throw new InvalidInputException(field, "must be an object {\"day_of_week\", \"start_time\", \"end_time\", \"price_per_kwh\"}");
            }
            prices.add(rule(field, w.dayOfWeek(), w.startTime(), w.endTime(), price(field + ".price_per_kwh", w.pricePerKwh()), prices,
                    "tariff"));
        }
        List<WeeklyCapacity.Rule> excluded = new ArrayList<>();
        for (int i = 0; i < exclusions.size(); i++) {
            TimeOfUseDraft.Exclusion e = exclusions.get(i);
            String field = "exclusions[" + i + "]";
            if (e == null) {
                throw new InvalidInputException(field, "must be an object {\"day_of_week\", \"start_time\", \"end_time\"}");
            }
            excluded.add(rule(field, e.dayOfWeek(), e.startTime(), e.endTime(), 0, excluded, "exclusions"));
        }
        return new TimeOfUse(goal, defaultPrice, new WeeklyCapacity(zone, prices), new WeeklyCapacity(zone, excluded));
    }

    private static WeeklyCapacity.Rule rule(String field, String day, String start, String end, double value,
                                            List<WeeklyCapacity.Rule> earlier, String list) {
        DayOfWeek dayOfWeek = WeeklyRules.day(field + ".day_of_week", day);
        int from = WeeklyRules.seconds(field + ".start_time", start, false);
        int to = WeeklyRules.seconds(field + ".end_time", end, true);
        if (to - from < 60) {
            throw new InvalidInputException(field + ".end_time", "must be at least one minute after start_time (" + start
                    + "); a window ends on its own day, at 24:00:00 at the latest (one across midnight is two windows)");
        }
        for (int j = 0; j < earlier.size(); j++) {
            WeeklyCapacity.Rule other = earlier.get(j);
            if (other.day() == dayOfWeek && from < other.endSecond() && other.startSecond() < to) {
                throw new InvalidInputException(field, "overlaps " + list + "[" + j + "] on " + dayOfWeek);
            }
        }
        return new WeeklyCapacity.Rule(dayOfWeek, from, to, value);
    }

    private static TimeOfUse.Goal goal(String goal) {
        if (goal == null) {
            return TimeOfUse.Goal.MINIMISE_COST;
        }
        return switch (goal) {
            case "minimise_cost" -> TimeOfUse.Goal.MINIMISE_COST;
            case "optimise_time" -> TimeOfUse.Goal.OPTIMISE_TIME;
            default -> throw new InvalidInputException("goal", "must be minimise_cost or optimise_time, was '" + goal + "'");
        };
    }

    private static double price(String field, Double price) {
        if (price == null || !Double.isFinite(price) || price < 0 || price > MAX_PRICE) {
            throw new InvalidInputException(field, "must be a price per kWh between 0 and " + (long) MAX_PRICE + ", was " + price);
        }
        return price;
    }

    /** A goal as the API writes it. */
    public static String apiName(TimeOfUse.Goal goal) {
        return goal == TimeOfUse.Goal.MINIMISE_COST ? "minimise_cost" : "optimise_time";
    }
}
