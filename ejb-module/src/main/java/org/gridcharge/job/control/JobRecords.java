package org.gridcharge.job.control;

import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.persistence.LockModeType;
import java.util.EnumSet;
import org.gridcharge.platform.error.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.gridcharge.job.entity.BatchJob;

/** The job records, each change committed on its own: a job's record must be visible before the job's first step runs. */
@ApplicationScoped
public class JobRecords {

    @PersistenceContext
    EntityManager em;

    @jakarta.ejb.EJB
    org.gridcharge.platform.cluster.Coordination coordination;

    /**
     * Records a job about to start, under the next free id (ids go on from the highest used); throws if another
     * server took the same id at the same moment, and the caller tries again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long record(String kind, String scope, String createdBy, Instant at, String filePath, int totalRows) {
        Long highest = em.createNamedQuery("BatchJob.maxId", Long.class).getSingleResult();
        long jobId = highest == null ? 1 : highest + 1;
        em.persist(new BatchJob(jobId, 0, kind, scope, createdBy, at, filePath, totalRows));
        em.flush();
        return jobId;
    }

    /** The batch container started the job on this server ({@code serverId}: its cluster node id, null if not a cluster). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public BatchJob started(long jobId, long executionId, String serverId) {
        BatchJob job = em.find(BatchJob.class, jobId);
        job.started(executionId);
        job.runsOn(serverId);
        return job;
    }

    /**
     * Restarts the stopped or failed job on this server ({@code serverId}: its cluster node id, null if not a cluster),
     * holding the job's row in a cluster: a survivor restarting a job it took over holds it too, and a chunk still
     * running on a server taken for dead holds it until it commits (see {@link Jobs#wrote}), so whoever comes second
     * sees what the first did. 409 naming the job ({@code label}) if it cannot be restarted; nothing changes then.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void restart(long jobId, String serverId, String label) {
        coordination.waitForLocksAtMost(10);
        BatchJob job = em.find(BatchJob.class, jobId, serverId == null ? LockModeType.NONE : LockModeType.PESSIMISTIC_WRITE);
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution latest = Jobs.latest(Jobs.executions(operator, job));
        if (EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING).contains(latest.getBatchStatus())) {
            throw new ConflictException(label + " " + job.jobId() + " cannot be restarted: it is " + latest.getBatchStatus());
        }
        if (job.restartOwed(latest.getExecutionId())) {
            throw new ConflictException(label + " " + job.jobId() + " is being taken over by another server (its own left the cluster),"
                    + " and goes on there by itself");
        }
        job.runsOn(serverId); // rolled back with the 409 below if the container refuses
        try {
            operator.restart(latest.getExecutionId(), latest.getJobParameters());
        } catch (JobRestartException | JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException e) {
            throw new ConflictException(label + " " + job.jobId() + " cannot be restarted: it is " + latest.getBatchStatus());
        }
    }

    /** Removes the record of a job the batch container refused to start. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void forget(long jobId) {
        BatchJob job = em.find(BatchJob.class, jobId);
        if (job != null) {
            em.remove(job);
        }
    }
}
