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
}
