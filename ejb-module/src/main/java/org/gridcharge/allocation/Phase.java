package org.gridcharge.allocation;

/** A phase of the grid connection. */
public enum Phase {
    L1, L2, L3
}
