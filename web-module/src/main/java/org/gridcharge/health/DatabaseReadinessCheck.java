package org.gridcharge.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.gridcharge.platform.PlatformStatus;

/** Ready when the platform's database answers a query and the schema migrations have run. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @EJB
    PlatformStatus status;

    @Override
    public HealthCheckResponse call() {
        try {
            long cpos = status.cpoCount();
            return HealthCheckResponse.named("database").up()
                    .withData("schema_version", status.schemaVersion())
                    .withData("cpos", cpos)
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("database").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
