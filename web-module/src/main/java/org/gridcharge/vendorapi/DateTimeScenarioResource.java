package org.gridcharge.vendorapi;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gridcharge.allocation.CapacityPeriod;
import org.gridcharge.capacity.boundary.CapacityProfileService;
import org.gridcharge.capacity.boundary.PeriodDraft;
import org.gridcharge.capacity.boundary.ProfileDraft;
import org.gridcharge.capacity.entity.ProfileType;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.security.Caller;

/** {@code capacitygroups/{id}/capacityscenarios/datetime}: the group's capacity profile, as a bare array of scenarios. */
@Dependent
@Produces(MediaType.APPLICATION_JSON)
public class DateTimeScenarioResource {

    public record ScenarioIn(Double capacity, String startDateTime, String endDateTime) {
    }

    public record ScenarioOut(String id, double capacity, Instant startDateTime, Instant endDateTime) {
    }

    @Inject
    VendorCaller callers;

    @EJB
    CapacityProfileService profiles;

    /** Replaces the scenarios; an empty array removes them. Answers the scenarios as stored. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public List<ScenarioOut> replace(@PathParam("capacity_group_id") String groupId, List<ScenarioIn> in) {
        Caller caller = callers.get();
        if (in == null) {
            throw new InvalidInputException("body", "a JSON array of {\"capacity\", \"start_date_time\", \"end_date_time\"} is required");
        }
        List<PeriodDraft> periods = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            ScenarioIn s = in.get(i);
            if (s == null) {
                throw new InvalidInputException("[" + i + "]", "must be an object {\"capacity\", \"start_date_time\", \"end_date_time\"}");
            }
            periods.add(new PeriodDraft(s.startDateTime(), s.endDateTime(), s.capacity()));
        }
        return out(VendorProblems.SCENARIOS.call(() -> profiles.replacePeriods(caller, groupId,
                new ProfileDraft(ProfileType.CAPACITY_LIMIT.apiName(), periods))));
    }

    @GET
    public List<ScenarioOut> get(@PathParam("capacity_group_id") String groupId) {
        return out(profiles.periods(callers.get(), groupId));
    }

    private static List<ScenarioOut> out(List<CapacityPeriod> periods) {
        List<ScenarioOut> out = new ArrayList<>(periods.size());
        for (int i = 0; i < periods.size(); i++) {
            CapacityPeriod p = periods.get(i);
            out.add(new ScenarioOut(String.valueOf(i + 1), p.capacity(), p.start(), p.end()));
        }
        return out;
    }
}
