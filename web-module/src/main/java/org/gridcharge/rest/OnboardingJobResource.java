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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.platform.input.CsvCell;
import org.gridcharge.onboarding.boundary.OnboardingService;
import org.gridcharge.job.control.Jobs;
import org.gridcharge.job.entity.BatchJob;
import org.gridcharge.onboarding.entity.BatchRejection;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.paging.Page;

/** Bulk EVSE onboarding as a Jakarta Batch job: upload a file, follow the job, read what it rejected. */
@Path("onboarding-jobs")
@Tag(name = "Onboarding jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN})
public class OnboardingJobResource {

    public static final String JSON_LINES = "application/jsonl";
    public static final String NDJSON = "application/x-ndjson";

    @EJB
    OnboardingService onboarding;

    @Inject
    Caller caller;

    @EJB
    Jobs jobs;

    public record RejectionJson(int line, String column, String reason) {
    }

    public record JobJson(long jobId, String status, Instant startedAt, Instant endedAt, int totalRows, long read, int written,
                          long skipped, double progress, List<RejectionJson> rejected, long rejectedTotal) {
    }

    @POST
    @Consumes({"text/csv", JSON_LINES, NDJSON})
    @Operation(summary = "Onboard EVSEs in bulk from a CSV file with a header row (columns evse_id, cpo_id, charge_station_id, "
            + "connector_id, max_current_amps, phases, phase_rotation, and optionally group_id, station_password) or JSON Lines; "
            + "202 with the job to follow")
    public Response start(InputStream body, @QueryParam("chunk_size") String chunkSize, @Context HttpHeaders headers,
                          @Context UriInfo uri) throws IOException {
        String format = headers.getMediaType().isCompatible(MediaType.valueOf("text/csv")) ? "csv" : "jsonl";
        BatchJob job = onboarding.start(caller, body, format, chunkSize);
        return Response.accepted(view(job)).location(uri.getAbsolutePathBuilder().path(Long.toString(job.jobId())).build()).build();
    }

    @GET
    @Path("{job_id}")
    @Operation(summary = "The job's status, counts (read, written, skipped), progress and the first rejected rows")
    public JobJson get(@PathParam("job_id") String jobId) {
        return view(job(jobId));
    }

    @GET
    @Path("{job_id}/rejections")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "Every rejected row: line, column, reason (CSV, or JSON with Accept: application/json)")
    public Response rejections(@PathParam("job_id") String jobId, @Context HttpHeaders headers) {
        BatchJob job = job(jobId);
        List<BatchRejection> all = onboarding.allRejections(job.jobId());
        if (headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !m.isWildcardType())) {
            return Response.ok(all.stream().map(r -> new RejectionJson(r.line(), r.column(), r.reason())).toList(), MediaType.APPLICATION_JSON)
                    .build();
        }
        StreamingOutput csv = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write("line,column,reason\n");
            for (BatchRejection r : all) {
                writer.write(r.line() + "," + CsvCell.of(r.column()) + "," + CsvCell.of(r.reason()) + "\n");
            }
            writer.flush();
        };
        return Response.ok(csv, "text/csv").build();
    }

    @POST
    @Path("{job_id}/stop")
    @Operation(summary = "Stop the running job after its current chunk; it can be restarted")
    public JobJson stop(@PathParam("job_id") String jobId) {
        BatchJob job = job(jobId);
        jobs.stop(job, "onboarding job");
        return view(job);
    }

    @POST
    @Path("{job_id}/restart")
    @Operation(summary = "Restart a stopped or failed job from its last checkpoint")
    public JobJson restart(@PathParam("job_id") String jobId) {
        BatchJob job = job(jobId);
        jobs.restart(job, "onboarding job");
        return view(job);
    }

    private BatchJob job(String jobId) {
        try {
            return onboarding.job(caller, Long.parseLong(jobId));
        } catch (NumberFormatException e) {
            throw new NotFoundException("onboarding job", jobId);
        }
    }

    private JobJson view(BatchJob job) {
        Jobs.Progress progress = jobs.progress(job, true);
        Page<BatchRejection> rejections = onboarding.rejections(job.jobId(), Page.Request.of("0", "100"));
        double done = job.totalRows() == 0 ? 1 : Math.min(1, (double) progress.read() / job.totalRows());
        if ("completed".equals(progress.status())) {
            done = 1;
        }
        return new JobJson(job.jobId(), progress.status(), progress.startedAt(), progress.endedAt(), job.totalRows(), progress.read(),
                job.writtenRows(), rejections.total(), Math.round(done * 1000) / 1000.0,
                rejections.items().stream().map(r -> new RejectionJson(r.line(), r.column(), r.reason())).toList(), rejections.total());
    }
}
