package org.gridcharge.health;

import jakarta.ejb.EJB;
import java.util.logging.Level;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.platform.monitoring.PlatformStatus;

/**
 * Ready when the platform's database answers a query and the schema migrations have run. Readiness is
 * public: it shows no tenant figures and no database error text (those go to the log for operators).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(DatabaseReadinessCheck.class.getName());

    @EJB
    PlatformStatus status;

    @EJB
    CpoService cpos;

    @Override
    public HealthCheckResponse call() {
        try {
            cpos.count(); // a query, the cheapest the schema offers
            return HealthCheckResponse.named("database").up()
                    .withData("schema_version", status.schemaVersion())
                    .build();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Readiness: the database does not answer", e);
            return HealthCheckResponse.named("database").down().withData("reason", "the database does not answer (see the log)").build();
        }
    }
}
