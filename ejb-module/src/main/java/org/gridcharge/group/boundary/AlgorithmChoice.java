package org.gridcharge.group.boundary;

import java.util.Map;

/** An algorithm by name with its parameters, as the API spells it: {@code {"name": ..., "parameters": {...}}}. */
public record AlgorithmChoice(String name, Map<String, Object> parameters) {
}
