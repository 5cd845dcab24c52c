package org.gridcharge.job.control;

import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
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
import java.util.EnumSet;
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

/**
 * A server of the cluster died while running batch jobs. The batch container marks a server's unfinished executions
 * failed only when that same server starts again, and refuses to restart an execution it still holds for running; so
 * the survivors take each job over. In one transaction a survivor records the job as its own, fails the execution as
 * that recovery would (exit status {@value #TAKEN_OVER}), and records that it owes the job a restart from that execution
 * ({@code batch_job.restart_owed_from}); then it restarts the job on itself from its last checkpoint (its file lies in
 * the directory the servers share). Only the survivor whose update claimed the job restarts it, and it restarts it only
 * while holding the job's row and only if still owed: so a job goes on once however many servers look.
 *
 * <p>Every server looks on each of its heartbeats (a {@link Judged}) for the jobs running on a server that is no longer a
 * member, and for its own jobs owed a restart: a takeover does not depend on the one survivor that noticed the death
 * staying up, and a restart that failed (the database, a lock) is tried again, at most {@value #MAX_RESTART_TRIES} times.
 * Until then the job reads as started ({@link Jobs#progress}), and neither an operator's stop nor restart applies to it.
 * A job that was stopping when its server left is recorded as stopped, not restarted: someone asked it to stop.
 *
 * <p>A server that hung (rather than died) in the instant its chunk held the job's row (see {@link Jobs#wrote}) keeps
 * that row locked until it wakes or its connection dies. A takeover then waits at most {@value #LOCK_WAIT_SECONDS} s,
 * changes nothing, and is tried again on the next heartbeat, until the row is free or the hung server is a member again
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

    /** The exit status of an execution failed because its server left the cluster (for whoever reads the container's records). */
    public static final String TAKEN_OVER = "TAKEN_OVER";

    /** How long one takeover waits for a row that a hung server's chunk holds. */
    static final int LOCK_WAIT_SECONDS = 2;

    /** How many times a restart of a job taken over is tried (a heartbeat apart) before the job is left failed. */
    static final int MAX_RESTART_TRIES = 10;

    /** PostgreSQL's SQL state of a statement cancelled by {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** The container's instance states "failed" and "stopped" (its InstanceState enumeration, stored by position). */
    private static final int INSTANCE_FAILED = 4;
    private static final int INSTANCE_STOPPED = 5;

    private static final String RUNNING = "(" + BatchStatus.STARTING.ordinal() + ", " + BatchStatus.STARTED.ordinal() + ")";
    private static final String UNFINISHED = "(" + BatchStatus.STARTING.ordinal() + ", " + BatchStatus.STARTED.ordinal() + ", "
            + BatchStatus.STOPPING.ordinal() + ")";

    /** Whether a look is under way on this server: heartbeats do not pile looks up behind a slow one. */
    private static final AtomicBoolean LOOKING = new AtomicBoolean();

    /** The jobs whose takeover waits for a lock, said once each. */
    private static final Set<Long> WAITING = ConcurrentHashMap.newKeySet();

    /** Restarts tried and failed, by job. */
    private static final Map<Long, Integer> ATTEMPTS = new ConcurrentHashMap<>();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ClusterNode cluster;

    @jakarta.ejb.EJB
    Members members;

    @jakarta.ejb.EJB
    Coordination coordination;

    @jakarta.annotation.Resource
    ManagedExecutorService executor;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

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
     * Takes over the unfinished jobs of servers that are no longer members (and those a taker that left still owed a
     * restart), and restarts this server's jobs owed one; each job on its own.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void look() {
        Map<String, Boolean> isMember = new HashMap<>();
        List<Candidate> candidates = candidates();
        JobFailover self = context.getBusinessObject(JobFailover.class);
        for (Candidate job : candidates) {
            try {
                if (job.serverId().equals(cluster.nodeId())) {
                    if (job.owedFrom() != null) {
                        restartTaken(self, job.jobId(), job.owedFrom());
                    }
                } else if (!isMember.computeIfAbsent(job.serverId(), members::isMember)) {
                    takeOver(self, job);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not take over or restart job " + job.jobId() + " of server " + job.serverId()
                        + "; the next heartbeat tries again", e);
            }
        }
        Set<Long> ids = new java.util.HashSet<>();
        candidates.forEach(job -> ids.add(job.jobId()));
        WAITING.retainAll(ids);
        ATTEMPTS.keySet().retainAll(ids);
    }

    private void takeOver(JobFailover self, Candidate job) {
        Claim claim = self.claim(job.jobId(), job.serverId(), job.executionId());
        if (claim == Claim.LOCKED) {
            if (WAITING.add(job.jobId())) {
                LOG.info(() -> "Job " + job.jobId() + " of the silent server " + job.serverId() + " is locked by a transaction that has"
                        + " not ended (that server hung inside a chunk, or another server is taking the job over); taking it over is"
                        + " tried again on each heartbeat");
            }
            return;
        }
        WAITING.remove(job.jobId());
        switch (claim) {
            case STOPPED -> LOG.warning(() -> "Job " + job.jobId() + " was stopping when its server " + job.serverId() + " left the"
                    + " cluster: execution " + job.executionId() + " is recorded as stopped (POST .../restart goes on from its last checkpoint)");
            case RESTART -> {
                LOG.warning(() -> "Job " + job.jobId() + " died with its server " + job.serverId() + ": execution " + job.executionId()
                        + " is failed, and the job goes on here from its last checkpoint");
                restartTaken(self, job.jobId(), job.executionId());
            }
            default -> {
                // another server took it, or it finished meanwhile
            }
        }
    }

    /** Restarts a job taken over; gives up (the job reads failed) when the batch container refuses, or after many tries. */
    private void restartTaken(JobFailover self, long jobId, long executionId) {
        Restart outcome;
        try {
            outcome = self.restart(jobId, executionId);
        } catch (RuntimeException e) {
            int tries = ATTEMPTS.merge(jobId, 1, Integer::sum);
            if (tries < MAX_RESTART_TRIES) {
                LOG.log(Level.WARNING, "Could not restart job " + jobId + " taken over (try " + tries + "); the next heartbeat tries again", e);
                return;
            }
            LOG.log(Level.WARNING, "Job " + jobId + " was taken over but could not be restarted in " + tries + " tries; it stays failed"
                    + " (POST .../restart goes on from its last checkpoint)", e);
            outcome = Restart.REFUSED;
        }
        switch (outcome) {
            case DONE -> {
                ATTEMPTS.remove(jobId);
                LOG.info(() -> "Job " + jobId + " restarted here after execution " + executionId);
            }
            case REFUSED -> {
                ATTEMPTS.remove(jobId);
                self.giveUp(jobId, executionId);
            }
            default -> {
                // not owed any more, or locked: the next look sees
            }
        }
    }

    /** What a restart of a job taken over came to. */
    public enum Restart {
        /** Restarted here. */
        DONE,
        /** Not this server's to restart, or no longer owed: nothing done. */
        NOT_OWED,
        /** Another transaction holds the job's row, or its execution still runs: tried again on the next heartbeat. */
        LATER,
        /** The batch container refuses to restart it. */
        REFUSED
    }

    /**
     * Restarts the job taken over, if it is still this server's and still owed its restart from this very execution, the
     * latest: checked and restarted while holding the job's row, so that a second look, or the look of a server that hung
     * in between and was taken over itself, cannot restart it twice. The batch container's operator runs outside this
     * transaction (it suspends it); the new execution's first chunk waits for the row until this commits.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Restart restart(long jobId, long executionId) {
        BatchJob job;
        try {
            coordination.waitForLocksAtMost(LOCK_WAIT_SECONDS);
            job = em.find(BatchJob.class, jobId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        } catch (jakarta.persistence.PersistenceException e) {
            if (!lockedOut(e)) {
                throw e;
            }
            context.setRollbackOnly();
            return Restart.LATER;
        }
        if (job == null || !cluster.nodeId().equals(job.serverId()) || !job.restartOwed(executionId)) {
            return Restart.NOT_OWED;
        }
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution latest = Jobs.latest(Jobs.executions(operator, job));
        if (latest.getExecutionId() != executionId) {
            job.restartSettled(); // restarted meanwhile
            return Restart.NOT_OWED;
        }
        try {
            operator.restart(executionId, latest.getJobParameters());
        } catch (JobRestartException | JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException e) {
            JobExecution now = Jobs.latest(Jobs.executions(operator, job));
            if (now.getExecutionId() == executionId && EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING)
                    .contains(now.getBatchStatus())) {
                // the server it was taken from woke and marked it running again: its chunks are refused (this server holds
                // the job), it fails, and the next look restarts it
                return Restart.LATER;
            }
            LOG.warning(() -> "Job " + jobId + " was taken over, but the batch container refuses to restart it (" + e + ")");
            return Restart.REFUSED;
        }
        job.restartSettled();
        return Restart.DONE;
    }

    /** The job is not owed a restart any more: it reads as failed, and an operator may restart it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void giveUp(long jobId, long executionId) {
        if (em.createNamedQuery("BatchJob.giveUp").setParameter("jobId", jobId).setParameter("executionId", executionId)
                .setParameter("serverId", cluster.nodeId()).executeUpdate() != 1) {
            return; // not this server's, or not owed from this execution, any more
        }
        em.createNativeQuery("UPDATE " + PREFIX + "JOBEXECUTION SET EXITSTATUS = ? WHERE JOBEXECID = ? AND EXITSTATUS = ?")
                .setParameter(1, "FAILED").setParameter(2, executionId).setParameter(3, TAKEN_OVER).executeUpdate();
    }

    /** A job recorded for a server, with its latest execution, and the execution it is owed a restart from (or null). */
    record Candidate(long jobId, String serverId, long executionId, Long owedFrom) {
    }

    /**
     * The jobs recorded for a server whose latest execution is unfinished, or that are owed a restart: in the batch
     * container's tables and the platform's, in one query.
     */
    @SuppressWarnings("unchecked")
    private List<Candidate> candidates() {
        List<Object[]> rows = em.createNativeQuery("SELECT j.job_id, j.server_id, e.JOBEXECID, j.restart_owed_from FROM batch_job j"
                + " JOIN " + PREFIX + "JOBEXECUTION f ON f.JOBEXECID = j.first_execution_id"
                + " JOIN " + PREFIX + "JOBEXECUTION e ON e.FK_JOBINSTANCEID = f.FK_JOBINSTANCEID"
                + " WHERE j.server_id IS NOT NULL AND (j.restart_owed_from IS NOT NULL OR e.BATCHSTATUS IN " + UNFINISHED + ")"
                + " AND e.JOBEXECID = (SELECT MAX(x.JOBEXECID) FROM " + PREFIX + "JOBEXECUTION x WHERE x.FK_JOBINSTANCEID = f.FK_JOBINSTANCEID)")
                .getResultList();
        List<Candidate> result = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            result.add(new Candidate(((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).longValue(),
                    row[3] == null ? null : ((Number) row[3]).longValue()));
        }
        return result;
    }

    /** What a takeover of one job came to. */
    public enum Claim {
        /** The job is this server's now, its execution failed: restart it. */
        RESTART,
        /** The job was stopping: it is this server's now, and its execution is recorded as stopped. */
        STOPPED,
        /** Another survivor took it, or it had finished meanwhile: nothing to do. */
        NOTHING,
        /** A transaction still holds the job's row: nothing was changed; try again later. */
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
     * Records the job as this server's, if it is still the gone server's. Its latest execution, if stopping, is recorded
     * as stopped; if running, it is failed as the container's recovery at a server's start does (with its unfinished steps
     * and its job instance), and the job is owed a restart from it; if a taker that left owed the job a restart, this
     * server owes it now. Waits at most {@value #LOCK_WAIT_SECONDS} s for a lock; then rolls back and says
     * {@link Claim#LOCKED}.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Claim claim(long jobId, String goneNode, long executionId) {
        try {
            coordination.waitForLocksAtMost(LOCK_WAIT_SECONDS);
            if (em.createNamedQuery("BatchJob.claim").setParameter("to", cluster.nodeId()).setParameter("from", goneNode)
                    .setParameter("jobId", jobId).executeUpdate() != 1) {
                return Claim.NOTHING;
            }
            // the row is locked now: what was read before taking it may have changed (the gone server woke and restarted
            // the job, or settled what it owed); then nothing is taken, and the next look reads again
            Object[] now = (Object[]) em.createNativeQuery("SELECT j.restart_owed_from, (SELECT MAX(e.JOBEXECID) FROM " + PREFIX
                    + "JOBEXECUTION e WHERE e.FK_JOBINSTANCEID = f.FK_JOBINSTANCEID) FROM batch_job j JOIN " + PREFIX
                    + "JOBEXECUTION f ON f.JOBEXECID = j.first_execution_id WHERE j.job_id = ?").setParameter(1, jobId).getSingleResult();
            Long owed = now[0] == null ? null : ((Number) now[0]).longValue();
            if (now[1] == null || ((Number) now[1]).longValue() != executionId) {
                context.setRollbackOnly();
                return Claim.NOTHING;
            }
            if (stopped(executionId)) {
                em.createNamedQuery("BatchJob.settle").setParameter("jobId", jobId).executeUpdate();
                return Claim.STOPPED;
            }
            if (failed(executionId)) {
                em.createNamedQuery("BatchJob.owe").setParameter("executionId", executionId).setParameter("jobId", jobId).executeUpdate();
                return Claim.RESTART;
            }
            if (owed != null && owed == executionId) {
                return Claim.RESTART; // its taker left before restarting it: this server owes the restart now
            }
            context.setRollbackOnly(); // it ended meanwhile, and nothing is owed: the job stays where it is
            return Claim.NOTHING;
        } catch (jakarta.persistence.PersistenceException e) {
            if (!lockedOut(e)) {
                throw e;
            }
            context.setRollbackOnly();
            return Claim.LOCKED;
        }
    }

    /**
     * Records the execution as stopped if it was stopping (someone asked it to stop, and its server left before it did),
     * with its unfinished steps and its job instance; false if it was not stopping.
     */
    private boolean stopped(long executionId) {
        Timestamp now = Timestamp.from(clock.instant());
        int stopped = BatchStatus.STOPPED.ordinal();
        if (em.createNativeQuery("UPDATE " + PREFIX + "JOBEXECUTION SET BATCHSTATUS = ?, EXITSTATUS = COALESCE(EXITSTATUS, ?), ENDTIME = ?,"
                + " UPDATETIME = ? WHERE JOBEXECID = ? AND BATCHSTATUS = ?").setParameter(1, stopped).setParameter(2, "STOPPED")
                .setParameter(3, now).setParameter(4, now).setParameter(5, executionId).setParameter(6, BatchStatus.STOPPING.ordinal())
                .executeUpdate() != 1) {
            return false;
        }
        settleRest(executionId, stopped, INSTANCE_STOPPED, "STOPPED", now);
        return true;
    }

    /** Fails the execution if it is still running (see {@link #claim}); false if it had ended meanwhile. */
    private boolean failed(long executionId) {
        Timestamp now = Timestamp.from(clock.instant());
        int failed = BatchStatus.FAILED.ordinal();
        // the execution first, only if running: the rest follows only when it was
        if (em.createNativeQuery("UPDATE " + PREFIX + "JOBEXECUTION SET BATCHSTATUS = ?, EXITSTATUS = ?, ENDTIME = ?,"
                + " UPDATETIME = ? WHERE JOBEXECID = ? AND BATCHSTATUS IN " + RUNNING).setParameter(1, failed).setParameter(2, TAKEN_OVER)
                .setParameter(3, now).setParameter(4, now).setParameter(5, executionId).executeUpdate() != 1) {
            return false;
        }
        settleRest(executionId, failed, INSTANCE_FAILED, "FAILED", now);
        return true;
    }

    /** The execution's unfinished steps and its job instance end as it did (an exit status already set is kept). */
    private void settleRest(long executionId, int batchStatus, int instanceState, String exitStatus, Timestamp now) {
        em.createNativeQuery("UPDATE " + PREFIX + "STEPTHREADEXECUTION SET BATCHSTATUS = ?, EXITSTATUS = COALESCE(EXITSTATUS, ?), ENDTIME = ?"
                + " WHERE FK_JOBEXECID = ? AND BATCHSTATUS IN " + UNFINISHED).setParameter(1, batchStatus).setParameter(2, exitStatus)
                .setParameter(3, now).setParameter(4, executionId).executeUpdate();
        em.createNativeQuery("UPDATE " + PREFIX + "JOBINSTANCE SET BATCHSTATUS = ?, INSTANCESTATE = ?, EXITSTATUS = COALESCE(EXITSTATUS, ?),"
                + " UPDATETIME = ? WHERE JOBINSTANCEID = (SELECT FK_JOBINSTANCEID FROM " + PREFIX + "JOBEXECUTION WHERE JOBEXECID = ?)")
                .setParameter(1, batchStatus).setParameter(2, instanceState).setParameter(3, exitStatus).setParameter(4, now)
                .setParameter(5, executionId).executeUpdate();
    }
}
