package org.gridcharge.job.control;

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
     * The job is restarted on this server. A chunk of it still running on a server taken for dead holds the job's row
     * until it commits (see {@link Jobs#wrote}); this waits for it, but not for long if that server hangs.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void restarted(long jobId, String serverId) {
        coordination.waitForLocksAtMost(10);
        BatchJob job = em.find(BatchJob.class, jobId);
        if (job != null) {
            job.runsOn(serverId);
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
