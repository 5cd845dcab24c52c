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
import org.gridcharge.allocation.TimeOfUse;
import org.gridcharge.capacity.boundary.WeeklyRules;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.tariff.boundary.TimeOfUseDraft;
import org.gridcharge.tariff.boundary.TimeOfUseService;

/**
 * A group's time-of-use settings, for the algorithm {@code time_of_use}: tariff windows (a price per kWh by day of week
 * and local time in an IANA time zone; the default price elsewhere), exclusion times (nobody charges but a priority
 * session) and the goal ({@code minimise_cost} or {@code optimise_time}). A new set replaces the old one entirely.
 */
@Path("smart-charging-groups/{group_id}/time-of-use")
@Tag(name = "Time of use")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class TimeOfUseResource {

    @EJB
    TimeOfUseService timeOfUse;

    @Inject
    Caller caller;

    public record TimeOfUseJson(String groupId, String timeZone, String goal, double defaultPricePerKwh,
                                List<TimeOfUseDraft.Window> tariff, List<TimeOfUseDraft.Exclusion> exclusions) {
        static TimeOfUseJson of(String groupId, TimeOfUse settings) {
            return new TimeOfUseJson(groupId, settings.prices().zone().getId(), TimeOfUseService.apiName(settings.goal()),
                    settings.defaultPrice(),
                    settings.prices().rules().stream().map(r -> new TimeOfUseDraft.Window(r.day().name(), WeeklyRules.format(r.startSecond()),
                            WeeklyRules.format(r.endSecond()), r.capacity())).toList(),
                    settings.exclusions().rules().stream().map(r -> new TimeOfUseDraft.Exclusion(r.day().name(),
                            WeeklyRules.format(r.startSecond()), WeeklyRules.format(r.endSecond()))).toList());
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the group's tariff windows, exclusion times and goal, replacing any earlier settings")
    public TimeOfUseJson replace(@PathParam("group_id") String groupId, TimeOfUseDraft draft) {
        return TimeOfUseJson.of(groupId, timeOfUse.replace(caller, groupId, draft));
    }

    @GET
    @Operation(summary = "Read the group's time-of-use settings")
    public TimeOfUseJson get(@PathParam("group_id") String groupId) {
        return TimeOfUseJson.of(groupId, timeOfUse.get(caller, groupId));
    }

    @DELETE
    @Operation(summary = "Remove the group's time-of-use settings")
    public Response delete(@PathParam("group_id") String groupId) {
        timeOfUse.delete(caller, groupId);
        return Response.noContent().build();
    }
}
