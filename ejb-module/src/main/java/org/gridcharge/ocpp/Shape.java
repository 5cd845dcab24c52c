package org.gridcharge.ocpp;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridcharge.ocpp.OcppVersion.ErrorKind;

/**
 * The shape a JSON payload must have, after the OCPP JSON schemas: types, required fields,
 * lengths, enumerations, ranges, date-times, no unknown fields. A violation throws an
 * {@link OcppException} whose kind maps to the spec's CALLERROR code.
 */
public abstract class Shape {

    /** Checks {@code value}, found at {@code path}; throws on the first violation. */
    public abstract void check(JsonValue value, String path);

    public static Shape string(int maxLength) {
        return new Shape() {
            @Override
            public void check(JsonValue value, String path) {
                if (value.getValueType() != JsonValue.ValueType.STRING) {
                    throw wrongType(path, "a string");
                }
                if (((JsonString) value).getString().length() > maxLength) {
                    throw new OcppException(ErrorKind.PROPERTY, path + " is longer than " + maxLength + " characters");
                }
            }
        };
    }

    public static Shape integer() {
        return integer(Long.MIN_VALUE);
    }

    public static Shape integer(long minimum) {
        return new Shape() {
            @Override
            public void check(JsonValue value, String path) {
                if (value.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()) {
                    throw wrongType(path, "an integer");
                }
                if (((JsonNumber) value).bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(minimum)) < 0) {
                    throw new OcppException(ErrorKind.PROPERTY, path + " must be at least " + minimum);
                }
            }
        };
    }

    public static Shape decimal() {
        return new Shape() {
            @Override
            public void check(JsonValue value, String path) {
                if (value.getValueType() != JsonValue.ValueType.NUMBER) {
                    throw wrongType(path, "a number");
                }
            }
        };
    }

    public static Shape bool() {
        return new Shape() {
            @Override
            public void check(JsonValue value, String path) {
                if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
                    throw wrongType(path, "a boolean");
                }
            }
        };
    }

    public static Shape dateTime() {
        return new Shape() {
            @Override
            public void check(JsonValue value, String path) {
                if (value.getValueType() != JsonValue.ValueType.STRING) {
                    throw wrongType(path, "a date-time string");
                }
                try {
                    OffsetDateTime.parse(((JsonString) value).getString());
                } catch (DateTimeParseException e) {
                    throw new OcppException(ErrorKind.PROPERTY, path + " is not an RFC 3339 date-time: " + value);
                }
            }
        };
    }

    public static Shape enumOf(String... values) {
        Set<String> allowed = Set.of(values);
        return new Shape() {
            @Override
            public void check(JsonValue value, String path) {
                if (value.getValueType() != JsonValue.ValueType.STRING) {
                    throw wrongType(path, "a string");
                }
                if (!allowed.contains(((JsonString) value).getString())) {
                    throw new OcppException(ErrorKind.PROPERTY, path + " must be one of " + List.of(values) + ", not " + value);
                }
            }
        };
    }

    /** Anything (e.g. DataTransfer's free-form data). */
    public static Shape any() {
        return new Shape() {
            @Override
            public void check(JsonValue value, String path) {
                // every JSON value is allowed
            }
        };
    }

    public static Shape array(Shape item, int minItems) {
        return new Shape() {
            @Override
            public void check(JsonValue value, String path) {
                if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                    throw wrongType(path, "an array");
                }
                JsonArray array = value.asJsonArray();
                if (array.size() < minItems) {
                    throw new OcppException(ErrorKind.OCCURRENCE, path + " needs at least " + minItems + " item(s)");
                }
                for (int i = 0; i < array.size(); i++) {
                    item.check(array.get(i), path + "[" + i + "]");
                }
            }
        };
    }

    public static ObjectShape object() {
        return new ObjectShape();
    }

    /** A JSON object with known fields; fields it does not list are refused, except OCPP 2.0.1's {@code customData}. */
    public static final class ObjectShape extends Shape {

        private final Map<String, Shape> fields = new LinkedHashMap<>();
        private final Set<String> required = new java.util.HashSet<>();

        public ObjectShape required(String name, Shape shape) {
            fields.put(name, shape);
            required.add(name);
            return this;
        }

        public ObjectShape optional(String name, Shape shape) {
            fields.put(name, shape);
            return this;
        }

        @Override
        public void check(JsonValue value, String path) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new OcppException(path.isEmpty() ? ErrorKind.FORMAT : ErrorKind.TYPE,
                        (path.isEmpty() ? "the payload" : path) + " must be a JSON object");
            }
            JsonObject object = value.asJsonObject();
            for (String name : object.keySet()) {
                if (!fields.containsKey(name) && !"customData".equals(name)) {
                    throw new OcppException(ErrorKind.FORMAT, "unknown field " + join(path, name));
                }
            }
            for (Map.Entry<String, Shape> field : fields.entrySet()) {
                JsonValue member = object.get(field.getKey());
                if (member == null || member.getValueType() == JsonValue.ValueType.NULL) {
                    if (required.contains(field.getKey())) {
                        throw new OcppException(ErrorKind.OCCURRENCE, join(path, field.getKey()) + " is required");
                    }
                } else {
                    field.getValue().check(member, join(path, field.getKey()));
                }
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static OcppException wrongType(String path, String expected) {
        return new OcppException(ErrorKind.TYPE, path + " must be " + expected);
    }
}
