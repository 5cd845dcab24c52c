package org.gridcharge.batch;

import java.io.Serializable;
import java.util.Map;

/** A line of an input file: its number (the header is line 1) and its values by column name, or why it could not be read. */
public record RawRow(int line, Map<String, String> values, String unreadable) implements Serializable {
}
