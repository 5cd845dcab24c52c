package org.gridcharge.rest;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.PayloadTooLargeException;
import org.gridcharge.platform.time.Times;

/**
 * Reads a JSON request body strictly before JSON-B binds it, and refuses with 400 naming the
 * element (e.g. {@code periods[0]}, {@code [0]}, {@code cpo_id}) what JSON-B would bind leniently
 * or silently drop:
 * <ul>
 * <li>content after the JSON document ({@code {…}}}});</li>
 * <li>a value of another JSON type than the field's Java type: a number for a string id, a string
 * for an object in a list, an object for a number;</li>
 * <li>a NUL character in any string or field name (PostgreSQL cannot store it);</li>
 * <li>a time outside the years 0001 to 9999;</li>
 * <li>nesting deeper than {@value #MAX_DEPTH} levels.</li>
 * </ul>
 * A body above {@code gridcharge.rest.max-body-bytes} (default 16 MiB) is 413.
 */
@Provider
public class StrictJsonReader implements ReaderInterceptor {

    static final int MAX_DEPTH = 32;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Map<Class<?>, Map<String, Type>> FIELDS = new ConcurrentHashMap<>();

    private final long maxBodyBytes = ConfigProvider.getConfig().getOptionalValue("gridcharge.rest.max-body-bytes", Long.class)
            .orElse(16L * 1024 * 1024);

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !(type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"))
                || type.isWildcardType() || type.isWildcardSubtype()) {
            return context.proceed();
        }
        Class<?> target = context.getType();
        if (target == String.class || target == byte[].class || InputStream.class.isAssignableFrom(target)
                || java.io.Reader.class.isAssignableFrom(target) || target == java.io.File.class) {
            return context.proceed(); // read as it comes by the resource itself
        }
        byte[] body = read(context.getInputStream(), maxBodyBytes);
        if (body.length > 0) {
            check(parse(body), context.getGenericType());
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    static byte[] read(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0;) {
            total += n;
            if (total > limit) {
                throw new PayloadTooLargeException("the request body is larger than " + limit + " bytes (gridcharge.rest.max-body-bytes)");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** One JSON document and nothing after it but whitespace. */
    static JsonValue parse(byte[] body) {
        if (org.gridcharge.platform.input.JsonDepth.of(new String(body, java.nio.charset.StandardCharsets.UTF_8)) > MAX_DEPTH) {
            throw new InvalidInputException("body", "JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        try (JsonParser parser = JSON.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext()) {
                throw new InvalidInputException("body", "is empty");
            }
            parser.next();
            JsonValue value = parser.getValue();
            boolean more;
            try {
                more = parser.hasNext();
            } catch (JsonParsingException e) {
                more = true; // the parser refuses the token it found after the document
            }
            if (more) {
                throw new InvalidInputException("body", "has content after the JSON document (at line " + parser.getLocation().getLineNumber()
                        + ", column " + parser.getLocation().getColumnNumber() + ")");
            }
            return value;
        } catch (JsonParsingException e) {
            throw new InvalidInputException("body", "is not valid JSON: " + e.getMessage());
        }
    }

    /** Checks a JSON value against the Java type JSON-B will bind it to. */
    static void check(JsonValue value, Type type) {
        check(value, type, "");
    }

    private static void check(JsonValue value, Type type, String path) {
        Class<?> raw = raw(type);
        switch (value.getValueType()) {
            case STRING -> {
                String text = ((jakarta.json.JsonString) value).getString();
                if (text.indexOf('\0') >= 0) {
                    throw new InvalidInputException(name(path), "contains a NUL character");
                }
                if (raw == String.class || raw.isEnum() || raw == Object.class || JsonValue.class.isAssignableFrom(raw)
                        || Temporal.class.isAssignableFrom(raw) || raw == java.util.UUID.class) {
                    if (raw == Instant.class || raw == OffsetDateTime.class) {
                        checkTime(text, path);
                    }
                    return;
                }
                throw wrongType(path, raw);
            }
            case NUMBER -> {
                if (Number.class.isAssignableFrom(raw) || (raw.isPrimitive() && raw != boolean.class) || raw == Object.class
                        || JsonValue.class.isAssignableFrom(raw)) {
                    return;
                }
                throw wrongType(path, raw);
            }
            case TRUE, FALSE -> {
                if (raw == Boolean.class || raw == boolean.class || raw == Object.class || JsonValue.class.isAssignableFrom(raw)) {
                    return;
                }
                throw wrongType(path, raw);
            }
            case NULL -> {
                if (raw.isPrimitive()) {
                    throw new InvalidInputException(name(path), "must not be null");
                }
            }
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
                    Type item = raw.isArray() ? raw.getComponentType() : argument(type, 0);
                    for (int i = 0; i < array.size(); i++) {
                        JsonValue element = array.get(i);
                        String at = path + "[" + i + "]";
                        if (element.getValueType() == JsonValue.ValueType.NULL && isStructured(raw(item))) {
                            throw new InvalidInputException(at, "is null; each element must be " + describe(raw(item)));
                        }
                        check(element, item, at);
                    }
                    return;
                }
                if (raw == Object.class || JsonValue.class.isAssignableFrom(raw)) {
                    array.forEach(element -> check(element, Object.class, path + "[]"));
                    return;
                }
                throw wrongType(path, raw);
            }
            case OBJECT -> {
                JsonObject object = value.asJsonObject();
                for (String key : object.keySet()) {
                    if (key.indexOf('\0') >= 0) {
                        throw new InvalidInputException(name(path), "has a field name with a NUL character");
                    }
                }
                if (Map.class.isAssignableFrom(raw)) {
                    Type valueType = argument(type, 1);
                    object.forEach((key, member) -> check(member, valueType, join(path, key)));
                    return;
                }
                if (raw == Object.class || JsonValue.class.isAssignableFrom(raw)) {
                    object.forEach((key, member) -> check(member, Object.class, join(path, key)));
                    return;
                }
                if (!isStructured(raw)) {
                    throw wrongType(path, raw);
                }
                Map<String, Type> fields = fields(raw);
                object.forEach((key, member) -> {
                    Type fieldType = fields.get(key);
                    // a field the type does not have is JSON-B's to refuse (fail-on-unknown-properties); its strings are checked here
                    check(member, fieldType == null ? Object.class : fieldType, join(path, key));
                });
            }
        }
    }

    private static void checkTime(String text, String path) {
        Instant time;
        try {
            time = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                time = Instant.parse(text);
            } catch (DateTimeParseException again) {
                return; // JSON-B says what is wrong with the format
            }
        }
        Times.inRange(name(path), time);
    }

