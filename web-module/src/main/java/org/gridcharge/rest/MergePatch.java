package org.gridcharge.rest;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A JSON merge patch (RFC 7396) bound to its Java record, and the members it sets to null: a record's null cannot
 * tell "leave it" from "remove it", and for a few members (a group's parent) the difference matters. Read as strictly
 * as {@link StrictJsonReader} reads every other body.
 */
record MergePatch<T>(T value, Set<String> nulls) {

    static <T> MergePatch<T> read(InputStream body, Class<T> type) throws IOException {
        long limit = ConfigProvider.getConfig().getOptionalValue("gridcharge.rest.max-body-bytes", Long.class).orElse(16L * 1024 * 1024);
        byte[] bytes = StrictJsonReader.read(body, limit);
        if (bytes.length == 0) {
            return new MergePatch<>(null, Set.of());
        }
        JsonValue json = StrictJsonReader.parse(bytes);
        StrictJsonReader.check(json, type);
        Set<String> nulls = json instanceof JsonObject object ? object.entrySet().stream()
                .filter(e -> e.getValue().getValueType() == JsonValue.ValueType.NULL).map(java.util.Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet()) : Set.of();
        T value = new JsonbConfigurator().getContext(type).fromJson(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), type);
        return new MergePatch<>(value, nulls);
    }
}
