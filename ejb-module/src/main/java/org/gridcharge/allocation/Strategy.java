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
    DEADLINE
}
