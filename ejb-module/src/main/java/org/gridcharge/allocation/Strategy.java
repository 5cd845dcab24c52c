package org.gridcharge.allocation;

/** How a group's capacity is divided over its charging sessions. */
public enum Strategy {
    /** Max-min fair water-filling: equal shares, capped at what each session can take. */
    EQUAL_SHARE,
    /** In order of session start, each session up to what it can take. */
    FIRST_COME_FIRST_SERVED,
    /** Sessions with a priority request first, up to what they can take; the others share the rest equally. */
    PRIORITY,
    /**
     * Departure-aware: a session that said when it leaves and how much energy it still wants is first given the current
     * that delivers that energy by its departure (the session with the least slack first when capacity is short); then
     * every session shares what is left equally, up to what it can take. Sessions that said nothing share fairly.
     */
    DEADLINE,
    /**
     * Time of use: each session that said when it leaves and how much energy it wants charges in the windows its
     * {@link EnergyPlan} gives it (the cheapest allowed ones before its departure, or the earliest); none charges in an
     * exclusion time; a priority session charges now at full rate; sessions that said nothing share what is left outside
     * the exclusion times.
     */
    TIME_OF_USE
}
