package org.gridcharge.vendorapi;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.gridcharge.rest.JsonbConfigurator;
import org.gridcharge.rest.ProblemMapper;

/**
 * The vendor's Smart Charging API 1.0, served as published so that existing integrations work by changing only the
 * base URL and the token: a thin adapter over the same services as {@code /api/v1}.
 */
@ApplicationPath("/api/1.0/smartcharging")
public class VendorApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(CapacityGroupResource.class, PriorityReportResource.class, VendorAuthentication.class, ProblemMapper.class, org.gridcharge.rest.StrictJsonReader.class, org.gridcharge.rest.RequestGuard.class,
                JsonbConfigurator.class);
    }
}
