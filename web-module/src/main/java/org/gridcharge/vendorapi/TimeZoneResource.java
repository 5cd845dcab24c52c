package org.gridcharge.vendorapi;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.gridcharge.capacity.boundary.TimeZones;

/** {@code capacitygroups/timezones}: the time zones weekly scenarios may use. */
@Dependent
@Produces(MediaType.APPLICATION_JSON)
public class TimeZoneResource {

    public record TimeZoneOut(String id, String displayName, String utcOffset, boolean supportsDaylightSavingTime) {
    }

    @Inject
    Clock clock;

    @GET
    public List<TimeZoneOut> timeZones() {
        return TimeZones.all(clock.instant()).stream().map(z -> new TimeZoneOut(z.id(), z.displayName(), z.utcOffset(),
                z.supportsDaylightSavingTime())).toList();
    }
}
