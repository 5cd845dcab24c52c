package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
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
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.batch.Csv;
import org.gridcharge.onboarding.boundary.OnboardingService;
import org.gridcharge.onboarding.entity.BatchJob;
import org.gridcharge.onboarding.entity.BatchRejection;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.monitoring.PlatformMetrics;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.InvalidInputException;
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

    @Inject
    PlatformMetrics metrics;

    @Inject
    @ConfigProperty(name = "gridcharge.batch.dir", defaultValue = "batch-files")
    String batchDir;

    /** The largest onboarding upload (default 256 MiB, about two million rows); 413 beyond. */
    @Inject
    @ConfigProperty(name = "gridcharge.onboarding.max-upload-bytes", defaultValue = "268435456")
    long maxUploadBytes;

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
        caller.requireManagerRole();
        int chunk = 1000;
        if (chunkSize != null) {
            try {
                chunk = Integer.parseInt(chunkSize);
            } catch (NumberFormatException e) {
                chunk = -1;
            }
            if (chunk < 1 || chunk > 10_000) {
                throw new InvalidInputException("chunk_size", "must be a whole number from 1 to 10000 (rows per transaction)");
            }
        }
        String format = headers.getMediaType().isCompatible(MediaType.valueOf("text/csv")) ? "csv" : "jsonl";
        java.nio.file.Path dir = java.nio.file.Path.of(batchDir);
        Files.createDirectories(dir);
        java.nio.file.Path file = dir.resolve("onboarding-" + UUID.randomUUID() + "." + format);
        int rows;
        try {
            copy(body, file, maxUploadBytes);
            rows = rows(file) - ("csv".equals(format) ? 1 : 0);
            if (rows <= 0) {
                throw new InvalidInputException("body", "the file holds no rows" + ("csv".equals(format) ? " after its header" : ""));
            }
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file); // a refused upload leaves nothing behind
            throw e;
        }
        Properties parameters = new Properties();
        parameters.setProperty("file", file.toAbsolutePath().toString());
        parameters.setProperty("format", format);
        parameters.setProperty("chunkSize", Integer.toString(chunk));
        JobOperator operator = BatchRuntime.getJobOperator();
        long executionId = operator.start(OnboardingService.KIND, parameters);
        long jobId = operator.getJobInstance(executionId).getInstanceId();
        metrics.batchJobStarted(OnboardingService.KIND);
        onboarding.register(caller, jobId, executionId, file.toString(), rows);
        return Response.accepted(view(onboarding.job(caller, jobId))).location(uri.getAbsolutePathBuilder().path(Long.toString(jobId)).build())
                .build();
    }

    /** Streams the upload to its file, refusing (413) a body above {@code limit} bytes as soon as it passes it. */
    static void copy(InputStream body, java.nio.file.Path file, long limit) throws IOException {
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = body.read(buffer)) > 0;) {
                total += n;
                if (total > limit) {
                    throw new org.gridcharge.platform.error.PayloadTooLargeException("the upload is larger than " + limit
                            + " bytes (gridcharge.onboarding.max-upload-bytes); split it into several jobs");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /** The non-blank lines of the file, which must be UTF-8 (400 naming the first line that is not). */
    static int rows(java.nio.file.Path file) throws IOException {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT).onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        int rows = 0;
        int line = 0;
        try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            for (String text; (text = readLine(reader, line + 1)) != null;) {
                line++;
                if (!text.isBlank()) {
                    rows++;
                }
            }
        }
        return rows;
    }

    private static String readLine(java.io.BufferedReader reader, int line) throws IOException {
        try {
            return reader.readLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException("body", "is not valid UTF-8 (at or near line " + line + ")");
        }
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
                writer.write(r.line() + "," + Csv.quote(r.column()) + "," + Csv.quote(r.reason()) + "\n");
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
        JobExecution latest = latest(job);
        try {
            BatchRuntime.getJobOperator().stop(latest.getExecutionId());
        } catch (jakarta.batch.operations.JobExecutionNotRunningException e) {
            throw new ConflictException("onboarding job " + jobId + " is not running (" + latest.getBatchStatus() + ")");
        }
        return view(job);
    }

    @POST
    @Path("{job_id}/restart")
    @Operation(summary = "Restart a stopped or failed job from its last checkpoint")
    public JobJson restart(@PathParam("job_id") String jobId) {
        BatchJob job = job(jobId);
        JobExecution latest = latest(job);
        try {
            BatchRuntime.getJobOperator().restart(latest.getExecutionId(), latest.getJobParameters());
        } catch (jakarta.batch.operations.JobRestartException | jakarta.batch.operations.JobExecutionAlreadyCompleteException
                 | jakarta.batch.operations.JobExecutionNotMostRecentException e) {
            throw new ConflictException("onboarding job " + jobId + " cannot be restarted: it is " + latest.getBatchStatus());
        }
        return view(job);
    }

    private BatchJob job(String jobId) {
        try {
            return onboarding.job(caller, Long.parseLong(jobId));
        } catch (NumberFormatException e) {
            throw new NotFoundException("onboarding job", jobId);
        }
    }

    private static List<JobExecution> executions(BatchJob job) {
        JobOperator operator = BatchRuntime.getJobOperator();
        return operator.getJobExecutions(operator.getJobInstance(job.firstExecutionId()));
    }

    private static JobExecution latest(BatchJob job) {
        return executions(job).stream().max(java.util.Comparator.comparingLong(JobExecution::getExecutionId)).orElseThrow();
    }

    private JobJson view(BatchJob job) {
        JobOperator operator = BatchRuntime.getJobOperator();
        List<JobExecution> executions = executions(job);
        JobExecution execution = executions.stream().max(java.util.Comparator.comparingLong(JobExecution::getExecutionId)).orElseThrow();
        long read = 0;
        for (JobExecution e : executions) {
            for (StepExecution step : operator.getStepExecutions(e.getExecutionId())) {
                for (Metric metric : step.getMetrics()) {
                    if (metric.getType() == Metric.MetricType.READ_COUNT) {
                        read += metric.getValue();
                    }
                }
            }
        }
        Page<BatchRejection> rejections = onboarding.rejections(job.jobId(), Page.Request.of("0", "100"));
        String status = execution.getBatchStatus().name().toLowerCase(Locale.ROOT);
        double progress = job.totalRows() == 0 ? 1 : Math.min(1, (double) read / job.totalRows());
        if ("completed".equals(status)) {
            progress = 1;
        }
        return new JobJson(job.jobId(), status, instant(execution.getStartTime()), instant(execution.getEndTime()), job.totalRows(), read,
                job.writtenRows(), rejections.total(), Math.round(progress * 1000) / 1000.0,
                rejections.items().stream().map(r -> new RejectionJson(r.line(), r.column(), r.reason())).toList(), rejections.total());
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
