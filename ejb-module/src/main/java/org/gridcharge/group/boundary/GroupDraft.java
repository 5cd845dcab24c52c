package org.gridcharge.group.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * What a client sends to create a smart charging group (the JSON body of {@code POST /smart-charging-groups}). The
 * default capacity is in the group's unit; its JSON name is the one the API has always had.
 */
public record GroupDraft(String cpoId, String name, AlgorithmChoice algorithm,
                         @JsonbProperty("default_capacity_amps") Double defaultCapacity, List<String> evseIds, String remarks,
                         String capacityUpdateMethod, String capacityUnit) {
}
