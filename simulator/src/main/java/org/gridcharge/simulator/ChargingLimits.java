package org.gridcharge.simulator;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The charging profiles an OCPP 1.6 station holds and the limit they give a connector at an instant, the way a
 * station works it out: on the connector, the profile of the highest stack level that is in force (a TxProfile over
 * a TxDefaultProfile of the same level); failing that, the station-wide (connector 0) TxDefaultProfile.
 */
final class ChargingLimits {

    /** One absolute profile, as received. */
    record Profile(int id, int connectorId, int stackLevel, String purpose, String unit, Instant start, Long durationSeconds,
                   long[] startPeriods, double[] limits) {

        /** The limit in force at the instant, or null if the profile is not in force then. */
        Double limitAt(Instant at) {
            if (at.isBefore(start) || (durationSeconds != null && !at.isBefore(start.plusSeconds(durationSeconds)))) {
                return null;
            }
            long offset = at.getEpochSecond() - start.getEpochSecond();
            Double limit = null;
            for (int i = 0; i < startPeriods.length && startPeriods[i] <= offset; i++) {
                limit = limits[i];
            }
            return limit;
        }

        static Profile of(int connectorId, JsonObject profile) {
            JsonObject schedule = profile.getJsonObject("chargingSchedule");
            JsonArray periods = schedule.getJsonArray("chargingSchedulePeriod");
            long[] starts = new long[periods.size()];
            double[] limits = new double[periods.size()];
            for (int i = 0; i < periods.size(); i++) {
                starts[i] = periods.getJsonObject(i).getJsonNumber("startPeriod").longValue();
                limits[i] = periods.getJsonObject(i).getJsonNumber("limit").doubleValue();
            }
            JsonNumber duration = schedule.getJsonNumber("duration");
            Instant start = schedule.containsKey("startSchedule") ? Instant.parse(schedule.getString("startSchedule")) : Instant.EPOCH;
            return new Profile(profile.getInt("chargingProfileId"), connectorId, profile.getInt("stackLevel"),
                    profile.getString("chargingProfilePurpose"), schedule.getString("chargingRateUnit"), start,
                    duration == null ? null : duration.longValue(), starts, limits);
        }
    }

    private final Map<Integer, Profile> byId = new ConcurrentHashMap<>();

    void set(Profile profile) {
        // a profile with the same id, or with the same stack level and purpose on the same connector, replaces the old one
        byId.values().removeIf(p -> p.connectorId() == profile.connectorId() && p.stackLevel() == profile.stackLevel()
                && p.purpose().equals(profile.purpose()));
        byId.put(profile.id(), profile);
    }

    /** ClearChargingProfile: by id, or by connector (negative: any) and purpose (null: any). */
    int clear(Integer id, int connectorId, String purpose) {
        List<Integer> removed = new ArrayList<>();
        byId.forEach((key, p) -> {
            if ((id == null || p.id() == id) && (connectorId < 0 || p.connectorId() == connectorId)
                    && (purpose == null || p.purpose().equals(purpose))) {
                removed.add(key);
            }
        });
        removed.forEach(byId::remove);
        return removed.size();
    }

    /** The limit on a connector at the instant (amperes per phase or watts, as sent), or null when no profile is in force. */
    Double limitAt(int connectorId, Instant at) {
        Double own = best(connectorId, at);
        return own != null ? own : best(0, at);
    }

    private Double best(int connectorId, Instant at) {
        Profile best = null;
        Double bestLimit = null;
        for (Profile p : byId.values()) {
            if (p.connectorId() != connectorId) {
                continue;
            }
            Double limit = p.limitAt(at);
            if (limit != null && (best == null || p.stackLevel() > best.stackLevel()
                    || (p.stackLevel() == best.stackLevel() && "TxProfile".equals(p.purpose())))) {
                best = p;
                bestLimit = limit;
            }
        }
        return bestLimit;
    }

    int size() {
        return byId.size();
    }
}
