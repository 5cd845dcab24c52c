package org.gridcharge.group.entity;

import org.gridcharge.platform.json.Jsons;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stores an algorithm's resolved parameters as a small JSON object. */
@Converter
public class ParametersConverter implements AttributeConverter<Map<String, Double>, String> {

    @Override
    public String convertToDatabaseColumn(Map<String, Double> parameters) {
        JsonObjectBuilder builder = Jsons.createObjectBuilder();
        parameters.forEach(builder::add);
        return builder.build().toString();
    }

    @Override
    public Map<String, Double> convertToEntityAttribute(String json) {
        Map<String, Double> parameters = new LinkedHashMap<>();
        try (JsonReader reader = Jsons.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            object.forEach((key, value) -> parameters.put(key, ((JsonNumber) value).doubleValue()));
        }
        return parameters;
    }
}
