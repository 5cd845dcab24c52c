package org.gridcharge.allocation;

/** How a group's capacity is divided over its charging sessions. */
public enum Strategy {
    /** Max-min fair water-filling: equal shares, capped at what each session can take. */
    EQUAL_SHARE,
    /** In order of session start, each session up to what it can take. */
    FIRST_COME_FIRST_SERVED,
    /** Sessions with a priority request first, up to what they can take; the others share the rest equally. */
    PRIORITY
}
