package org.gridcharge.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.gridcharge.steering.boundary.AllocationScheduler;

/** Ready while allocation keeps up with its timer: the last sweep over every group ended less than three intervals ago. */
@Readiness
@ApplicationScoped
public class AllocationReadinessCheck implements HealthCheck {

    @EJB
    AllocationScheduler scheduler;

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Override
    public HealthCheckResponse call() {
        Duration interval = scheduler.sweepInterval();
        Duration lag = Duration.between(scheduler.lastSweep(), clock.instant());
        boolean keepingUp = lag.compareTo(interval.multipliedBy(3)) <= 0;
        return HealthCheckResponse.named("allocation").status(keepingUp)
                .withData("last_sweep", scheduler.lastSweep().toString())
                .withData("sweep_interval_seconds", interval.toSeconds())
                .withData("seconds_since_last_sweep", lag.toSeconds())
                .build();
    }
}
