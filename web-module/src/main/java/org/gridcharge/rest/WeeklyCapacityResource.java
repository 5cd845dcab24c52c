package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.allocation.WeeklyCapacity;
import org.gridcharge.capacity.boundary.CapacityProfileService;
import org.gridcharge.capacity.boundary.WeeklyDraft;
import org.gridcharge.capacity.boundary.WeeklyRules;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.NotFoundException;

/**
 * A group's weekly capacity: amperes per phase by day of week and local time of day in an IANA time zone
 * (DST-correct). Precedence: a capacity-profile period covering an instant wins over the weekly rule, which wins
 * over the default capacity. A new set replaces the old one entirely; an empty list removes it.
 */
@Path("smart-charging-groups/{group_id}/weekly-capacity")
@Tag(name = "Capacity profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class WeeklyCapacityResource {

    @EJB
    CapacityProfileService profiles;

    @Inject
    Caller caller;

    public record ScenarioJson(String dayOfWeek, String startTime, String endTime, double capacity) {
    }

    public record WeeklyJson(String groupId, String timeZone, List<ScenarioJson> scenarios) {
        static WeeklyJson of(String groupId, WeeklyCapacity weekly) {
            return new WeeklyJson(groupId, weekly.zone().getId(), weekly.rules().stream().map(r -> new ScenarioJson(r.day().name(),
                    WeeklyRules.format(r.startSecond()), WeeklyRules.format(r.endSecond()), r.capacity())).toList());
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the group's weekly capacity, replacing any earlier rules entirely")
    public WeeklyJson replace(@PathParam("group_id") String groupId, WeeklyDraft draft) {
        return WeeklyJson.of(groupId, profiles.replaceWeekly(caller, groupId, draft));
    }

    @GET
    @Operation(summary = "Read the group's weekly capacity")
    public WeeklyJson get(@PathParam("group_id") String groupId) {
        WeeklyCapacity weekly = profiles.weekly(caller, groupId);
        if (weekly == null) {
            throw new NotFoundException("weekly capacity of group", groupId);
        }
        return WeeklyJson.of(groupId, weekly);
    }

    @DELETE
    @Operation(summary = "Remove the group's weekly capacity")
    public Response delete(@PathParam("group_id") String groupId) {
        profiles.deleteWeekly(caller, groupId);
        return Response.noContent().build();
    }
}
