package org.gridcharge.job.control;

import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridcharge.job.entity.BatchJob;
import org.gridcharge.platform.cluster.ClusterNode;
import org.gridcharge.platform.cluster.Coordination;
import org.gridcharge.platform.cluster.Judged;
import org.gridcharge.platform.cluster.Members;
import org.gridcharge.platform.error.ConflictException;

/**
 * A server of the cluster died while running batch jobs. The batch container marks a server's unfinished executions
 * failed only when that same server starts again, and refuses to restart an execution it still holds for running; so
 * the survivors take each job over: in one transaction a survivor records the job as its own and fails the execution
 * with the exit status {@value #TAKEN_OVER}, as that recovery would, then restarts the job on itself from its last
 * checkpoint (its file lies in the directory the servers share). Only the survivor whose update claimed the job
 * restarts it, so a job is restarted once however many servers look.
 *
 * <p>Every server looks on each of its heartbeats (a {@link Judged}), for the jobs still running on a server that is no
 * longer a member, and for its own jobs whose restart it owes: so a takeover does not depend on the one survivor that
 * noticed the death staying up, and a restart that failed (the database, a lock) is tried again. Meanwhile the job
 * shows as started ({@link #restartOwed}): it goes on, only not yet.
 *
 * <p>A server that hung (rather than died) in the instant its chunk held the job's row (see {@link Jobs#wrote}) keeps
 * that row locked until it wakes or its connection dies. A takeover then waits at most {@value #LOCK_WAIT_SECONDS} s,
 * changes nothing, and is tried again on the next heartbeat, until the row is free or the hung server is a member again
 * (it woke, and its jobs go on there). A job stopping ({@code STOPPING}) is not taken over: someone asked it to stop.
 *
 * <p>This writes the batch container's own tables ({@code batchPersistence} with the {@value #PREFIX} prefix in
 * {@code server.xml}): the status of the execution, its job instance and its unfinished steps; nothing else.
 */
@Stateless
public class JobFailover {

    private static final Logger LOG = Logger.getLogger(JobFailover.class.getName());

    /** The table prefix of the batch store configured in server.xml. */
    static final String PREFIX = "JBATCH_";

    /** The exit status of an execution failed because its server left the cluster: its job is owed a restart. */
    public static final String TAKEN_OVER = "TAKEN_OVER";

    /** How long one takeover waits for a row that a hung server's chunk holds. */
    static final int LOCK_WAIT_SECONDS = 2;

    /** PostgreSQL's SQL state of a statement cancelled by {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** The container's instance state "failed" (its InstanceState enumeration, stored by position). */
    private static final int INSTANCE_FAILED = 4;

    /** Whether a look is under way on this server: heartbeats do not pile looks up behind a slow one. */
    private static final AtomicBoolean LOOKING = new AtomicBoolean();

    /** The jobs whose takeover waits for a hung server's chunk, said once each. */
    private static final Set<Long> WAITING = ConcurrentHashMap.newKeySet();

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
    ManagedExecutorService executor;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    /** Whether the latest execution of a job failed because its server left, and the job is still to be restarted. */
    public static boolean restartOwed(BatchStatus status, String exitStatus) {
        return status == BatchStatus.FAILED && TAKEN_OVER.equals(exitStatus);
    }

    /**
     * This server wrote its heartbeat: it looks for jobs to take over or to restart, on a thread of its own (a takeover
     * waiting for locks must not hold the heartbeat up), unless a look is still under way.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onJudged(@Observes Judged judged) {
        if (!LOOKING.compareAndSet(false, true)) {
            return;
        }
        JobFailover self = context.getBusinessObject(JobFailover.class);
        try {
            executor.execute(() -> {
                try {
                    self.look();
                } finally {
                    LOOKING.set(false);
                }
            });
        } catch (RuntimeException e) {
            LOOKING.set(false);
            LOG.log(Level.WARNING, "Could not look for the jobs of servers gone from the cluster; the next heartbeat tries again", e);
        }
    }

    /**
     * Takes over the running jobs of servers that are no longer members, and restarts this server's jobs whose restart
     * it owes; each job on its own.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void look() {
        Map<String, Boolean> isMember = new HashMap<>();
        for (Running job : running()) {
            try {
                if (job.serverId().equals(cluster.nodeId())) {
                    if (restartOwed(job.status(), job.exitStatus())) {
                        restart(job.jobId(), job.executionId());
                    }
                } else if (!isMember.computeIfAbsent(job.serverId(), members::isMember)) {
                    // running there, or failed by a survivor that left before restarting it: the claim moves it here
                    takeOver(job);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not take over or restart job " + job.jobId() + " of server " + job.serverId()
                        + "; the next heartbeat tries again", e);
            }
        }
    }

    private void takeOver(Running job) {
        Claim claim = context.getBusinessObject(JobFailover.class).claim(job.jobId(), job.serverId(), job.executionId());
        if (claim == Claim.LOCKED) {
            if (WAITING.add(job.jobId())) {
                LOG.info(() -> "Job " + job.jobId() + " of the silent server " + job.serverId() + " is held by a chunk of it that has not"
                        + " ended (the server hung inside it); taking it over is tried again on each heartbeat");
            }
            return;
        }
        WAITING.remove(job.jobId());
        if (claim == Claim.RESTART) {
            LOG.warning(() -> "Job " + job.jobId() + " died with its server " + job.serverId() + ": execution " + job.executionId()
                    + " is failed, and the job goes on here from its last checkpoint");
            restart(job.jobId(), job.executionId());
        }
    }

    /** Restarts a job taken over; if the batch container refuses for good, the job is failed as it is (409 to a restart). */
    private void restart(long jobId, long executionId) {
        BatchJob job = jobs.find(jobId);
        if (job == null) {
            return;
        }
        try {
            jobs.restart(job, job.kind() + " job");
            LOG.info(() -> "Job " + jobId + " (" + job.kind() + ") restarted here after execution " + executionId);
        } catch (ConflictException e) {
            LOG.warning(() -> "Job " + jobId + " was taken over, but cannot be restarted (" + e.getMessage() + "); it stays failed");
            context.getBusinessObject(JobFailover.class).giveUp(executionId);
        }
    }

