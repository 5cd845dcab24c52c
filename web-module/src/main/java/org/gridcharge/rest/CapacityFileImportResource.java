package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.capacity.boundary.CapacityFileService;
import org.gridcharge.capacity.entity.CapacityFileImport;
import org.gridcharge.capacity.entity.CapacityFileRejection;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.rest.Json.PageJson;
import org.gridcharge.platform.security.Caller;

/**
 * Imports of capacity files (each a batch job): the file, the group, how it ended ({@code running}, {@code imported},
 * {@code unchanged}, {@code rejected}, {@code failed}), why, and each rejected row with its line and column.
 */
@Path("capacity-file-imports")
@Tag(name = "Capacity profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class CapacityFileImportResource {

    @EJB
    CapacityFileService files;

    @Inject
    Caller caller;

    public record RejectionJson(Integer line, String column, String reason) {
        static RejectionJson of(CapacityFileRejection r) {
            return new RejectionJson(r.line(), r.column(), r.reason());
        }
    }

    /** @param rejections the refused rows with their reasons (the first 1,000); in a list, left out */
    public record ImportJson(long jobId, String groupId, String origin, String fileName, String filePath, String status, String reason,
                             int periods, int rejectedRows, String sha256, Instant createdAt, Instant finishedAt, List<RejectionJson> rejections) {
        static ImportJson of(CapacityFileImport i, boolean withRejections) {
            return new ImportJson(i.jobId(), i.groupId(), i.origin(), i.fileName(), i.filePath(), i.outcome(), i.reason(), i.periods(),
                    i.rejectedRows(), i.sha256(), i.createdAt(), i.finishedAt(),
                    withRejections ? i.rejections().stream().map(RejectionJson::of).toList() : null);
        }
    }

    @GET
    @Operation(summary = "The capacity file imports of a group (group_id is required), newest first, without their rejected rows")
    public PageJson<ImportJson> list(@QueryParam("group_id") String groupId, @QueryParam("offset") String offset,
                                     @QueryParam("limit") String limit) {
        if (groupId == null) {
            throw new InvalidInputException("group_id", "is required: the group whose imports to list");
        }
        return PageJson.of(files.imports(caller, groupId, Page.Request.of(offset, limit)), i -> ImportJson.of(i, false));
    }

    @GET
    @Path("{job_id}")
    @Operation(summary = "One capacity file import, with its rejected rows")
    public ImportJson get(@PathParam("job_id") String jobId) {
        long id;
        try {
            id = Long.parseLong(jobId);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("job_id", "'" + jobId + "' is not a job id");
        }
        return ImportJson.of(files.importOf(caller, id), true);
    }
}
