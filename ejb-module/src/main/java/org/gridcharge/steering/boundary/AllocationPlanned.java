package org.gridcharge.steering.boundary;

import org.gridcharge.group.entity.CapacityUnit;
import java.util.List;
import java.util.Map;
import org.gridcharge.allocation.Plan;

/**
 * A group's limits were planned anew: the stations of its EVSEs should receive their schedules
 * (the OCPP endpoint observes this). Fired after the allocation's transaction committed.
 *
 * @param groupId    the group
 * @param reason     what made it run: timer, breakpoint, capacity_changed, group_changed, session_changed, station_connected, limits_accepted, operator
 * @param stations   each EVSE's charge station and connector
 * @param schedules  each EVSE's limits over the horizon
 * @param version    in a cluster, the version of the tree's stored plan (they grow by one with each plan); 0 alone
 */
public record AllocationPlanned(String groupId, String reason, Map<String, StationConnector> stations, Map<String, List<Plan.LimitPeriod>> schedules,
                                long version) {

    /** A plan of a server that is alone (no version). */
    public AllocationPlanned(String groupId, String reason, Map<String, StationConnector> stations, Map<String, List<Plan.LimitPeriod>> schedules) {
        this(groupId, reason, stations, schedules, 0);
    }

    /** The same plan with its stored version. */
    public AllocationPlanned withVersion(long newVersion) {
        return new AllocationPlanned(groupId, reason, stations, schedules, newVersion);
    }

    /** The reason of a run after the groups themselves changed: their members, a parent, a default capacity. */
    public static final String GROUP_CHANGED = "group_changed";

    /**
     * Where an EVSE sits and what its station must know to steer it.
     *
     * @param chargeStationId its station's OCPP identity
     * @param connectorId     its OCPP 1.6 connector / OCPP 2.0.1 EVSE id
     * @param phases          1 or 3
     * @param transactionId   the station's id of the session running on it, or null
     * @param unit            the unit of its limits: A (per phase) or W (a DC charger in a group managed in watts)
     */
    public record StationConnector(String chargeStationId, int connectorId, int phases, String transactionId, CapacityUnit unit) {
    }
}
