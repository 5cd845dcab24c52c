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
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.capacity.boundary.CapacityProfileService;
import org.gridcharge.capacity.boundary.ProfileDraft;
import org.gridcharge.capacity.boundary.ProfileRules;
import org.gridcharge.capacity.boundary.StoredProfile;
import org.gridcharge.capacity.entity.CapacityProfile;
import org.gridcharge.platform.security.Caller;

/**
 * A group's capacity profile: {@code capacity_limit} caps the group's total, {@code power_setpoint}
 * is what it should draw. Amperes per phase; outside the periods the group's default capacity
 * applies. A new profile replaces the old one entirely. At most {@value ProfileRules#MAX_PERIODS}
 * periods (413 beyond), none shorter than a minute.
 */
@Path("smart-charging-groups/{group_id}/capacity-profile")
@Tag(name = "Capacity profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class CapacityProfileResource {

    @EJB
    CapacityProfileService profiles;

    @Inject
    Caller caller;

    public record PeriodJson(Instant startDateTime, Instant endDateTime, double capacity) {
    }

    public record ProfileSummaryJson(String groupId, String type, int periodCount, Instant firstStart, Instant lastEnd,
                                     Instant updatedAt, String updatedBy) {
        static ProfileSummaryJson of(CapacityProfile p) {
            return new ProfileSummaryJson(p.groupId(), p.type().apiName(), p.periodCount(), p.firstStart(), p.lastEnd(), p.updatedAt(),
                    p.updatedBy());
        }
    }

    public record ProfileJson(String groupId, String type, int periodCount, Instant updatedAt, String updatedBy, List<PeriodJson> periods) {
        static ProfileJson of(StoredProfile stored) {
            CapacityProfile p = stored.head();
            return new ProfileJson(p.groupId(), p.type().apiName(), p.periodCount(), p.updatedAt(), p.updatedBy(),
                    stored.periods().stream().map(c -> new PeriodJson(c.start(), c.end(), c.capacity())).toList());
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the group's capacity profile, replacing any earlier one entirely")
    public ProfileSummaryJson replace(@PathParam("group_id") String groupId, ProfileDraft draft) {
        return ProfileSummaryJson.of(profiles.replace(caller, groupId, draft));
    }

    @GET
    @Operation(summary = "Read the group's capacity profile")
    public ProfileJson get(@PathParam("group_id") String groupId) {
        return ProfileJson.of(profiles.get(caller, groupId));
    }

    @DELETE
    @Operation(summary = "Remove the group's capacity profile: its default capacity applies again")
    public Response delete(@PathParam("group_id") String groupId) {
        profiles.delete(caller, groupId);
        return Response.noContent().build();
    }
}
