package org.gridcharge.vendorapi;

import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridcharge.group.boundary.AlgorithmChoice;
import org.gridcharge.group.boundary.GroupFilter;
import org.gridcharge.group.boundary.Management;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.steering.boundary.EvseLevel;
import org.gridcharge.steering.boundary.EvseStatus;
import org.gridcharge.steering.boundary.SmartChargingStatus;

/** The vendor's enumerations and names, and its query conventions: how they map to the platform's. */
final class VendorEnums {

    static final String DEFAULT_ALGORITHM = "CAPACITYMANAGEMENTDEFAULT";
    static final String DC_ALGORITHM = "CAPACITYMANAGEMENTDC";
    static final String NO_ALGORITHM = "NONE";
    static final String TOU_ALGORITHM = "CUSTOMERCONFIGUREDTOUALGORITHM";
    /** The vendor's algorithms are the ways the platform manages a group. */
    private static final Map<String, Management> ALGORITHMS = Map.of(DEFAULT_ALGORITHM, Management.AMPERES, DC_ALGORITHM,
            Management.WATTS, TOU_ALGORITHM, Management.TIME_OF_USE, NO_ALGORITHM, Management.UNMANAGED);

    static final List<String> EVSE_STATUS = Arrays.stream(EvseStatus.values()).map(Enum::name).toList();
    static final List<String> SMART_CHARGING_STATUS = Arrays.stream(SmartChargingStatus.values()).map(Enum::name).toList();
    static final List<String> LEVELS = Arrays.stream(EvseLevel.values()).map(Enum::name).toList();
    static final List<String> DAYS = List.of("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY");
    static final List<String> PHASES = List.of("L1", "L2", "L3");
    static final List<String> ORDER = List.of("ASC", "DESC");

    /** Most items one list answer holds; a longer list takes {@code limit} and {@code offset}. */
    static final int MAX_ITEMS = 10_000;

    private VendorEnums() {
    }

    /** The vendor's algorithm for a way of managing a group. */
    static String algorithm(Management management) {
        return switch (management) {
            case AMPERES -> DEFAULT_ALGORITHM;
            case WATTS -> DC_ALGORITHM;
            case TIME_OF_USE -> TOU_ALGORITHM;
            case UNMANAGED -> NO_ALGORITHM;
        };
    }

    /** The way of managing a group that the vendor's algorithm names; 400 on {@code field} if it names none we have. */
    static Management management(String field, String vendor) {
        Management management = ALGORITHMS.get(vendor);
        if (management != null) {
            return management;
        }
        throw new InvalidInputException(field, "'" + vendor + "' is unknown; use " + DEFAULT_ALGORITHM + ", " + DC_ALGORITHM + ", "
                + TOU_ALGORITHM + " or " + NO_ALGORITHM);
    }

    /** The unit a group managed the vendor's way is counted in (an unmanaged one in amperes). */
    static CapacityUnit unit(Management management) {
        return management == Management.WATTS ? CapacityUnit.W : CapacityUnit.A; // time of use: amperes
    }

    /**
     * The vendor's algorithm as ours. {@code CAPACITYMANAGEMENTDEFAULT} is our {@code priority} algorithm for a new group
     * (equal shares, and priority requests served first); an existing group keeps the variant it has.
     */
    static AlgorithmChoice algorithmChoice(String vendor, SmartChargingGroup current) {
        Management wanted = vendor == null ? null : management("algorithm", vendor);
        if (wanted == Management.UNMANAGED) {
            return new AlgorithmChoice(Algorithm.NONE.apiName(), Map.of());
        }
        boolean timeOfUse = current != null && current.algorithm() == Algorithm.TIME_OF_USE;
        if (wanted == Management.TIME_OF_USE) {
            // its tariff and exclusion times are set through /api/v1 (.../time-of-use); its parameters stay
            return new AlgorithmChoice(Algorithm.TIME_OF_USE.apiName(), timeOfUse ? new LinkedHashMap<>(current.algorithmParameters())
                    : Map.of());
        }
        if (current != null && (wanted == null || current.algorithm() != Algorithm.NONE && !timeOfUse)) {
            return new AlgorithmChoice(current.algorithm().apiName(), new LinkedHashMap<>(current.algorithmParameters()));
        }
        return new AlgorithmChoice(Algorithm.PRIORITY.apiName(), Map.of()); // for DC groups too: equal shares of the watts
    }

