package org.gridcharge.capacity.boundary;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.allocation.WeeklyCapacity;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.PayloadTooLargeException;
import org.gridcharge.platform.time.TimeSpans;

/** Checks weekly capacity rules and names the offending field. */
public final class WeeklyRules {

    public static final int MAX_RULES = 1_000;
    private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})");

    private WeeklyRules() {
    }

    public static WeeklyCapacity check(WeeklyDraft draft) {
        return check(draft, CapacityUnit.A.maxCapacity(), "A per phase");
    }

    /** The same rules for a group counted in another unit (watts), up to {@code maxCapacity}. */
    public static WeeklyCapacity check(WeeklyDraft draft, double maxCapacity, String unitName) {
        if (draft == null) {
            throw new InvalidInputException("body", "a JSON object {\"time_zone\", \"scenarios\"} is required");
        }
        ZoneId zone = zone(draft.timeZone());
        List<WeeklyDraft.Scenario> scenarios = draft.scenarios() == null ? List.of() : draft.scenarios();
        if (scenarios.size() > MAX_RULES) {
            throw new PayloadTooLargeException("at most " + MAX_RULES + " weekly scenarios, got " + scenarios.size());
        }
        List<WeeklyCapacity.Rule> rules = new ArrayList<>(scenarios.size());
        for (int i = 0; i < scenarios.size(); i++) {
            String field = "scenarios[" + i + "]";
            WeeklyDraft.Scenario s = scenarios.get(i);
            if (s == null) {
                throw new InvalidInputException(field, "must be an object {\"day_of_week\", \"start_time\", \"end_time\", \"capacity\"}");
            }
            DayOfWeek day = day(field + ".day_of_week", s.dayOfWeek());
            int start = seconds(field + ".start_time", s.startTime(), false);
            int end = seconds(field + ".end_time", s.endTime(), true);
            if (end - start < 60) {
                throw new InvalidInputException(field + ".end_time", "must be at least one minute after start_time (" + s.startTime()
                        + "); a rule ends on its own day, at 24:00:00 at the latest");
            }
            if (s.capacity() == null || !Double.isFinite(s.capacity()) || s.capacity() < 0
                    || s.capacity() > maxCapacity) {
                throw new InvalidInputException(field + ".capacity", "must be between 0 and " + (long) maxCapacity + " " + unitName
                        + ", was " + s.capacity());
            }
            WeeklyCapacity.Rule rule = new WeeklyCapacity.Rule(day, start, end, s.capacity());
            for (int j = 0; j < rules.size(); j++) {
                WeeklyCapacity.Rule other = rules.get(j);
                if (other.day() == day && start < other.endSecond() && other.startSecond() < end) {
                    throw new InvalidInputException(field, "overlaps scenarios[" + j + "] on " + day);
                }
            }
            rules.add(rule);
        }
        return new WeeklyCapacity(zone, rules);
    }

    /** The IANA time zone named, or a 400 naming time_zone. */
    public static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("time_zone", "is required: an IANA time zone such as Europe/Amsterdam");
        }
        try {
            ZoneId zone = ZoneId.of(id);
            if (!(zone instanceof ZoneOffset)) {
                return zone;
            }
        } catch (DateTimeException e) {
            // falls through
        }
        throw new InvalidInputException("time_zone", "'" + id + "' is not an IANA time zone (such as Europe/Amsterdam); see"
                + " GET capacitygroups/timezones");
    }

    /** The day of week named (SUNDAY … SATURDAY), or a 400 naming the field. */
    public static DayOfWeek day(String field, String value) {
        if (value != null) {
            try {
                return DayOfWeek.valueOf(value);
            } catch (IllegalArgumentException e) {
                // falls through
            }
        }
        throw new InvalidInputException(field, "must be one of SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, was "
                + (value == null ? "missing" : "'" + value + "'"));
    }

    /** A local time HH:MM:SS as seconds after midnight (an end may be 24:00:00), or a 400 naming the field. */
    public static int seconds(String field, String value, boolean end) {
        Matcher m = value == null ? null : TIME.matcher(value);
        if (m != null && m.matches()) {
            int h = Integer.parseInt(m.group(1));
            int min = Integer.parseInt(m.group(2));
            int s = Integer.parseInt(m.group(3));
            if (end && h == 24 && min == 0 && s == 0) {
                return WeeklyCapacity.END_OF_DAY;
            }
            if (h < 24 && min < 60 && s < 60) {
                if (s != 0) {
                    throw new InvalidInputException(field, "must be a whole minute (the smallest interval is one minute), was '" + value + "'");
                }
                return h * 3600 + min * 60;
            }
        }
        throw new InvalidInputException(field, "must be a local time HH:MM:SS" + (end ? " up to 24:00:00" : "") + ", was "
                + (value == null ? "missing" : "'" + value + "'"));
    }

    /** A rule's time as HH:MM:SS (24:00:00 for the end of the day). */
    public static String format(int secondOfDay) {
        return TimeSpans.format(secondOfDay);
    }
}
