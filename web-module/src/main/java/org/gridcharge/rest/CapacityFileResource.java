package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.capacity.boundary.CapacityFileService;
import org.gridcharge.capacity.boundary.FileSourceDraft;
import org.gridcharge.capacity.entity.CapacityFileSource;
import org.gridcharge.platform.security.Caller;

/**
 * Where a group in {@code FILE} mode fetches its capacity files, and when (daily at a local time); {@code POST .../fetch}
 * fetches now. Files dropped into the server's inbox need no source.
 */
@Path("smart-charging-groups/{group_id}/capacity-file-source")
@Tag(name = "Capacity profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class CapacityFileResource {

    @EJB
    CapacityFileService files;

    @Inject
    Caller caller;

    public record SourceJson(String groupId, String url, String dailyAt, String timeZone, String lastFile, Instant lastImportAt,
                             Instant updatedAt) {
        static SourceJson of(CapacityFileSource s) {
            return new SourceJson(s.groupId(), s.url(), s.dailyAt(), s.timeZone(), s.lastFile(), s.lastImportAt(), s.updatedAt());
        }
    }

    public record StartedJson(long jobId) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set where the group's capacity files are fetched from (an HTTP(S) URL) and when (daily_at HH:MM in time_zone)")
    public SourceJson configure(@PathParam("group_id") String groupId, FileSourceDraft draft) {
        return SourceJson.of(files.configure(caller, groupId, draft));
    }

    @GET
    @Operation(summary = "Read where the group's capacity files are fetched from, and the last file imported")
    public SourceJson get(@PathParam("group_id") String groupId) {
        return SourceJson.of(files.source(caller, groupId));
    }

    @DELETE
    @Operation(summary = "Fetch no more files for the group")
    public Response delete(@PathParam("group_id") String groupId) {
        files.removeSource(caller, groupId);
        return Response.noContent().build();
    }

    @POST
    @Path("fetch")
    @Operation(summary = "Fetch the group's capacity file now; 202 and the import's job id (see /capacity-file-imports)")
    public Response fetch(@PathParam("group_id") String groupId) {
        return Response.accepted(new StartedJson(files.fetchNow(caller, groupId))).build();
    }
}
