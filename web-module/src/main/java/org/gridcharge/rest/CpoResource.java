package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.rest.Json.CpoDraft;
import org.gridcharge.rest.Json.CpoJson;
import org.gridcharge.rest.Json.PageJson;

@Path("cpos")
@Tag(name = "CPOs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN})
public class CpoResource {

    @EJB
    CpoService cpos;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Create a CPO (platform admins)")
    public Response create(CpoDraft draft, @Context UriInfo uri) {
        if (draft == null) {
            throw new InvalidInputException("body", "a JSON object {\"cpo_id\", \"name\"} is required");
        }
        CpoJson created = CpoJson.of(cpos.create(caller, draft.cpoId(), draft.name()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.cpoId()).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "List the CPOs you may manage, ordered by cpo_id")
    public PageJson<CpoJson> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return PageJson.of(cpos.list(caller, Page.Request.of(offset, limit)), CpoJson::of);
    }

    @GET
    @Path("{cpo_id}")
    @Operation(summary = "Read one CPO")
    public CpoJson get(@PathParam("cpo_id") String cpoId) {
        return CpoJson.of(cpos.get(caller, cpoId));
    }
}
