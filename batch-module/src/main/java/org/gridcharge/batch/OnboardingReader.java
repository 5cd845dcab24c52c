package org.gridcharge.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.gridcharge.platform.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.BufferedReader;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads an onboarding file line by line (CSV with a header row, or JSON Lines); the checkpoint is the last line read. */
@Named("onboardingReader")
@Dependent
public class OnboardingReader extends AbstractItemReader {

    @Inject
    @BatchProperty(name = "file")
    String file;

    @Inject
    @BatchProperty(name = "format")
    String format;

    private BufferedReader in;
    private List<String> header;
    private int line;


    @Override
    public void open(Serializable checkpoint) throws Exception {
        in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
        if ("csv".equals(format)) {
            String first = in.readLine();
            header = first == null ? List.of() : Csv.fields(first.startsWith("\uFEFF") ? first.substring(1) : first).stream()
                    .map(h -> h.trim().toLowerCase()).toList();
            line = 1;
        }
        int resumeAfter = checkpoint == null ? line : (Integer) checkpoint;
        while (line < resumeAfter && in.readLine() != null) {
            line++;
        }
    }

    @Override
    public Object readItem() throws Exception {
        String text;
        do {
            text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
        } while (text.isBlank());
        return "csv".equals(format) ? csv(text) : jsonLine(text);
    }

    private RawRow csv(String text) {
        List<String> fields;
        try {
            fields = Csv.fields(text);
        } catch (IllegalArgumentException e) {
            return new RawRow(line, Map.of(), e.getMessage());
        }
        if (fields.size() != header.size()) {
            return new RawRow(line, Map.of(), "has " + fields.size() + " fields, the header " + header.size());
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).isEmpty()) {
                values.put(header.get(i), fields.get(i));
            }
        }
        return new RawRow(line, values, null);
    }

    private RawRow jsonLine(String text) {
        JsonObject object;
        try {
            object = Jsons.createReader(new StringReader(text)).readObject();
        } catch (JsonParsingException | ClassCastException | IllegalStateException e) {
            return new RawRow(line, Map.of(), "is not a JSON object");
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            JsonValue value = entry.getValue();
            switch (value.getValueType()) {
                case NULL -> {
                    // absent
                }
                case STRING -> values.put(entry.getKey(), ((jakarta.json.JsonString) value).getString());
                case NUMBER -> values.put(entry.getKey(), value.toString());
                default -> values.put(entry.getKey(), "\u0000" + value); // not a scalar: the processor names the column
            }
        }
        return new RawRow(line, values, null);
    }

    @Override
    public Serializable checkpointInfo() {
        return line;
    }

    @Override
    public void close() throws Exception {
        if (in != null) {
            in.close();
        }
    }
}
