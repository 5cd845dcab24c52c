package org.gridcharge.job.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** The platform's record of a batch job: its kind, whose data it may touch, what it read and wrote. */
@Entity
@Table(name = "batch_job")
@NamedQuery(name = "BatchJob.maxId", query = "SELECT MAX(j.jobId) FROM BatchJob j")
@NamedQuery(name = "BatchJob.claim", query = "UPDATE BatchJob j SET j.serverId = :to WHERE j.jobId = :jobId AND j.serverId = :from")
@NamedQuery(name = "BatchJob.owe", query = "UPDATE BatchJob j SET j.restartOwedFrom = :executionId WHERE j.jobId = :jobId")
@NamedQuery(name = "BatchJob.settle", query = "UPDATE BatchJob j SET j.restartOwedFrom = NULL WHERE j.jobId = :jobId")
@NamedQuery(name = "BatchJob.giveUp", query = "UPDATE BatchJob j SET j.restartOwedFrom = NULL WHERE j.jobId = :jobId"
        + " AND j.restartOwedFrom = :executionId AND j.serverId = :serverId")
public class BatchJob {

    /** Every CPO (a platform admin's job). */
    public static final String ALL_CPOS = "*";

    @Id
    @Column(name = "job_id")
    private long jobId;

    @Column(name = "first_execution_id", nullable = false)
    private long firstExecutionId;

    @Column(name = "kind", nullable = false, length = 32)
    private String kind;

    @Column(name = "cpo_scope", nullable = false, length = 2000)
    private String cpoScope;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "file_path", nullable = false, length = 500)
    private String filePath;

    @Column(name = "total_rows", nullable = false)
    private int totalRows;

    @Column(name = "written_rows", nullable = false)
    private int writtenRows;

    @Column(name = "server_id", length = 64)
    private String serverId;

    @Column(name = "restart_owed_from")
    private Long restartOwedFrom;

    protected BatchJob() {
        // for JPA
    }

    public BatchJob(long jobId, long firstExecutionId, String kind, String cpoScope, String createdBy, Instant createdAt, String filePath, int totalRows) {
        this.jobId = jobId;
        this.firstExecutionId = firstExecutionId;
        this.kind = kind;
        this.cpoScope = cpoScope;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.filePath = filePath;
        this.totalRows = totalRows;
    }

    /** The CPOs the job may touch, or null for all. */
    public Set<String> cpos() {
        return ALL_CPOS.equals(cpoScope) ? null : new TreeSet<>(Arrays.asList(cpoScope.split(",")));
    }

    /** The batch container started the job: this is its first execution. */
    public void started(long executionId) {
        this.firstExecutionId = executionId;
    }

    /** Its latest execution runs on this cluster member (null: not a cluster). */
    public void runsOn(String server) {
        this.serverId = server;
    }

    /** The cluster member its latest execution ran on, or null. */
    public String serverId() {
        return serverId;
    }

    /**
     * The execution its server failed when it took the job over from a server that left the cluster, and that it owes a
     * restart from; null when none is owed.
     */
    public Long restartOwedFrom() {
        return restartOwedFrom;
    }

    /** Whether the job is owed a restart from this execution: it reads as started until then. */
    public boolean restartOwed(long latestExecutionId) {
        return restartOwedFrom != null && restartOwedFrom == latestExecutionId;
    }

    /** The restart owed is done, or given up. */
    public void restartSettled() {
        restartOwedFrom = null;
    }

    public void wrote(int rows) {
        writtenRows += rows;
    }

    public long jobId() {
        return jobId;
    }

    /** The job's first execution: the batch container finds the job instance through it. */
    public long firstExecutionId() {
        return firstExecutionId;
    }

    public String kind() {
        return kind;
    }

    public String cpoScope() {
        return cpoScope;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String filePath() {
        return filePath;
    }

    public int totalRows() {
        return totalRows;
    }

    public int writtenRows() {
        return writtenRows;
    }
}
