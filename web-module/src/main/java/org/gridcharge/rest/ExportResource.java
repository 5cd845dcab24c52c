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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.export.boundary.ExportService;
import org.gridcharge.job.control.Jobs;
import org.gridcharge.job.entity.BatchJob;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;

/** Allocation-data exports as a partitioned Jakarta Batch job. */
@Path("exports")
@Tag(name = "Exports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class ExportResource {

    @EJB
    ExportService exports;

    @Inject
    Caller caller;

    @EJB
    Jobs jobs;

    public record ExportDraft(List<String> groupIds, String from, String to, String format, String compression) {
    }

    public record ExportJson(long exportId, String status, Instant startedAt, Instant endedAt, String format, String compression,
                             int rows, Long bytes) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export the allocation data of groups you may see ({group_ids?, from, to, format: csv|jsonl, "
            + "compression?: gzip}): 202 and the export to follow; GET .../file once it is completed")
    public Response start(ExportDraft draft, @Context UriInfo uri) throws IOException {
        if (draft == null) {
            throw new InvalidInputException("body", "a JSON object {\"from\", \"to\", \"format\"} is required");
        }
        Instant from = AllocationResource.instant("from", require("from", draft.from()));
        Instant to = AllocationResource.instant("to", require("to", draft.to()));
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
        String format = require("format", draft.format());
        if (!format.equals("csv") && !format.equals("jsonl")) {
            throw new InvalidInputException("format", "must be csv or jsonl, not '" + format + "'");
        }
        if (draft.compression() != null && !draft.compression().equals("gzip")) {
            throw new InvalidInputException("compression", "must be gzip or absent, not '" + draft.compression() + "'");
        }
        BatchJob job = exports.start(caller, exports.groupsFor(caller, draft.groupIds()), from, to, format, draft.compression() != null);
        return Response.accepted(view(job)).location(uri.getAbsolutePathBuilder().path(Long.toString(job.jobId())).build()).build();
    }

    @GET
    @Path("{export_id}")
    @Operation(summary = "The export's status, and once completed its row count and size")
    public ExportJson get(@PathParam("export_id") String exportId) {
        return view(job(exportId));
    }

    @GET
    @Path("{export_id}/file")
    @Produces({"text/csv", "application/jsonl", "application/gzip"})
    @Operation(summary = "The export's file, streamed (409 until the export is completed)")
    public Response file(@PathParam("export_id") String exportId) {
        BatchJob job = job(exportId);
        ExportJson view = view(job);
        if (!"completed".equals(view.status())) {
            throw new ConflictException("export " + exportId + " is " + view.status() + "; its file is there once it is completed");
        }
        java.nio.file.Path file = java.nio.file.Path.of(job.filePath());
        String type = file.toString().endsWith(".gz") ? "application/gzip" : view.format().equals("csv") ? "text/csv" : "application/jsonl";
        StreamingOutput body = out -> Files.copy(file, out);
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"").build();
    }

    private BatchJob job(String exportId) {
        try {
            return exports.job(caller, Long.parseLong(exportId));
        } catch (NumberFormatException e) {
            throw new NotFoundException("export", exportId);
        }
    }

    private static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    private ExportJson view(BatchJob job) {
        Jobs.Progress progress = jobs.progress(job, false);
        String status = progress.status();
        String path = job.filePath();
        java.nio.file.Path file = java.nio.file.Path.of(path);
        Long bytes = null;
        try {
            bytes = "completed".equals(status) && Files.exists(file) ? Files.size(file) : null;
        } catch (IOException e) {
            bytes = null;
        }
        String format = path.contains(".csv") ? "csv" : "jsonl";
        return new ExportJson(job.jobId(), status, progress.startedAt(), progress.endedAt(), format, path.endsWith(".gz") ? "gzip" : null,
                job.writtenRows(), bytes);
    }
}
