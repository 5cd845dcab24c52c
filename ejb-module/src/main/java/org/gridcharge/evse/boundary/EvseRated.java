package org.gridcharge.evse.boundary;

/** An EVSE's rating or location changed (fired in the changing transaction); its group, if any, must allocate again. */
public record EvseRated(String evseId, String groupId) {
}
