package org.gridcharge.rest;

import java.util.Set;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The platform's REST API, version 1. Callers authenticate with a bearer JWT (MicroProfile JWT). */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
@OpenAPIDefinition(
        info = @Info(title = "GridCharge smart charging API", version = "1",
                description = "Smart charging groups, EVSEs, capacity profiles and allocation data. Errors are application/problem+json."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class RestApplication extends Application {

    /** Listed, so that the vendor-compatible API's resources ({@code /api/1.0/smartcharging}) stay out of this one. */
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AllocationResource.class, AuditResource.class, CapacityProfileResource.class, ChargeStationResource.class,
                CpoResource.class, EvseResource.class, ExportResource.class, GroupResource.class, MeterResource.class,
                MeterReadingResource.class, CapacityFileResource.class, CapacityFileImportResource.class, OnboardingJobResource.class,
                OcppDrainResource.class, PriorityRequestResource.class, TimeZoneResource.class, WeeklyCapacityResource.class, TimeOfUseResource.class, GroupEventsResource.class, PortalSignInResource.class, ProblemMapper.class, JsonbConfigurator.class, StrictJsonReader.class, RequestGuard.class, Authenticated.class);
    }
}
