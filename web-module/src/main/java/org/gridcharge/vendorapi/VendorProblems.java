package org.gridcharge.vendorapi;

import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.gridcharge.group.boundary.UnmanagedGroupException;
import org.gridcharge.group.boundary.WrongUnitException;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.DomainException;
import org.gridcharge.platform.error.InvalidInputException;

/**
 * The platform's problems as the vendor's clients read them: the one place where the fields a problem names are given
 * the vendor's names (per request body, since the same platform field has another vendor name in each), and where
 * conflicts that name algorithms are worded with the vendor's algorithm names.
 */
enum VendorProblems {

    /** A request whose fields the vendor names as the platform does. */
    ANY(UnaryOperator.identity()),

    /** A capacity group's own body: its parent is {@code parent_capacity_group_id} (our extension of the vendor's API). */
    GROUP(renaming(Map.of("parent_group_id", "parent_capacity_group_id", "cpo_id", "cpo_external_id"))),

    /** {@code algorithms/capacitymanagementdefault/state}. */
    DEFAULT_STATE(renaming(Map.of("default_capacity_amps", "default_group_capacity_amps",
            "algorithm.parameters.min_current_amps", "min_allocation_amps",
            "session_started_window", "session_started_duration"))),

    /** {@code algorithms/capacitymanagementdc/state}. */
    DC_STATE(renaming(Map.of("default_capacity_amps", "default_group_capacity_watts"))),

    /** The datetime scenarios, a bare array: the platform's {@code periods[3].capacity} is {@code [3].capacity}. */
    SCENARIOS(field -> field.equals("periods") ? "body" : field.startsWith("periods") ? field.substring("periods".length()) : field),

    /** A bare array of {@code {"uid"}}: the platform's {@code [3]} (an EVSE of the list) is {@code [3].uid}. */
    EVSE_REFS(field -> field.isEmpty() ? "body" : field.startsWith("[") ? field + ".uid" : field);

    private final UnaryOperator<String> fields;

    VendorProblems(UnaryOperator<String> fields) {
        this.fields = fields;
    }

    private static UnaryOperator<String> renaming(Map<String, String> names) {
        return field -> names.getOrDefault(field, field);
    }

    /** The vendor's name of a field the platform names {@code field}. */
    String field(String field) {
        return field == null ? null : fields.apply(field);
    }

    /** The problem in the vendor's words. */
    RuntimeException translate(DomainException e) {
        if (e instanceof InvalidInputException invalid) {
            String field = field(invalid.field());
            return field == null || field.equals(invalid.field()) ? e : invalid.onField(field);
        }
        if (e instanceof WrongUnitException wrong) {
            return new ConflictException("capacity group '" + wrong.groupId() + "' uses " + VendorEnums.algorithm(wrong.management())
                    + "; this endpoint is for " + (wrong.wanted() == CapacityUnit.W ? VendorEnums.DC_ALGORITHM : VendorEnums.DEFAULT_ALGORITHM)
                    + " groups");
        }
        if (e instanceof UnmanagedGroupException unmanaged) {
            return new ConflictException("capacity group '" + unmanaged.groupId() + "' has the algorithm " + VendorEnums.NO_ALGORITHM
                    + ": it has no minimum allocation and no start window; choose " + VendorEnums.DEFAULT_ALGORITHM + " first");
        }
        return e;
    }

    /** Calls the platform; its problems come back in the vendor's words. */
    <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (DomainException e) {
            throw translate(e);
        }
    }
}
