package org.gridcharge.group.entity;

import java.util.Set;
import org.gridcharge.platform.error.InvalidInputException;

/**
 * Where a group's capacity comes from: its default capacity only ({@code DEFAULT}), the default
 * plus capacity profiles (datetime scenarios) set through the API ({@code API}), or its parent group alone
 * ({@code PARENTGROUP}: no limit of its own, it takes what its parent gives it), or a site meter's readings
 * ({@code EXTERNALMETER}: the connection's capacity less the other load the meter sees, with the default capacity as
 * the most assumed while the meter is silent). The vendor's other method (a file) is not built and is refused by name.
 */
public enum CapacityUpdateMethod {
    DEFAULT,
    API,
    PARENTGROUP,
    EXTERNALMETER;

    private static final Set<String> NOT_BUILT = Set.of("FILE");

    /** The method named, or {@code fallback} when none is named. */
    public static CapacityUpdateMethod parse(String field, String name, CapacityUpdateMethod fallback) {
        if (name == null) {
            return fallback;
        }
        for (CapacityUpdateMethod method : values()) {
            if (method.name().equals(name)) {
                return method;
            }
        }
        if (NOT_BUILT.contains(name)) {
            throw new InvalidInputException(field, "'" + name + "' is not supported by this platform; use DEFAULT (the default capacity"
                    + " only), API (capacity scenarios set through the API), PARENTGROUP (the parent group's capacity only) or"
                    + " EXTERNALMETER (a site meter's readings)");
        }
        throw new InvalidInputException(field, "'" + name + "' is unknown; use DEFAULT, API, PARENTGROUP or EXTERNALMETER");
    }
}
