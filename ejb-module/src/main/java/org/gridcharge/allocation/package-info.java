/**
 * The allocation engine: pure Java over immutable records, no Jakarta import.
 *
 * <p>Units. A group counts everything in one unit, which the engine never mixes: amperes per phase for AC groups,
 * or watts for DC groups (counted on L1, the only phase a DC socket is given). Every capacity, maximum,
 * reservation, minimum, margin and limit here ({@link org.gridcharge.allocation.PerPhase},
 * {@link org.gridcharge.allocation.Socket#max()}, {@link org.gridcharge.allocation.SocketAllocation#limit()}, ...) is in
 * that unit, so their names carry none; the group's {@code CapacityUnit} travels with every record that leaves the
 * engine. Only measured current ({@link org.gridcharge.allocation.Session#measuredAmps()}) is always amperes: a DC
 * socket has none.
 */
package org.gridcharge.allocation;
