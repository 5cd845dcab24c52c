package org.gridcharge.group.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.gridcharge.platform.input.Identifiers;
import org.gridcharge.platform.error.InvalidInputException;

/**
 * A smart charging group: EVSEs of one CPO that share a capacity, allocated by one algorithm.
 * Membership lives on the EVSE (an EVSE is in at most one group). Groups form trees, as the grid does: a group may hang
 * on a parent group (a board on the grid connection, a cable on a board), whose capacity then holds for it too.
 */
@Entity
@Table(name = "smart_charging_group")
@NamedQuery(name = "SmartChargingGroup.allIds", query = "SELECT g.groupId FROM SmartChargingGroup g ORDER BY g.groupId")
@NamedQuery(name = "SmartChargingGroup.childrenOf",
        query = "SELECT g FROM SmartChargingGroup g WHERE g.parentGroupId IN :parentIds ORDER BY g.groupId")
@NamedQuery(name = "SmartChargingGroup.parentsAmong",
        query = "SELECT DISTINCT g.parentGroupId FROM SmartChargingGroup g WHERE g.parentGroupId IN :ids")
@NamedQuery(name = "SmartChargingGroup.rootIds", query = "SELECT g.groupId FROM SmartChargingGroup g WHERE g.parentGroupId IS NULL"
        + " ORDER BY g.groupId")
public class SmartChargingGroup {

    @Id
    @Column(name = "group_id", length = 36)
    private String groupId;

    @Column(name = "cpo_id", nullable = false, length = 64)
    private String cpoId;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "algorithm_name", nullable = false, length = 64)
    private Algorithm algorithm;

    @Convert(converter = ParametersConverter.class)
    @Column(name = "algorithm_parameters", nullable = false, length = 4000)
    private Map<String, Double> algorithmParameters;

    // in the group's unit; the column was named when every group counted amperes
    @Column(name = "default_capacity_amps", nullable = false)
    private double defaultCapacity;

    @Enumerated(EnumType.STRING)
    @Column(name = "capacity_unit", nullable = false, length = 1)
    private CapacityUnit capacityUnit = CapacityUnit.A;

    @Column(name = "remarks", length = 1000)
    private String remarks;

    @Enumerated(EnumType.STRING)
    @Column(name = "capacity_update_method", nullable = false, length = 16)
    private CapacityUpdateMethod capacityUpdateMethod = CapacityUpdateMethod.API;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "parent_group_id", length = 36)
    private String parentGroupId;

    // the parent's phases this group's L1, L2, L3 are wired to, in OCPP's notation (RST: as they are)
    @Column(name = "parent_phase_rotation", nullable = false, length = 3)
    private String parentPhaseRotation = "RST";

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SmartChargingGroup() {
        // for JPA
    }

    public SmartChargingGroup(String cpoId, String name, String algorithmName, Map<String, ?> parameters,
                              Double defaultCapacity, Instant createdAt) {
        this(cpoId, name, algorithmName, parameters, defaultCapacity, CapacityUnit.A, createdAt);
    }

    public SmartChargingGroup(String cpoId, String name, String algorithmName, Map<String, ?> parameters,
                              Double defaultCapacity, CapacityUnit unit, Instant createdAt) {
        this.groupId = UUID.randomUUID().toString();
        this.capacityUnit = Objects.requireNonNull(unit, "unit");
        this.cpoId = Identifiers.require("cpo_id", cpoId, Identifiers.CPO_ID, "NL*GFX");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        rename(name);
        configureAlgorithm(algorithmName, parameters);
        changeDefaultCapacity(defaultCapacity);
    }

    public final void rename(String newName) {
        this.name = Identifiers.requireText("name", newName, 200);
    }

    public final void remark(String newRemarks) {
        if (newRemarks != null && newRemarks.length() > 1000) {
            throw new InvalidInputException("remarks", "must be at most 1000 characters, was " + newRemarks.length());
        }
        this.remarks = newRemarks;
    }

    public final void updateCapacityBy(CapacityUpdateMethod method) {
        this.capacityUpdateMethod = java.util.Objects.requireNonNull(method, "method");
    }

    public String remarks() {
        return remarks;
    }

    public CapacityUpdateMethod capacityUpdateMethod() {
        return capacityUpdateMethod;
    }

    public final void configureAlgorithm(String algorithmName, Map<String, ?> parameters) {
        Algorithm chosen = Algorithm.parse(algorithmName);
        if (chosen == Algorithm.TIME_OF_USE && capacityUnit == CapacityUnit.W) {
            throw new InvalidInputException("algorithm.name", "time_of_use plans energy in amperes per phase; a group managed in watts"
                    + " (DC) cannot use it");
        }
        this.algorithmParameters = chosen.resolve(parameters);
        this.algorithm = chosen;
    }

    /** The default capacity, in the group's unit (amperes per phase, or watts). */
    public final void changeDefaultCapacity(Double capacity) {
        String what = capacityUnit == CapacityUnit.A ? "A per phase" : "W";
        if (capacity == null) {
            throw new InvalidInputException("default_capacity_amps", "is required (" + what + ")");
        }
        if (!Double.isFinite(capacity) || capacity < 0 || capacity > capacityUnit.maxCapacity()) {
            throw new InvalidInputException("default_capacity_amps",
                    "must be between 0 and " + (long) capacityUnit.maxCapacity() + " " + what + ", was " + capacity);
        }
        this.defaultCapacity = capacity;
    }

    /**
     * Refuses to count the group in another unit: its default capacity, profiles and the limits its stations hold are
     * counted in the unit it was made with.
     */
    public void refuseUnitChange(String field, CapacityUnit wanted) {
        if (wanted != capacityUnit) {
            throw new InvalidInputException(field, "a group managed in amperes cannot become one managed in watts (DC), nor the"
                    + " reverse; create a new capacity group instead");
        }
    }

    public CapacityUnit capacityUnit() {
        return capacityUnit;
    }

    public String groupId() {
        return groupId;
    }

    public String cpoId() {
        return cpoId;
    }

    public String name() {
        return name;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public Map<String, Double> algorithmParameters() {
        return Collections.unmodifiableMap(algorithmParameters);
    }

    /** The capacity when no profile or weekly rule says otherwise, in the group's {@link #capacityUnit()}. */
    public double defaultCapacity() {
        return defaultCapacity;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The group it hangs on, or null for the root of a tree (or a group on its own). */
    public String parentGroupId() {
        return parentGroupId;
    }

    /** How its phases are wired to its parent's: RST (as they are), RTS, SRT, STR, TRS or TSR. */
    public String parentPhaseRotation() {
        return parentPhaseRotation;
    }

    /**
     * Hangs the group on a parent (null: on none) with its phases wired as {@code rotation} says; the tree's rules (same
     * CPO and unit, no cycle) are the group component's to check first.
     */
    public void hangOn(String parentId, String rotation) {
        if (rotation != null && !ROTATIONS.contains(rotation)) {
            throw new InvalidInputException("parent_phase_rotation", "'" + rotation + "' is unknown; use one of " + String.join(", ", ROTATIONS));
        }
        if (rotation != null && !"RST".equals(rotation) && capacityUnit == CapacityUnit.W) {
            throw new InvalidInputException("parent_phase_rotation", "a group managed in watts counts power, not phases: its"
                    + " rotation can only be RST");
        }
        this.parentGroupId = parentId;
        this.parentPhaseRotation = parentId == null ? "RST" : rotation != null ? rotation : parentPhaseRotation;
    }

    private static final java.util.List<String> ROTATIONS = java.util.List.of("RST", "RTS", "SRT", "STR", "TRS", "TSR");
}
