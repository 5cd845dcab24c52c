package org.gridcharge.group.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * What a client sends to create a smart charging group (the JSON body of {@code POST /smart-charging-groups}). The
 * default capacity is in the group's unit; its JSON name is the one the API has always had. A group of a grid tree
 * names the group it hangs on ({@code parent_group_id}, wired as {@code parent_phase_rotation} says), and may adopt
 * existing groups as its children ({@code child_group_ids}): a board made above cables that already exist.
 */
public record GroupDraft(String cpoId, String name, AlgorithmChoice algorithm,
                         @JsonbProperty("default_capacity_amps") Double defaultCapacity, List<String> evseIds, String remarks,
                         String capacityUpdateMethod, String capacityUnit, String parentGroupId, String parentPhaseRotation,
                         List<String> childGroupIds) {

    @jakarta.json.bind.annotation.JsonbCreator
    public GroupDraft {
        // the canonical constructor is the one JSON-B binds
    }

    public GroupDraft(String cpoId, String name, AlgorithmChoice algorithm, Double defaultCapacity, List<String> evseIds, String remarks,
                      String capacityUpdateMethod, String capacityUnit) {
        this(cpoId, name, algorithm, defaultCapacity, evseIds, remarks, capacityUpdateMethod, capacityUnit, null, null, null);
    }
}
