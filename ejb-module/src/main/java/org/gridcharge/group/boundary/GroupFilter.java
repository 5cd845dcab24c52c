package org.gridcharge.group.boundary;

import java.util.List;

/**
 * A list of groups as a client asks for it: filters (each absent when null or empty), sort keys applied in the order
 * given, and a page. Groups that tie on every key come in group id order, so pages never overlap.
 */
public record GroupFilter(String namePrefix, List<String> cpoIds, Management management, List<Sort> sort, int offset, int limit) {

    /** The most groups one page holds. */
    public static final int MAX_LIMIT = 10_000;

    public enum Key { ID, NAME, CPO_ID, MANAGEMENT }

    public record Sort(Key key, boolean descending) {
    }

    public GroupFilter {
        cpoIds = cpoIds == null ? List.of() : List.copyOf(cpoIds);
        sort = sort == null ? List.of() : List.copyOf(sort);
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            // callers parse offset and limit with their own messages; this guards against a programming error
            throw new IllegalArgumentException("offset " + offset + " and limit " + limit + " out of range");
        }
    }
}