    static String algorithmDisplayName(SmartChargingGroup group) {
        return switch (Management.of(group)) {
            case UNMANAGED -> "None (not managed)";
            case WATTS -> "Capacity Management - DC (" + group.algorithm().apiName() + ")";
            case TIME_OF_USE -> "Customer Configured Time of Use (" + group.algorithm().apiName() + ")";
            case AMPERES -> "Capacity Management - Default (" + group.algorithm().apiName() + ")";
        };
    }

    /** The request's JSON object; 400 if there is none. */
    static <T> T requireBody(T body) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON object is required");
        }
        return body;
    }

    static void require(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new InvalidInputException(field, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
    }

    static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required (an ISO-8601 date-time, e.g. 2026-11-25T00:00:00Z)");
        }
        try {
            return org.gridcharge.platform.time.Times.inRange(field, OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 date-time with an offset, e.g. 2026-11-25T00:00:00Z, was '" + value
                    + "'");
        }
    }

    /** {@code date_from} and {@code date_to}, both required, from before to. */
    static Instant[] range(String dateFrom, String dateTo) {
        Instant from = instant("date_from", dateFrom);
        Instant to = instant("date_to", dateTo);
        if (!from.isBefore(to)) {
            throw new InvalidInputException("date_to", "must be after date_from");
        }
        return new Instant[] {from, to};
    }

    /**
     * The vendor leaves {@code limit} open. Here a list answers at most {@value #MAX_ITEMS} items; without a limit it
     * answers every item, and {@link #complete} refuses a list longer than that rather than cut it silently.
     */
    static Page.Request page(String offset, String limit) {
        return Page.Request.of(offset, limit, MAX_ITEMS, MAX_ITEMS);
    }

    /** The page's items; 400 if no limit was asked for and items were left off. */
    static <T> List<T> complete(Page<T> page, String limit) {
        if ((limit == null || limit.isEmpty()) && page.offset() + page.items().size() < page.total()) {
            throw new InvalidInputException("limit", page.total() + " items match, more than one answer holds (" + MAX_ITEMS
                    + "); page with limit and offset");
        }
        return page.items();
    }

    /**
     * Values of a list parameter as the vendor's clients send them: repeated ({@code a=1&a=2}), with brackets
     * ({@code a[]=1}) or comma-joined ({@code a=1,2}). Given but empty, it matches nothing: {@code [""]}.
     */
    static List<String> list(UriInfo uri, String name) {
        Set<String> values = new LinkedHashSet<>();
        boolean given = false;
        for (String key : List.of(name, name + "[]")) {
            given |= uri.getQueryParameters().containsKey(key);
            for (String value : uri.getQueryParameters().getOrDefault(key, List.of())) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.trim());
                    }
                }
            }
        }
        return given && values.isEmpty() ? List.of("") : new ArrayList<>(values);
    }

    /**
     * The {@code order_by_<field>=ASC|DESC} parameters as the platform's sort keys ({@code sort} makes one of a key and
     * whether it is descending), the first given first.
     */
    static <K, S> List<S> sort(UriInfo uri, Map<String, K> byParameter, java.util.function.BiFunction<K, Boolean, S> sort) {
        return sortKeys(uri, byParameter).stream().map(k -> sort.apply(k.getKey(), k.getValue())).toList();
    }

    /** The keys the query names, each with true if it sorts descending, in the order written. */
    private static <K> List<Map.Entry<K, Boolean>> sortKeys(UriInfo uri, Map<String, K> byParameter) {
        List<Map.Entry<K, Boolean>> keys = new ArrayList<>();
        for (String name : queryKeys(uri)) {
            K key = byParameter.get(name);
            if (key != null) {
                String direction = uri.getQueryParameters().getFirst(name);
                require(name, direction, ORDER);
                keys.add(Map.entry(key, "DESC".equals(direction)));
            }
        }
        return keys;
    }

    /** The query's parameter names in the order written. */
    private static List<String> queryKeys(UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        Set<String> keys = new LinkedHashSet<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                keys.add(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8));
            }
        }
        return new ArrayList<>(keys);
    }
}
