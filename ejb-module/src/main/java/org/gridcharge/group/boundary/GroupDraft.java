package org.gridcharge.group.boundary;

import java.util.List;

/** What a client sends to create a smart charging group (the JSON body of {@code POST /smart-charging-groups}). */
public record GroupDraft(String cpoId, String name, AlgorithmChoice algorithm, Double defaultCapacityAmps, List<String> evseIds,
                         String remarks, String capacityUpdateMethod, String capacityUnit) {
}
