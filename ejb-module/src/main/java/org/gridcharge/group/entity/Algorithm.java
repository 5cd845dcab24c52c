package org.gridcharge.group.entity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gridcharge.platform.error.InvalidInputException;

/**
 * The allocation algorithms a smart charging group can use, each with the parameters it accepts.
 * Parameters not given take their default; unknown parameters and out-of-range values are refused.
 */
public enum Algorithm {
    /** Max-min fair water-filling: every session gets the same share, capped at what it can take. */
    EQUAL_SHARE("equal_share", List.of(Parameter.MIN_CURRENT, Parameter.REDISTRIBUTION_MARGIN, Parameter.SESSION_STARTED)),
    /** Sessions are served in the order they started, each up to its maximum. */
    FIRST_COME_FIRST_SERVED("first_come_first_served", List.of(Parameter.MIN_CURRENT, Parameter.REDISTRIBUTION_MARGIN,
            Parameter.SESSION_STARTED)),
    /** Sessions with a priority request first, up to their maximum; the rest share what is left. */
    PRIORITY("priority", List.of(Parameter.MIN_CURRENT, Parameter.REDISTRIBUTION_MARGIN, Parameter.MAX_PRIORITY_SESSIONS,
            Parameter.SESSION_STARTED)),
    /**
     * Departure-aware: a session whose driver said when they leave and how much energy they want (OCPP 2.0.1
     * NotifyEVChargingNeeds, a priority request, or the session API) first gets the current that delivers it by then,
     * the least slack first; all sessions share what is left equally.
     */
    DEADLINE("deadline", List.of(Parameter.MIN_CURRENT, Parameter.REDISTRIBUTION_MARGIN, Parameter.SESSION_STARTED,
            Parameter.DEFAULT_STAY, Parameter.DEFAULT_ENERGY)),
    /**
     * Time of use (the vendor's consumer-configured time-of-use algorithm): each session whose driver said when they leave
     * and how much energy they want charges in the cheapest allowed windows before then (goal minimise_cost) or the earliest
     * (optimise_time), as the group's tariff windows and exclusion times say ({@code .../time-of-use}); a priority request
     * charges now at full rate; sessions that said nothing share what is left outside the exclusion times.
     */
    TIME_OF_USE("time_of_use", List.of(Parameter.MIN_CURRENT, Parameter.REDISTRIBUTION_MARGIN, Parameter.SESSION_STARTED,
            Parameter.DEFAULT_STAY, Parameter.DEFAULT_ENERGY)),
    /**
     * No smart charging: the group's sessions are not limited (each may draw its maximum) and its capacity is not
     * managed; it takes no capacity profiles or weekly rules.
     */
    NONE("none", List.of());

    /** A numeric parameter: its name in the API, its range and its default. */
    public enum Parameter {
        MIN_CURRENT("min_current_amps", 6, 80, 6, false),
        REDISTRIBUTION_MARGIN("redistribution_margin_amps", 0, 32, 1, false),
        MAX_PRIORITY_SESSIONS("max_priority_sessions", 1, 100_000, 100_000, true),
        /** For this many seconds after its start a session charges unthrottled, within the capacity (at most a day). */
        SESSION_STARTED("session_started_seconds", 0, 86_400, 0, true),
        /** A session that gave no departure leaves this many minutes after its start (0: it is not assumed to leave). */
        DEFAULT_STAY("default_stay_minutes", 0, 10_080, 0, true),
        /** A session that gave no energy need wants this much in all (0: it is not assumed to want any amount). */
        DEFAULT_ENERGY("default_energy_kwh", 0, 200, 0, false);

        private final String apiName;
        private final double min;
        private final double max;
        private final double defaultValue;
        private final boolean integral;

        Parameter(String apiName, double min, double max, double defaultValue, boolean integral) {
            this.apiName = apiName;
            this.min = min;
            this.max = max;
            this.defaultValue = defaultValue;
            this.integral = integral;
        }

        public String apiName() {
            return apiName;
        }

        public double defaultValue() {
            return defaultValue;
        }

        double check(String field, Object value) {
            if (!(value instanceof Number number)) {
                throw new InvalidInputException(field, "must be a number, was " + (value == null ? "null" : "'" + value + "'"));
            }
            double v = number.doubleValue();
            if (!Double.isFinite(v) || v < min || v > max) {
                throw new InvalidInputException(field, "must be between " + format(min) + " and " + format(max) + ", was " + number);
            }
            if (integral && v != Math.rint(v)) {
                throw new InvalidInputException(field, "must be a whole number, was " + number);
            }
            return v;
        }

        private static String format(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }
    }

    private final String apiName;
    private final List<Parameter> parameters;

    Algorithm(String apiName, List<Parameter> parameters) {
        this.apiName = apiName;
        this.parameters = parameters;
    }

    public String apiName() {
        return apiName;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public static Algorithm parse(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("algorithm.name", "is required; use one of " + names());
        }
        for (Algorithm algorithm : values()) {
            if (algorithm.apiName.equals(name)) {
                return algorithm;
            }
        }
        throw new InvalidInputException("algorithm.name", "'" + name + "' is unknown; use one of " + names());
    }

    /**
     * Checks the given parameters against this algorithm and returns the complete set, defaults
     * filled in, in the algorithm's parameter order.
     */
    public Map<String, Double> resolve(Map<String, ?> given) {
        Map<String, ?> input = given == null ? Map.of() : given;
        for (String key : input.keySet()) {
            if (parameters.stream().noneMatch(p -> p.apiName.equals(key))) {
                throw new InvalidInputException("algorithm.parameters." + key, "is not a parameter of " + apiName + "; it accepts "
                        + parameters.stream().map(Parameter::apiName).collect(Collectors.joining(", ")));
            }
        }
        Map<String, Double> resolved = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            Object value = input.get(p.apiName);
            resolved.put(p.apiName, value == null ? p.defaultValue : p.check("algorithm.parameters." + p.apiName, value));
        }
        return resolved;
    }

    private static String names() {
        return java.util.Arrays.stream(values()).map(Algorithm::apiName).collect(Collectors.joining(", "));
    }
}
