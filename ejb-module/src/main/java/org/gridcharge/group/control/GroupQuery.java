package org.gridcharge.group.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridcharge.group.boundary.GroupFilter;
import org.gridcharge.group.boundary.Management;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.tenancy.control.Tenancy;

/**
 * The JPQL for a {@link GroupFilter} over the groups a caller may see: the database filters, counts, sorts and pages,
 * so no list of every group is held in memory. Values go in as parameters; only the sort's fixed ranks are literals.
 */
public record GroupQuery(String select, String count, Map<String, Object> parameters) {

    private static final String FROM = " FROM SmartChargingGroup g";

    /** Which groups the caller sees: every one, those of some CPOs, or those granted to a client (null: no limit of that kind). */
    public record Scope(Collection<String> cpoIds, String grantedTo) {

        public static Scope everything() {
            return new Scope(null, null);
        }
    }

    public static GroupQuery of(GroupFilter filter, Scope scope) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (scope.cpoIds() != null) {
            conditions.add("g.cpoId IN :visibleCpoIds");
            parameters.put("visibleCpoIds", List.copyOf(scope.cpoIds()));
        }
        if (scope.grantedTo() != null) {
            conditions.add(Tenancy.grantedTo("g.groupId"));
            parameters.put(Tenancy.GRANTED_TO, scope.grantedTo());
        }
        if (filter.namePrefix() != null) {
            conditions.add("g.name LIKE :namePrefix ESCAPE '!'");
            parameters.put("namePrefix", likePrefix(filter.namePrefix()));
        }
        if (!filter.cpoIds().isEmpty()) {
            conditions.add("g.cpoId IN :cpoIds");
            parameters.put("cpoIds", filter.cpoIds());
        }
        if (filter.management() == Management.UNMANAGED) {
            conditions.add("g.algorithm = :none");
            parameters.put("none", Algorithm.NONE);
        } else if (filter.management() == Management.TIME_OF_USE) {
            conditions.add("g.algorithm = :timeOfUse");
            parameters.put("timeOfUse", Algorithm.TIME_OF_USE);
        } else if (filter.management() != null) {
            conditions.add("g.algorithm <> :none AND g.algorithm <> :timeOfUse AND g.capacityUnit = :unit");
            parameters.put("none", Algorithm.NONE);
            parameters.put("timeOfUse", Algorithm.TIME_OF_USE);
            parameters.put("unit", filter.management() == Management.WATTS ? CapacityUnit.W : CapacityUnit.A);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return new GroupQuery("SELECT g" + FROM + where + " ORDER BY " + orderBy(filter.sort()), "SELECT COUNT(g)" + FROM + where,
                parameters);
    }

    /** The prefix as a LIKE pattern: its own wildcards are escaped, so they match themselves. */
    static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    static String orderBy(List<GroupFilter.Sort> sort) {
        List<String> keys = new ArrayList<>();
        boolean byId = false;
        for (GroupFilter.Sort s : sort) {
            byId |= s.key() == GroupFilter.Key.ID;
            keys.add(expression(s.key()) + (s.descending() ? " DESC" : " ASC"));
        }
        if (!byId) {
            keys.add("g.groupId ASC"); // ties in a stable order
        }
        return String.join(", ", keys);
    }

    private static String expression(GroupFilter.Key key) {
        return switch (key) {
            case ID -> "g.groupId";
            case NAME -> "g.name";
            case CPO_ID -> "g.cpoId";
            // ranks as literals: Derby refuses parameters whose type it cannot tell, as in a CASE of an ORDER BY
            case MANAGEMENT -> "CASE WHEN g.algorithm = " + Algorithm.class.getName() + "." + Algorithm.NONE.name() + " THEN "
                    + Management.UNMANAGED.ordinal() + " WHEN g.algorithm = " + Algorithm.class.getName() + "." + Algorithm.TIME_OF_USE.name()
                    + " THEN " + Management.TIME_OF_USE.ordinal() + " WHEN g.capacityUnit = " + CapacityUnit.class.getName() + "." + CapacityUnit.W.name()
                    + " THEN " + Management.WATTS.ordinal() + " ELSE " + Management.AMPERES.ordinal() + " END";
        };
    }
}