    /** The execution's job is not owed a restart any more: it shows as failed. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void giveUp(long executionId) {
        em.createNativeQuery("UPDATE " + PREFIX + "JOBEXECUTION SET EXITSTATUS = ? WHERE JOBEXECID = ? AND EXITSTATUS = ?")
                .setParameter(1, "FAILED").setParameter(2, executionId).setParameter(3, TAKEN_OVER).executeUpdate();
    }

    /** A job recorded as running on a server, with its latest execution. */
    record Running(long jobId, String serverId, long executionId, BatchStatus status, String exitStatus) {
    }

    /**
     * The jobs recorded for a server whose latest execution is starting or started, or failed with a restart owed: in the batch
     * container's tables, in one query.
     */
    @SuppressWarnings("unchecked")
    private List<Running> running() {
        String statuses = BatchStatus.STARTING.ordinal() + ", " + BatchStatus.STARTED.ordinal();
        List<Object[]> rows = em.createNativeQuery("SELECT j.job_id, j.server_id, e.JOBEXECID, e.BATCHSTATUS, e.EXITSTATUS FROM batch_job j"
                + " JOIN " + PREFIX + "JOBEXECUTION f ON f.JOBEXECID = j.first_execution_id"
                + " JOIN " + PREFIX + "JOBEXECUTION e ON e.FK_JOBINSTANCEID = f.FK_JOBINSTANCEID"
                + " WHERE j.server_id IS NOT NULL AND e.JOBEXECID = (SELECT MAX(x.JOBEXECID) FROM " + PREFIX + "JOBEXECUTION x"
                + " WHERE x.FK_JOBINSTANCEID = f.FK_JOBINSTANCEID)"
                + " AND (e.BATCHSTATUS IN (" + statuses + ") OR (e.BATCHSTATUS = ? AND e.EXITSTATUS = ?))")
                .setParameter(1, BatchStatus.FAILED.ordinal()).setParameter(2, TAKEN_OVER).getResultList();
        List<Running> result = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            result.add(new Running(((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).longValue(),
                    BatchStatus.values()[((Number) row[3]).intValue()], (String) row[4]));
        }
        return result;
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

    /** Fails the execution if it is still unfinished (see {@link #claim}); false if it had finished meanwhile. */
    private boolean failed(long executionId) {
        Timestamp now = Timestamp.from(clock.instant());
        int failed = BatchStatus.FAILED.ordinal();
        String unfinished = "(" + BatchStatus.STARTING.ordinal() + ", " + BatchStatus.STARTED.ordinal() + ", " + BatchStatus.STOPPING.ordinal()
                + ")";
        // the execution first, only if unfinished (or failed by a taker that died before restarting it): the rest follows
        // only when it was. Its exit status says that its job is owed a restart.
        if (em.createNativeQuery("UPDATE " + PREFIX + "JOBEXECUTION SET BATCHSTATUS = ?, EXITSTATUS = ?, ENDTIME = COALESCE(ENDTIME, ?),"
                + " UPDATETIME = ? WHERE JOBEXECID = ? AND (BATCHSTATUS IN " + unfinished + " OR (BATCHSTATUS = ? AND EXITSTATUS = ?))")
                .setParameter(1, failed).setParameter(2, TAKEN_OVER).setParameter(3, now).setParameter(4, now).setParameter(5, executionId)
                .setParameter(6, failed).setParameter(7, TAKEN_OVER).executeUpdate() != 1) {
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
