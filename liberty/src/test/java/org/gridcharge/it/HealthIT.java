package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class HealthIT {

    @Test
    void readinessIncludesTheDatabaseAndTheMigratedSchema() {
        JsonObject ready = Api.get("/health/ready", null).expect(200).json();
        assertEquals("UP", ready.getString("status"));
        JsonObject database = ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertEquals("UP", database.getString("status"));
        assertTrue(Integer.parseInt(database.getJsonObject("data").getString("schema_version")) >= 1);
        assertTrue(!database.getJsonObject("data").containsKey("cpos"), "public readiness shows no tenant figures: " + database);
    }

    @Test
    void readinessIncludesAllocationKeepingUpAndStartupTheSchema() {
        JsonObject ready = Api.get("/health/ready", null).expect(200).json();
        JsonObject allocation = ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("allocation")).findFirst().orElseThrow();
        assertEquals("UP", allocation.getString("status"));
        assertTrue(allocation.getJsonObject("data").containsKey("seconds_since_last_sweep"), allocation.toString());
        JsonObject started = Api.get("/health/started", null).expect(200).json();
        assertEquals("UP", started.getString("status"));
        assertTrue(started.toString().contains("schema_version"), started.toString());
    }

    @Test
    void livenessAnswers() {
        assertEquals("UP", Api.get("/health/live", null).expect(200).json().getString("status"));
    }

    @Test
    void openApiDocumentDescribesTheEndpoints() {
        String document = Api.get("/openapi", null).expect(200).body();
        assertTrue(document.contains("/api/v1/smart-charging-groups/{group_id}/evses/{evse_id}"), document);
        assertTrue(document.contains("/api/v1/evses"));
        Api.get("/openapi/ui/", null).expect(200);
    }

    @Test
    void theOpenApiDocumentNamesPropertiesAsTheWireDoes() {
        JsonObject document = Api.get("/openapi?format=JSON", null).expect(200).json();
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        assertTrue(schemas.getJsonObject("CpoDraft").getJsonObject("properties").containsKey("cpo_id"), schemas.getJsonObject("CpoDraft")
                .toString());
        java.util.List<String> camel = new java.util.ArrayList<>();
        schemas.forEach((name, schema) -> {
            JsonObject properties = schema.asJsonObject().getJsonObject("properties");
            if (properties != null) {
                properties.keySet().stream().filter(p -> !p.equals(p.toLowerCase(java.util.Locale.ROOT))).forEach(p -> camel.add(name + "." + p));
            }
        });
        assertEquals(java.util.List.of(), camel, "every property in snake_case, as the API reads and writes it");
        // and a request written from the document is accepted: the CPO body's required fields as the document names them
        String id = "NL*OAS" + Api.unique();
        Api.post("/api/v1/cpos", DevTokens.platformAdmin(), "{\"cpo_id\": \"" + id + "\", \"name\": \"From the document\"}").expect(201);
    }
}
