package org.gridcharge.job.control;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridcharge.job.entity.BatchJob;
import org.gridcharge.platform.cluster.ClusterNode;
import org.gridcharge.platform.cluster.Coordination;
import org.gridcharge.platform.cluster.MemberGone;
import org.gridcharge.platform.cluster.Members;

/**
 * A server of the cluster died while running batch jobs. The batch container marks a server's unfinished executions
 * failed only when that same server starts again, and refuses to restart an execution it still holds for running; so
 * the survivor that takes note of the death takes each job over: in one transaction it records the job as its own and
 * fails the execution, as that recovery would, then restarts the job on itself from its last checkpoint (its file lies
 * in the directory the servers share). Only the survivor whose update claimed the job restarts it, so a job is restarted
 * once however many servers notice the death.
 *
 * <p>A server that hung (rather than died) in the instant its chunk held the job's row (see {@link Jobs#wrote}) keeps
 * that row locked until it wakes or its connection dies. The takeover then waits at most {@value #LOCK_WAIT_SECONDS} s,
 * changes nothing, and is tried again every heartbeat until the row is free, or until the hung server is a member again
 * (it woke, and its jobs go on there).
 *
 * <p>This writes the batch container's own tables ({@code batchPersistence} with the {@value #PREFIX} prefix in
 * {@code server.xml}): the status of the execution, its job instance and its unfinished steps; nothing else.
 */
@Stateless
public class JobFailover {

    private static final Logger LOG = Logger.getLogger(JobFailover.class.getName());

    /** The table prefix of the batch store configured in server.xml. */
    static final String PREFIX = "JBATCH_";

    /** How long one takeover waits for a row that a hung server's chunk holds. */
    static final int LOCK_WAIT_SECONDS = 2;

    /** PostgreSQL's SQL state of a statement cancelled by {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

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

    @jakarta.ejb.EJB
    Members members;

    @jakarta.ejb.EJB
    Coordination coordination;

    @jakarta.annotation.Resource
    ManagedScheduledExecutorService scheduler;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    /**
     * Takes another server's unfinished jobs over, on a thread of its own. Never this server's own (its clean stop
     * announces it gone too: its jobs stop with it, restartable). Nothing here may fail the transaction it is called in:
     * that one also marks the dead server's stations offline.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onMemberGone(@Observes MemberGone gone) {
        if (!gone.nodeId().equals(cluster.nodeId())) {
            // not on the caller's thread: it is this server's heartbeat, which a takeover waiting for locks must not hold up
            JobFailover self = context.getBusinessObject(JobFailover.class);
            String goneNode = gone.nodeId();
            try {
                scheduler.execute(() -> self.takeOver(goneNode, 1));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not take over the jobs of the dead server " + goneNode
                        + "; POST .../restart on any server goes on from their last checkpoints", e);
            }
        }
    }

    /**
     * Takes the gone server's unfinished jobs over, each on its own; if the row of one is still locked by that server (it
     * hung inside a chunk), tries again after a heartbeat.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void takeOver(String goneNode, int attempt) {
        int waiting = 0;
        try {
            if (attempt > 1 && members.isMember(goneNode)) {
                LOG.info(() -> "Server " + goneNode + " is back: the jobs nobody could take from it go on there");
                return;
            }
            JobOperator operator = BatchRuntime.getJobOperator();
            for (BatchJob job : em.createNamedQuery("BatchJob.ranOn", BatchJob.class).setParameter("serverId", goneNode).getResultList()) {
                try {
                    JobExecution latest = latest(operator, job);
                    if (latest == null || !UNFINISHED.contains(latest.getBatchStatus())) {
                        continue;
                    }
                    Claim claim = context.getBusinessObject(JobFailover.class).claim(job.jobId(), goneNode, latest.getExecutionId());
                    if (claim == Claim.RESTART) {
                        jobs.restart(job, job.kind() + " job");
                        LOG.warning(() -> "Job " + job.jobId() + " (" + job.kind() + ") died with its server " + goneNode
                                + ": execution " + latest.getExecutionId() + " is failed, and the job goes on here from its last checkpoint");
                    } else if (claim == Claim.LOCKED) {
                        waiting++;
                        LOG.info(() -> "Job " + job.jobId() + " of the silent server " + goneNode + " is held by a chunk of it that has not"
                                + " ended (the server hung inside it); taking it over is tried again after a heartbeat");
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not take over job " + job.jobId() + " of the dead server " + goneNode
                            + "; POST .../restart on any server goes on from its last checkpoint", e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not take over the jobs of the dead server " + goneNode, e);
        }
        if (waiting > 0) {
            JobFailover self = context.getBusinessObject(JobFailover.class);
            scheduler.schedule(() -> self.takeOver(goneNode, attempt + 1), cluster.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** What a takeover of one job came to. */
    public enum Claim {
        /** The job is this server's now, its execution failed: restart it. */
        RESTART,
        /** Another survivor took it, or it had finished meanwhile: nothing to do. */
        NOTHING,
        /** A transaction of the gone server still holds the job's row: nothing was changed; try again later. */
        LOCKED
    }

    /** Whether a statement gave up waiting for a lock (PostgreSQL's {@code lock_timeout}). */
    static boolean lockedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records the job as this server's, if it is still the gone server's, and fails its execution if still unfinished,
     * with its unfinished steps and its job instance, as the container's recovery at a server's start does. Waits at most
     * {@value #LOCK_WAIT_SECONDS} s for a lock; then rolls back and says {@link Claim#LOCKED}.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Claim claim(long jobId, String goneNode, long executionId) {
        try {
            coordination.waitForLocksAtMost(LOCK_WAIT_SECONDS);
            if (em.createNamedQuery("BatchJob.claim").setParameter("to", cluster.nodeId()).setParameter("from", goneNode)
                    .setParameter("jobId", jobId).executeUpdate() != 1) {
                return Claim.NOTHING;
            }
            return failed(executionId) ? Claim.RESTART : Claim.NOTHING;
        } catch (jakarta.persistence.PersistenceException e) {
            if (!lockedOut(e)) {
                throw e;
            }
            context.setRollbackOnly();
            return Claim.LOCKED;
        }
    }

    private static JobExecution latest(JobOperator operator, BatchJob job) {
        return operator.getJobExecutions(operator.getJobInstance(job.firstExecutionId())).stream()
                .max(Comparator.comparingLong(JobExecution::getExecutionId)).orElse(null);
    }

    /** Fails the execution if it is still unfinished (see {@link #claim}); false if it had finished meanwhile. */
    private boolean failed(long executionId) {
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
