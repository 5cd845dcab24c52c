package org.gridcharge.group.boundary;

/**
 * A partial update of a group (JSON merge patch: absent or null fields stay as they are). The CPO
 * cannot change; EVSEs are added and removed through their own sub-resource.
 */
public record GroupChanges(String groupId, String cpoId, String name, AlgorithmChoice algorithm, Double defaultCapacityAmps,
                           String remarks, String capacityUpdateMethod) {
}
