package org.gridcharge.job.control;

import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.gridcharge.job.entity.BatchJob;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.monitoring.PlatformMetrics;

/**
 * Starts, follows, stops and restarts the platform's batch jobs. A job's record is committed before the batch
 * container starts it, and its steps find the record through the job parameter {@value #JOB_ID}, so no step ever
 * waits for it.
 */
@Stateless
public class Jobs {

    /** The job parameter that carries the platform's job id to the job's steps. */
    public static final String JOB_ID = "jobId";

    private static final int ATTEMPTS = 10;

    @PersistenceContext
    EntityManager em;

    @Inject
    JobRecords records;

    @Inject
    Clock clock;

    @Inject
    PlatformMetrics metrics;

    @Inject
    org.gridcharge.platform.cluster.ClusterNode cluster;

    /** Where a job stands, as the batch container knows it. */
    public record Progress(String status, Instant startedAt, Instant endedAt, long read) {
    }

    /** Records the job, then has the batch container start it; returns the job's record. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public BatchJob start(String kind, Properties parameters, String scope, String createdBy, String filePath, int totalRows) {
        long jobId = record(kind, scope, createdBy, filePath, totalRows);
        Properties withId = new Properties();
        withId.putAll(parameters);
        withId.setProperty(JOB_ID, Long.toString(jobId));
        long executionId;
        try {
            executionId = BatchRuntime.getJobOperator().start(kind, withId);
        } catch (RuntimeException e) {
            records.forget(jobId);
            throw new NotStarted(e);
        }
        metrics.batchJobStarted(kind);
        return records.started(jobId, executionId, server());
    }

    /** The batch container refused to start a job; its record is gone, and nothing will read its files. */
    public static final class NotStarted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotStarted(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private long record(String kind, String scope, String createdBy, String filePath, int totalRows) {
        for (int attempt = 1;; attempt++) {
            try {
                return records.record(kind, scope, createdBy, clock.instant(), filePath, totalRows);
            } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
                if (attempt == ATTEMPTS) {
                    throw new ConflictException("too many jobs are starting at this moment; start this one again");
                }
                pause(attempt); // another start took the same id: let it commit, then take the next
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("the job was not started; start it again");
        }
    }

    /** The job's record, or null; in the caller's transaction, so a step can count what it wrote. */
    public BatchJob find(long jobId) {
        return em.find(BatchJob.class, jobId);
    }

    /** Status (lower case), times and rows read over every execution of the job. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Progress progress(BatchJob job, boolean countRead) {
        if (job.firstExecutionId() == 0) {
            return new Progress("starting", null, null, 0); // recorded, not yet started (or its start was not recorded)
        }
        JobOperator operator = BatchRuntime.getJobOperator();
        List<JobExecution> executions = executions(operator, job);
        JobExecution latest = latest(executions);
        long read = 0;
        if (countRead) {
            for (JobExecution e : executions) {
                for (StepExecution step : operator.getStepExecutions(e.getExecutionId())) {
                    for (Metric metric : step.getMetrics()) {
                        if (metric.getType() == Metric.MetricType.READ_COUNT) {
                            read += metric.getValue();
                        }
                    }
                }
            }
        }
        if (job.restartOwed(latest.getExecutionId())) {
            // its server left the cluster, and a survivor took it over: it goes on there in a moment (see JobFailover)
            return new Progress("started", instant(latest.getStartTime()), null, read);
        }
        return new Progress(latest.getBatchStatus().name().toLowerCase(Locale.ROOT), instant(latest.getStartTime()),
                instant(latest.getEndTime()), read);
    }

    /**
     * The job wrote {@code rows} more rows (in the caller's transaction: the chunk's). In a cluster the chunk is written
     * only while the job is still this server's: a server the others took for dead (it hung) may wake up in the middle
     * of a job that a survivor took over, and its chunk then rolls back rather than being written twice. The job's row
     * stays locked until the chunk commits, so a survivor taking the job over waits for that chunk and then restarts
     * from its checkpoint.
     */
    public void wrote(BatchJob job, int rows) {
        if (cluster.clustered()) {
            em.refresh(job, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (job.serverId() != null && !job.serverId().equals(cluster.nodeId())) {
                throw new IllegalStateException("Job " + job.jobId() + " was taken over by server " + job.serverId()
                        + " (this server was taken for dead): this chunk is rolled back");
            }
        }
        job.wrote(rows);
    }

    /** Stops the running job after its current chunk; 409 naming the job ({@code label}) if it is not running. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void stop(BatchJob job, String label) {
        requireStarted(job, label);
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution latest = latest(executions(operator, job));
        if (job.restartOwed(latest.getExecutionId())) {
            throw new ConflictException(label + " " + job.jobId() + " is being taken over by another server (its own left the cluster);"
                    + " stop it in a moment");
        }
        try {
            operator.stop(latest.getExecutionId());
        } catch (JobExecutionNotRunningException e) {
            throw new ConflictException(label + " " + job.jobId() + " is not running (" + latest.getBatchStatus() + ")");
        }
    }

    /** Restarts a stopped or failed job from its last checkpoint; 409 naming the job ({@code label}) if it cannot be. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void restart(BatchJob job, String label) {
        requireStarted(job, label);
        records.restart(job.jobId(), server(), label);
    }

    /**
     * The platform's job id of a running step, given its job-level {@value #JOB_ID} property; a job started before
     * that property existed is known by its instance id.
     */
    public static long jobIdOf(Properties jobProperties, long instanceId) {
        String id = jobProperties == null ? null : jobProperties.getProperty(JOB_ID);
        return id == null || id.isBlank() ? instanceId : Long.parseLong(id);
    }

    /** This server's node id in a cluster, or null. */
    private String server() {
        return cluster.clustered() ? cluster.nodeId() : null;
    }

    private static void requireStarted(BatchJob job, String label) {
        if (job.firstExecutionId() == 0) {
            throw new ConflictException(label + " " + job.jobId() + " is starting; try again in a moment");
        }
    }

    static List<JobExecution> executions(JobOperator operator, BatchJob job) {
        return operator.getJobExecutions(operator.getJobInstance(job.firstExecutionId()));
    }

    static JobExecution latest(List<JobExecution> executions) {
        return executions.stream().max(Comparator.comparingLong(JobExecution::getExecutionId)).orElseThrow();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
