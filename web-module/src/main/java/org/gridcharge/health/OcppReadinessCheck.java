package org.gridcharge.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.gridcharge.ocpp.boundary.StationRegistry;

/** Not ready while the OCPP endpoint is draining before a stop: a load balancer sends stations elsewhere. */
@Readiness
@ApplicationScoped
public class OcppReadinessCheck implements HealthCheck {

    @Inject
    StationRegistry registry;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ocpp").status(!registry.draining())
                .withData("draining", registry.draining())
                .withData("stations_connected", registry.all().size())
                .build();
    }
}