    /** The JSON names of a record's components or a class's fields, with their types. */
    private static Map<String, Type> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            Map<String, Type> fields = new LinkedHashMap<>();
            if (t.isRecord()) {
                for (RecordComponent c : t.getRecordComponents()) {
                    fields.put(jsonName(c.getName(), c, c.getAccessor()), c.getGenericType());
                }
            } else {
                for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                            fields.putIfAbsent(jsonName(f.getName(), f), f.getGenericType());
                        }
                    }
                }
            }
            return fields;
        });
    }

    private static String jsonName(String javaName, AnnotatedElement... annotated) {
        for (AnnotatedElement element : annotated) {
            JsonbProperty property = element == null ? null : element.getAnnotation(JsonbProperty.class);
            if (property != null && !property.value().isEmpty()) {
                return property.value();
            }
        }
        // JSON-B's LOWER_CASE_WITH_UNDERSCORES
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && javaName.charAt(i - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isStructured(Class<?> raw) {
        return !(raw.isPrimitive() || raw.isEnum() || raw == String.class || raw == Object.class || Number.class.isAssignableFrom(raw)
                || raw == Boolean.class || Temporal.class.isAssignableFrom(raw) || JsonValue.class.isAssignableFrom(raw)
                || Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw.isArray()
                || raw.getName().startsWith("java."));
    }

    private static InvalidInputException wrongType(String path, Class<?> raw) {
        return new InvalidInputException(name(path), "must be " + describe(raw));
    }

    private static String describe(Class<?> raw) {
        if (raw == String.class || raw.isEnum() || raw == java.util.UUID.class) {
            return "a string";
        }
        if (Temporal.class.isAssignableFrom(raw)) {
            return "an ISO-8601 time (a string)";
        }
        if (Number.class.isAssignableFrom(raw) || (raw.isPrimitive() && raw != boolean.class)) {
            return "a number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            return "an array";
        }
        return "a JSON object";
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        return Object.class; // type variables and wildcards: anything
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index ? p.getActualTypeArguments()[index]
                : Object.class;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String name(String path) {
        return path.isEmpty() ? "body" : path;
    }
}
