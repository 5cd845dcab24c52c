package org.gridcharge.ocpp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.gridcharge.allocation.Plan;
import org.gridcharge.ocpp.message.ChargingProfile;
import org.gridcharge.ocpp.message.ChargingProfilePurpose;
import org.gridcharge.ocpp.message.ChargingRateUnit;
import org.gridcharge.ocpp.message.ChargingSchedule;
import org.gridcharge.ocpp.message.SchedulePeriod;
import org.gridcharge.ocpp.message.SetChargingProfile;

/**
 * The SetChargingProfile requests the platform sends, for OCPP 1.6 and 2.0.1. Each EVSE gets its
 * planned limits as an absolute schedule at stack level 1: a TxProfile while a session runs, a
 * TxDefaultProfile otherwise. Beneath them, at stack level 0 for the whole station, a failsafe
 * TxDefaultProfile without end: when the planned schedules run out because the station lost the
 * platform for longer than the planning horizon, the station falls back to it.
 */
public final class ChargingProfiles {

    /** The profile id of the station-wide failsafe. */
    public static final int FAILSAFE_ID = 1;
    private static final int DEFAULT_ID_BASE = 1000;
    private static final int TX_ID_BASE = 2000;

    private ChargingProfiles() {
    }

    /** What an EVSE was told: its schedule, and whether it was for a transaction. */
    public record Limits(String transactionId, List<Plan.LimitPeriod> schedule) {

        public double highest() {
            return schedule.stream().mapToDouble(Plan.LimitPeriod::limit).max().orElse(0);
        }

        /**
         * True if sending {@code next} would tell the station nothing new: same transaction, and at
         * every instant of the new schedule the old one was at most the new limit and less than
         * {@code deadbandAmps} below it (and still reaches at least half as far). An old limit above
         * the new one is always replaced, however small the difference: the group's capacity is kept
         * to the deciampere.
         */
        public boolean covers(Limits next, double deadbandAmps) {
            if (!java.util.Objects.equals(transactionId, next.transactionId) || schedule.isEmpty() || next.schedule.isEmpty()) {
                return false;
            }
            Instant newStart = next.schedule.get(0).start();
            Instant newEnd = next.schedule.get(next.schedule.size() - 1).end();
            Instant oldEnd = schedule.get(schedule.size() - 1).end();
            if (oldEnd.isBefore(newStart.plus(Duration.between(newStart, newEnd).dividedBy(2)))) {
                return false;
            }
            for (Plan.LimitPeriod period : next.schedule) {
                for (Plan.LimitPeriod old : schedule) {
                    boolean overlap = old.start().isBefore(period.end()) && period.start().isBefore(old.end());
                    if (overlap && (old.limit() > period.limit() + 1e-9
                            || period.limit() - old.limit() > deadbandAmps)) {
                        return false;
                    }
                }
                if (period.start().isBefore(schedule.get(0).start()) || period.start().isAfter(oldEnd)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The SetChargingProfile for one EVSE's planned limits, in amperes per phase. */
    public static SetChargingProfile forEvse(OcppVersion version, int connectorId, int phases, Limits limits) {
        return forEvse(version, connectorId, phases, ChargingRateUnit.A, limits);
    }

    /** The SetChargingProfile for one EVSE's planned limits in {@code unit}: A (per phase) or W (a DC charger). */
    public static SetChargingProfile forEvse(OcppVersion version, int connectorId, int phases, ChargingRateUnit unit, Limits limits) {
        List<Plan.LimitPeriod> schedule = limits.schedule();
        Instant start = schedule.get(0).start().truncatedTo(ChronoUnit.SECONDS);
        Instant end = schedule.get(schedule.size() - 1).end();
        // OCPP counts whole seconds: a limit that falls starts at its second (early), one that rises at the next (late);
        // two changes within one second keep the lower limit.
        List<long[]> steps = new java.util.ArrayList<>(); // {offset seconds, limit in deciamperes}
        for (Plan.LimitPeriod period : schedule) {
            Duration since = Duration.between(start, period.start());
            long limit = amps(period.limit()).movePointRight(1).longValueExact();
            long[] last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            long offset = Math.max(0, since.getSeconds() + (last != null && limit > last[1] && since.getNano() > 0 ? 1 : 0));
            if (last != null && offset <= last[0]) {
                last[1] = Math.min(last[1], limit);
            } else {
                steps.add(new long[] {offset, limit});
            }
        }
        // the phases say how the limit per phase adds up; a limit in watts is the EVSE's whole power
        Integer numberPhases = unit == ChargingRateUnit.A ? (phases == 1 ? 1 : 3) : null;
        List<SchedulePeriod> periods = new java.util.ArrayList<>();
        for (long[] step : steps) {
            periods.add(new SchedulePeriod(step[0], BigDecimal.valueOf(step[1], 1), numberPhases));
        }
        long duration = Duration.between(start, end).plusMillis(999).getSeconds();
        boolean tx = limits.transactionId() != null && (version == OcppVersion.V201 || isInteger(limits.transactionId()));
        int id = (tx ? TX_ID_BASE : DEFAULT_ID_BASE) + connectorId;
        ChargingSchedule chargingSchedule = new ChargingSchedule(start, duration > 0 ? duration : null, unit, periods);
        return new SetChargingProfile(connectorId, new ChargingProfile(id, stackLevel(version, connectorId),
                tx ? ChargingProfilePurpose.TxProfile : ChargingProfilePurpose.TxDefaultProfile, tx ? limits.transactionId() : null,
                chargingSchedule));
    }

    /**
     * The stack level of an EVSE's planned profile. OCPP 1.6 §3.13.2 says a profile with the same stackLevel and
     * purpose as an existing one replaces it, without saying "on the same connector"; a station that reads it
     * literally would keep one connector's schedule only. So each connector's profiles get their own level (its
     * connector id, above the failsafe's 0), which every reading of the rule keeps apart. OCPP 2.0.1 scopes the rule
     * to the EVSE (K01.FR.06): level 1 there.
     */
    static int stackLevel(OcppVersion version, int connectorId) {
        return version == OcppVersion.V16 ? Math.max(1, connectorId) : 1;
    }

    /** The station-wide failsafe: {@code amps} per connector, from now on, without end, beneath every planned schedule. */
    public static SetChargingProfile failsafe(double amps, Instant now) {
        return failsafe(amps, ChargingRateUnit.A, now);
    }

    /** The station-wide failsafe in {@code unit} (A per phase, or W for a station of DC chargers). */
    public static SetChargingProfile failsafe(double limit, ChargingRateUnit unit, Instant now) {
        ChargingSchedule schedule = new ChargingSchedule(now.truncatedTo(ChronoUnit.SECONDS), null, unit,
                List.of(new SchedulePeriod(0, amps(limit), null)));
        return new SetChargingProfile(0, new ChargingProfile(FAILSAFE_ID, 0, ChargingProfilePurpose.TxDefaultProfile, null, schedule));
    }

    /** Amperes with one decimal (OCPP 1.6 requires multiples of 0.1), rounded down so a limit never grows. */
    static BigDecimal amps(double amps) {
        return BigDecimal.valueOf(amps).setScale(1, RoundingMode.FLOOR);
    }

    private static boolean isInteger(String value) {
        try {
            Integer.parseInt(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
