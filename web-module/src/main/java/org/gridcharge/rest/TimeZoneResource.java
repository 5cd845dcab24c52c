package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.capacity.boundary.TimeZones;

/** The time zones a group's weekly capacity can be written in. */
@Path("time-zones")
@Tag(name = "Capacity profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class TimeZoneResource {

    @Inject
    Clock clock;

    @GET
    @Operation(summary = "UTC and the IANA region time zones, with their standard UTC offset now and whether they observe daylight saving time")
    public List<TimeZones.Zone> list() {
        return TimeZones.all(clock.instant());
    }
}
