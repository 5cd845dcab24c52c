package org.gridcharge.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.gridcharge.capacity.boundary.MeterService;
import org.gridcharge.capacity.boundary.MeterSubscriber;
import org.gridcharge.capacity.boundary.MeterView;

/**
 * Informational: the site meters in use, which of them are stale (their groups run on the fallback capacity) and how
 * many MQTT brokers are connected. Always up: a silent meter is handled safely by its fallback, and taking this server
 * out of the balancer would not bring the meter back.
 */
@Readiness
@ApplicationScoped
public class MeterReadinessCheck implements HealthCheck {

    private static final int LISTED = 20;

    @EJB
    MeterService meters;

    @EJB
    MeterSubscriber subscriber;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("meters").up();
        try {
            List<MeterView> active = meters.activeMeters();
            List<String> stale = active.stream().filter(MeterView::stale).map(v -> v.meter().groupId()).toList();
            int[] brokers = subscriber.brokersConnected();
            response.withData("meters", active.size()).withData("stale", stale.size())
                    .withData("stale_groups", String.join(",", stale.subList(0, Math.min(LISTED, stale.size()))))
                    .withData("mqtt_brokers", brokers[1]).withData("mqtt_brokers_connected", brokers[0]);
        } catch (RuntimeException e) {
            response.withData("unknown", "the meters could not be read: " + e.getClass().getSimpleName());
        }
        return response.build();
    }
}
