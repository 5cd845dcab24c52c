package org.gridcharge.group.entity;

import org.gridcharge.platform.error.InvalidInputException;

/**
 * Where a group's capacity comes from: its default capacity only ({@code DEFAULT}), the default
 * plus capacity profiles (datetime scenarios) set through the API ({@code API}), or its parent group alone
 * ({@code PARENTGROUP}: no limit of its own, it takes what its parent gives it), or a site meter's readings
 * ({@code EXTERNALMETER}: the connection's capacity less the other load the meter sees, with the default capacity as
 * the most assumed while the meter is silent), or capacity files ({@code FILE}: a profile replaced by each file dropped
 * into the inbox or fetched on a schedule).
 */
public enum CapacityUpdateMethod {
    DEFAULT,
    API,
    PARENTGROUP,
    EXTERNALMETER,
    FILE;

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
        throw new InvalidInputException(field, "'" + name + "' is unknown; use DEFAULT (the default capacity only), API (capacity"
                + " scenarios set through the API), PARENTGROUP (the parent group's capacity only), EXTERNALMETER (a site meter's"
                + " readings) or FILE (capacity files, dropped in or fetched)");
    }
}
