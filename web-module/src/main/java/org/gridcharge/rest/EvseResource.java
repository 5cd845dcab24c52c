package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.evse.boundary.EvseChanges;
import org.gridcharge.evse.boundary.EvseDraft;
import org.gridcharge.evse.boundary.EvseService;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.rest.Json.EvseJson;
import org.gridcharge.rest.Json.PageJson;
import org.gridcharge.session.boundary.ChargingNeedsDraft;
import org.gridcharge.session.boundary.SessionService;
import org.gridcharge.session.entity.ChargingSession;

@Path("evses")
@Tag(name = "EVSEs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN})
public class EvseResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @EJB
    EvseService evses;

    @EJB
    SessionService sessions;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an EVSE in one of your CPOs")
    public Response create(EvseDraft draft, @Context UriInfo uri) {
        if (draft == null) {
            throw new InvalidInputException("body", "a JSON object describing the EVSE is required");
        }
        EvseJson created = EvseJson.of(evses.create(caller, draft));
        return Response.created(uri.getAbsolutePathBuilder().path(created.evseId()).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "List your EVSEs, ordered by evse_id; uid finds the EVSE with that OCPI-style uid (none or one)")
    public PageJson<EvseJson> list(@QueryParam("uid") String uid, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Page.Request page = Page.Request.of(offset, limit);
        if (uid != null) {
            List<EvseJson> found;
            try {
                found = List.of(EvseJson.of(evses.getByUid(caller, uid)));
            } catch (NotFoundException e) {
                found = List.of();
            }
            return new PageJson<>(found.subList(Math.min(page.offset(), found.size()), found.size()), page.offset(), page.limit(),
                    found.size());
        }
        return PageJson.of(evses.list(caller, page), EvseJson::of);
    }

    @GET
    @Path("{evse_id}")
    @Operation(summary = "Read one EVSE")
    public EvseJson get(@PathParam("evse_id") String evseId) {
        return EvseJson.of(evses.get(caller, evseId));
    }

    @PATCH
    @Path("{evse_id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @Operation(summary = "Change an EVSE's station, connector or rating (merge patch)")
    public EvseJson change(@PathParam("evse_id") String evseId, EvseChanges changes) {
        return EvseJson.of(evses.change(caller, evseId, changes));
    }

    /** The charging needs of the session running on an EVSE, as the allocation plans with them. */
    public record ChargingNeedsJson(String sessionId, String evseId, Instant departureTime, Double energyKwh, Double energyStillWantedKwh) {

        static ChargingNeedsJson of(ChargingSession session) {
            return new ChargingNeedsJson(session.sessionId(), session.evseId(), session.departureAt(), kwh(session.energyNeedWh()),
                    kwh(session.energyStillWantedWh()));
        }

        private static Double kwh(Double wh) {
            return wh == null ? null : wh / 1000;
        }
    }

    @PUT
    @Path("{evse_id}/charging-needs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set when the driver of the session running on the EVSE leaves and how much energy the EV wants in this"
            + " session (either keeps what the session knew if left out); the deadline algorithm plans with them")
    public ChargingNeedsJson needs(@PathParam("evse_id") String evseId, ChargingNeedsDraft draft) {
        return ChargingNeedsJson.of(sessions.setNeeds(caller, evseId, draft));
    }

    @DELETE
    @Path("{evse_id}")
    @Operation(summary = "Delete an EVSE (refused with 409 if it is the last EVSE of its group)")
    public Response delete(@PathParam("evse_id") String evseId) {
        evses.delete(caller, evseId);
        return Response.noContent().build();
    }
}
