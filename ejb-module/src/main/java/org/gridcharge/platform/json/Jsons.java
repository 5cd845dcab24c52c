package org.gridcharge.platform.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.Reader;

/**
 * The JSON factories of {@link jakarta.json.Json}, with the provider looked up once. Each static {@code Jsons.create…} call
 * looks the provider up again: a service-loader scan of the application's class path and, inside Open Liberty, a
 * {@code ClassNotFoundException} thrown and caught on the way (JSON-P's OSGi check). That cost tens of microseconds on
 * every OCPP frame read or written. The provider is safe for concurrent use.
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    public static JsonString createValue(String value) {
        return PROVIDER.createValue(value);
    }
}
