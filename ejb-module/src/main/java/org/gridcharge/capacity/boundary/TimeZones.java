package org.gridcharge.capacity.boundary;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The time zones weekly capacity can be written in: the IANA region ids and UTC. */
public final class TimeZones {

    /**
     * A time zone as a picker shows it.
     *
     * @param utcOffset the standard offset at the given instant, {@code [-]HH:MM:SS}
     */
    public record Zone(String id, String displayName, String utcOffset, boolean supportsDaylightSavingTime) {
    }

    private TimeZones() {
    }

    /** UTC and every region id ({@code Area/Location}), by id; the legacy {@code Etc/} and {@code SystemV/} aliases are left out. */
    public static List<Zone> all(Instant at) {
        TreeSet<String> ids = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
                ids.add(id);
            }
        }
        ids.add("UTC");
        return ids.stream().map(id -> zone(ZoneId.of(id), at)).toList();
    }

    static Zone zone(ZoneId zone, Instant at) {
        int seconds = zone.getRules().getStandardOffset(at).getTotalSeconds();
        String offset = (seconds < 0 ? "-" : "") + String.format(Locale.ROOT, "%02d:%02d:%02d", Math.abs(seconds) / 3600,
                Math.abs(seconds) % 3600 / 60, Math.abs(seconds) % 60);
        return new Zone(zone.getId(), zone.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " (" + zone.getId() + ")", offset,
                !zone.getRules().getTransitionRules().isEmpty());
    }
}
