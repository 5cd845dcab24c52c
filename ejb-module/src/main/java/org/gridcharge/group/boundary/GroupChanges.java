package org.gridcharge.group.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
/**
 * A partial update of a group (JSON merge patch: absent or null fields stay as they are, except
 * {@code parent_group_id}, whose null detaches the group from its parent). The CPO
 * cannot change; EVSEs are added and removed through their own sub-resource. The default capacity is in the group's
 * unit; its JSON name is the one the API has always had.
 */
public record GroupChanges(String groupId, String cpoId, String name, AlgorithmChoice algorithm,
                           @JsonbProperty("default_capacity_amps") Double defaultCapacity, String remarks, String capacityUpdateMethod,
                           String parentGroupId, String parentPhaseRotation) {

    @jakarta.json.bind.annotation.JsonbCreator
    public GroupChanges {
        // the canonical constructor is the one JSON-B binds
    }

    public GroupChanges(String groupId, String cpoId, String name, AlgorithmChoice algorithm, Double defaultCapacity, String remarks,
                        String capacityUpdateMethod) {
        this(groupId, cpoId, name, algorithm, defaultCapacity, remarks, capacityUpdateMethod, null, null);
    }
}
