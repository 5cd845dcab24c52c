package org.gridcharge.job.control;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridcharge.job.entity.BatchJob;
import org.gridcharge.platform.cluster.ClusterNode;
import org.gridcharge.platform.cluster.MemberEvicted;
import org.gridcharge.platform.cluster.MemberGone;

/**
 * A server of the cluster died while running batch jobs. The batch container marks a server's unfinished executions
 * failed only when that same server starts again, and refuses to restart an execution it still holds for running; so
 * the survivor that takes note of the death fails them, as that recovery would, and restarts each on itself from its
 * last checkpoint (its file lies in the directory the servers share). Only the survivor whose update failed an
 * execution restarts it, so a job is restarted once however many servers notice the death.
 *
 * <p>This writes the batch container's own tables ({@code batchPersistence} with the {@value #PREFIX} prefix in
 * {@code server.xml}): the status of the execution, its job instance and its unfinished steps; nothing else.
 */
@Stateless
public class JobFailover {

    private static final Logger LOG = Logger.getLogger(JobFailover.class.getName());

    /** The table prefix of the batch store configured in server.xml. */
    static final String PREFIX = "JBATCH_";

    private static final Set<BatchStatus> UNFINISHED = EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);

    /** The container's instance state "failed" (its InstanceState enumeration, stored by position). */
    private static final int INSTANCE_FAILED = 4;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ClusterNode cluster;

    @Inject
    Jobs jobs;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    /**
     * Another server's unfinished job executions fail, each in a transaction of its own. Never this server's own (its
     * clean stop announces it gone too: its jobs stop with it, restartable). Nothing here may fail the transaction it is
     * called in: that one also marks the dead server's stations offline.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onMemberGone(@Observes MemberGone gone) {
        if (gone.nodeId().equals(cluster.nodeId())) {
            return;
        }
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            for (BatchJob job : em.createNamedQuery("BatchJob.ranOn", BatchJob.class).setParameter("serverId", gone.nodeId()).getResultList()) {
                try {
                    JobExecution latest = latest(operator, job);
                    if (latest != null && UNFINISHED.contains(latest.getBatchStatus())
                            && context.getBusinessObject(JobFailover.class).failed(latest.getExecutionId())) {
                        jobs.restart(job, job.kind() + " job");
                        LOG.warning(() -> "Job " + job.jobId() + " (" + job.kind() + ") died with its server " + gone.nodeId()
                                + ": execution " + latest.getExecutionId() + " is failed, and the job goes on here from its last checkpoint");
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not fail and restart job " + job.jobId() + " of the dead server " + gone.nodeId()
                            + "; POST .../restart on any server goes on from its last checkpoint", e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not fail the jobs of the dead server " + gone.nodeId(), e);
        }
    }

    /**
     * The others took this server for dead (it was silent too long) and failed its running jobs, which any server may now
     * restart: they stop here, after their current chunk, so that two servers do not run one job.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onEvicted(@Observes MemberEvicted evicted) {
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            for (BatchJob job : em.createNamedQuery("BatchJob.ranOn", BatchJob.class).setParameter("serverId", cluster.nodeId()).getResultList()) {
                try {
                    JobExecution latest = latest(operator, job);
                    if (latest != null && !EnumSet.of(BatchStatus.COMPLETED, BatchStatus.ABANDONED, BatchStatus.STOPPED)
                            .contains(latest.getBatchStatus())) {
                        operator.stop(latest.getExecutionId());
                        LOG.warning(() -> "Job " + job.jobId() + " stopped: the cluster took this server for dead and failed it");
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.INFO, "Job " + job.jobId() + " was not stopped here (" + e + ")");
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not stop this server's jobs after its eviction", e);
        }
    }

    private static JobExecution latest(JobOperator operator, BatchJob job) {
        return operator.getJobExecutions(operator.getJobInstance(job.firstExecutionId())).stream()
                .max(Comparator.comparingLong(JobExecution::getExecutionId)).orElse(null);
    }

    /**
     * Fails the execution if it is still unfinished, with its unfinished steps and its job instance, as the container's
     * recovery at a server's start does; false if it had finished meanwhile (nothing is changed then).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean failed(long executionId) {
        Timestamp now = Timestamp.from(clock.instant());
        int failed = BatchStatus.FAILED.ordinal();
        String unfinished = "(" + BatchStatus.STARTING.ordinal() + ", " + BatchStatus.STARTED.ordinal() + ", " + BatchStatus.STOPPING.ordinal()
                + ")";
        // the execution first, only if unfinished: the rest follows only when it was (an exit status set is kept)
        if (em.createNativeQuery("UPDATE " + PREFIX + "JOBEXECUTION SET BATCHSTATUS = ?, EXITSTATUS = COALESCE(EXITSTATUS, ?), ENDTIME = ?,"
                + " UPDATETIME = ? WHERE JOBEXECID = ? AND BATCHSTATUS IN " + unfinished).setParameter(1, failed).setParameter(2, "FAILED")
                .setParameter(3, now).setParameter(4, now).setParameter(5, executionId).executeUpdate() != 1) {
            return false;
        }
        em.createNativeQuery("UPDATE " + PREFIX + "STEPTHREADEXECUTION SET BATCHSTATUS = ?, EXITSTATUS = COALESCE(EXITSTATUS, ?), ENDTIME = ?"
                + " WHERE FK_JOBEXECID = ? AND BATCHSTATUS IN " + unfinished).setParameter(1, failed).setParameter(2, "FAILED")
                .setParameter(3, now).setParameter(4, executionId).executeUpdate();
        em.createNativeQuery("UPDATE " + PREFIX + "JOBINSTANCE SET BATCHSTATUS = ?, INSTANCESTATE = ?, EXITSTATUS = COALESCE(EXITSTATUS, ?),"
                + " UPDATETIME = ? WHERE JOBINSTANCEID = (SELECT FK_JOBINSTANCEID FROM " + PREFIX + "JOBEXECUTION WHERE JOBEXECID = ?)")
                .setParameter(1, failed).setParameter(2, INSTANCE_FAILED).setParameter(3, "FAILED").setParameter(4, now)
                .setParameter(5, executionId).executeUpdate();
        return true;
    }
}
