package org.gridcharge.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import org.gridcharge.platform.monitoring.PlatformStatus;

/** Started once the schema migrations have run. */
@Startup
@ApplicationScoped
public class SchemaStartupCheck implements HealthCheck {

    @EJB
    PlatformStatus status;

    @Override
    public HealthCheckResponse call() {
        String version;
        try {
            version = status.schemaVersion();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("schema").down().withData("reason", "the schema could not be read (see the log)").build();
        }
        return HealthCheckResponse.named("schema").status(version != null && !"none".equals(version)).withData("schema_version",
                String.valueOf(version)).build();
    }
}
