package org.gridcharge.guard;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness DOWN while the platform's application is not running. The application's own checks leave the server's
 * readiness when it stops (say, through JMX), and an empty readiness is UP; this one lives in an application of its
 * own, so it stays and says so. It reads the state Liberty keeps for the application (its ApplicationMBean): UP only
 * when {@code STARTED}; DOWN when starting, stopping, stopped or removed.
 */
@Readiness
@ApplicationScoped
public class PlatformApplicationCheck implements HealthCheck {

    /** The platform's application, as server.xml names it. */
    static final String APPLICATION = "gridcharge";

    private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();

    @Override
    public HealthCheckResponse call() {
        String state = state();
        return HealthCheckResponse.named("application").status("STARTED".equals(state)).withData("application", APPLICATION)
                .withData("state", state).build();
    }

    private String state() {
        try {
            return String.valueOf(mbeans.getAttribute(new ObjectName("WebSphere:service=com.ibm.websphere.application.ApplicationMBean,name="
                    + APPLICATION), "State"));
        } catch (InstanceNotFoundException e) {
            return "REMOVED";
        } catch (JMException e) {
            return "UNKNOWN";
        }
    }
}
