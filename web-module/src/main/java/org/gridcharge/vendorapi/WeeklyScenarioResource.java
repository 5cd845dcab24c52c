package org.gridcharge.vendorapi;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.gridcharge.allocation.WeeklyCapacity;
import org.gridcharge.capacity.boundary.CapacityProfileService;
import org.gridcharge.capacity.boundary.WeeklyDraft;
import org.gridcharge.platform.time.TimeSpans;

/** {@code capacitygroups/{id}/capacityscenarios/dayofweek}: the group's weekly capacity. */
@Dependent
@Produces(MediaType.APPLICATION_JSON)
public class WeeklyScenarioResource {

    public record WeeklyScenarioOut(String id, double capacity, String dayOfWeek, String startTime, String endTime) {
    }

    @Inject
    VendorCaller callers;

    @EJB
    CapacityProfileService profiles;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public List<WeeklyScenarioOut> replace(@PathParam("capacity_group_id") String groupId, WeeklyDraft in) {
        return out(profiles.replaceWeekly(callers.get(), groupId, in), null);
    }

    @GET
    public List<WeeklyScenarioOut> get(@PathParam("capacity_group_id") String groupId, @QueryParam("day_of_week") String day) {
        VendorEnums.require("day_of_week", day, VendorEnums.DAYS);
        WeeklyCapacity weekly = profiles.weekly(callers.get(), groupId);
        return weekly == null ? List.of() : out(weekly, day);
    }

    private static List<WeeklyScenarioOut> out(WeeklyCapacity weekly, String day) {
        List<WeeklyScenarioOut> out = new ArrayList<>();
        for (int i = 0; i < weekly.rules().size(); i++) {
            WeeklyCapacity.Rule rule = weekly.rules().get(i);
            if (day == null || day.equals(rule.day().name())) {
                out.add(new WeeklyScenarioOut(String.valueOf(i + 1), rule.capacity(), rule.day().name(),
                        TimeSpans.format(rule.startSecond()), TimeSpans.format(rule.endSecond())));
            }
        }
        return out;
    }
}
