package org.gridcharge.capacity.control;

import org.gridcharge.platform.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.gridcharge.capacity.entity.CapacityFileImport.FileRejection;

/**
 * Reads a capacity file: CSV with the header {@code start_date_time,end_date_time,capacity} (and optionally a
 * {@code group_id} column naming the group on every row), or the API's JSON ({@code {"type", "periods": [...]}}). Every
 * row is read; what cannot be read is a rejection naming its line and column. The rules a profile obeys are checked by
 * the profile's own rules afterwards.
 */
public final class CapacityFiles {

    private static final List<String> COLUMNS = List.of("start_date_time", "end_date_time", "capacity");

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?\\d{1,15}(\\.\\d{1,15})?");

    private CapacityFiles() {
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    /** A row: its line (CSV: 1 is the header; JSON: the period's position in the list, from 1) and the period it names. */
    public record Row(int line, String startDateTime, String endDateTime, Double capacity) {
    }

    /**
     * What a file holds: its rows, the profile type (capacity_limit for CSV), the group its {@code group_id} column names
     * (null without one), and the rows that could not be read.
     */
    public record Parsed(List<Row> rows, String type, String groupId, List<FileRejection> rejections) {
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the file by its name's ending ({@code .json}: JSON, otherwise CSV). */
    public static Parsed parse(String fileName, byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return failed(null, null, "the file is not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return failed(null, null, "the file is empty");
        }
        return fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? json(text) : csv(text);
    }

    private static Parsed failed(Integer line, String column, String reason) {
        return new Parsed(List.of(), null, null, List.of(new FileRejection(line, column, reason)));
    }

    private static Parsed csv(String text) {
        String[] lines = text.split("\r?\n", -1);
        List<String> header = cells(lines[0]).stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
        int[] at = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            at[c] = header.indexOf(COLUMNS.get(c));
            if (at[c] < 0) {
                return failed(1, COLUMNS.get(c), "the header lacks the column " + COLUMNS.get(c) + "; it must name start_date_time,"
                        + "end_date_time,capacity (and optionally group_id)");
            }
        }
        int groupColumn = header.indexOf("group_id");
        List<Row> rows = new ArrayList<>();
        List<FileRejection> rejections = new ArrayList<>();
        String groupId = null;
        for (int i = 1; i < lines.length; i++) {
            int line = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> cells = cells(lines[i]);
            if (cells.size() != header.size()) {
                rejections.add(new FileRejection(line, null, "has " + cells.size() + " cells; the header has " + header.size()));
                continue;
            }
            if (groupColumn >= 0) {
                String named = cells.get(groupColumn).trim();
                if (groupId == null) {
                    groupId = named;
                } else if (!groupId.equals(named)) {
                    rejections.add(new FileRejection(line, "group_id", "names group '" + named + "'; the file is for '" + groupId
                            + "' (one file, one group)"));
                    continue;
                }
            }
            String value = cells.get(at[2]).trim();
            if (!DECIMAL.matcher(value).matches()) {
                rejections.add(new FileRejection(line, "capacity", "'" + shorten(value) + "' is not a decimal number"));
                continue;
            }
            Double capacity = Double.valueOf(value);
            rows.add(new Row(line, cells.get(at[0]).trim(), cells.get(at[1]).trim(), capacity));
        }
        if (rows.isEmpty() && rejections.isEmpty()) {
            rejections.add(new FileRejection(2, null, "the file has a header but no rows"));
        }
        return new Parsed(rows, "capacity_limit", groupId, rejections);
    }

    /** The cells of a CSV line (RFC 4180: a quoted cell may hold commas and doubled quotes). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static Parsed json(String text) {
        JsonObject object;
        try (JsonReader reader = Jsons.createReader(new java.io.StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return failed(null, "body", "is JSON but not an object {\"type\", \"periods\"}");
            }
            object = value.asJsonObject();
        } catch (JsonParsingException e) {
            return failed(null, "body", "is not valid JSON: " + e.getMessage());
        } catch (jakarta.json.JsonException e) {
            return failed(null, "body", "could not be read as JSON: " + e.getMessage());
        }
        JsonValue typeValue = object.get("type");
        if (typeValue != null && typeValue.getValueType() != JsonValue.ValueType.STRING) {
            return failed(null, "type", "must be capacity_limit or power_setpoint");
        }
        String type = typeValue == null ? "capacity_limit" : object.getString("type");
        String groupId = object.containsKey("group_id") && object.get("group_id").getValueType() == JsonValue.ValueType.STRING
                ? object.getString("group_id") : null;
        JsonValue periods = object.get("periods");
        if (periods == null || periods.getValueType() != JsonValue.ValueType.ARRAY) {
            return failed(null, "periods", "a list of {start_date_time, end_date_time, capacity} is required");
        }
        List<Row> rows = new ArrayList<>();
        List<FileRejection> rejections = new ArrayList<>();
        JsonArray list = (JsonArray) periods;
        for (int i = 0; i < list.size(); i++) {
            JsonValue item = list.get(i);
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                rejections.add(new FileRejection(i + 1, "periods[" + i + "]", "is not an object"));
                continue;
            }
            JsonObject period = item.asJsonObject();
            String start = string(period, "start_date_time");
            String end = string(period, "end_date_time");
            JsonValue capacity = period.get("capacity");
            if (capacity != null && capacity.getValueType() != JsonValue.ValueType.NUMBER && capacity.getValueType() != JsonValue.ValueType.NULL) {
                rejections.add(new FileRejection(i + 1, "capacity", "is not a number"));
                continue;
            }
            rows.add(new Row(i + 1, start, end, capacity == null || capacity.getValueType() == JsonValue.ValueType.NULL ? null
                    : ((JsonNumber) capacity).doubleValue()));
        }
        return new Parsed(rows, type, groupId, rejections);
    }

    private static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value != null && value.getValueType() == JsonValue.ValueType.STRING ? object.getString(name) : null;
    }
}
