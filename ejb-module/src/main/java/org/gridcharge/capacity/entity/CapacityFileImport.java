package org.gridcharge.capacity.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One import of a capacity file (a batch job of its own, under the same id): the file, the group it is for, and how it
 * ended: {@code running}, {@code imported} (the profile replaced), {@code unchanged} (the same content as the last
 * file imported), {@code rejected} (rows that break the rules; nothing changed) or {@code failed} (no file to read, or
 * no group to import it into; nothing changed).
 */
@Entity
@Table(name = "capacity_file_import")
@NamedQuery(name = "CapacityFileImport.ofGroup",
        query = "SELECT i FROM CapacityFileImport i WHERE i.groupId = :groupId ORDER BY i.jobId DESC")
@NamedQuery(name = "CapacityFileImport.countOfGroup", query = "SELECT COUNT(i) FROM CapacityFileImport i WHERE i.groupId = :groupId")
@NamedQuery(name = "CapacityFileImport.runningGroups",
        query = "SELECT DISTINCT i.groupId FROM CapacityFileImport i WHERE i.outcome = 'running' AND i.groupId IS NOT NULL")
public class CapacityFileImport {

    public static final String RUNNING = "running";
    public static final String IMPORTED = "imported";
    public static final String UNCHANGED = "unchanged";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "job_id")
    private long jobId;

    @Column(name = "group_id", length = 36)
    private String groupId;

    @Column(name = "cpo_id", length = 64)
    private String cpoId;

    @Column(name = "origin", nullable = false, length = 8)
    private String origin;

    @Column(name = "file_name", nullable = false, length = 500)
    private String fileName;

    @Column(name = "file_path", nullable = false, length = 1000)
    private String filePath;

    @Column(name = "sha256", length = 64)
    private String sha256;

    @Column(name = "outcome", nullable = false, length = 16)
    private String outcome = RUNNING;

    @Column(name = "reason", length = 1000)
    private String reason;

    @Column(name = "periods", nullable = false)
    private int periods;

    @Column(name = "rejected_rows", nullable = false)
    private int rejectedRows;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @OneToMany(mappedBy = "fileImport", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("seq")
    private List<CapacityFileRejection> rejections = new ArrayList<>();

    protected CapacityFileImport() {
        // for JPA
    }

    public CapacityFileImport(long jobId, String groupId, String cpoId, String origin, String fileName, String filePath, Instant createdAt) {
        this.jobId = jobId;
        this.groupId = groupId;
        this.cpoId = cpoId;
        this.origin = origin;
        this.fileName = fileName;
        this.filePath = filePath;
        this.createdAt = createdAt;
    }

    /** The most rejected rows kept with their reasons; the others are counted. */
    public static final int KEPT_REJECTIONS = 1000;

    /** How the import ended; the rejected rows, if any, go with it (the first {@value #KEPT_REJECTIONS}). */
    public void ended(String outcome, String reason, String sha256, int periods, List<FileRejection> rejected, Instant at) {
        this.outcome = outcome;
        this.reason = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
        this.sha256 = sha256;
        this.periods = periods;
        this.finishedAt = at;
        this.rejectedRows = rejected.size();
        rejections.clear();
        for (int i = 0; i < Math.min(KEPT_REJECTIONS, rejected.size()); i++) {
            rejections.add(new CapacityFileRejection(this, i, rejected.get(i)));
        }
    }

    /** How many rows were refused (with their reasons: the first {@value #KEPT_REJECTIONS}). */
    public int rejectedRows() {
        return rejectedRows;
    }

    /** A row of a file that breaks a rule: its line (1 is the header or the first line), column and why. */
    public record FileRejection(Integer line, String column, String reason) {
    }

    /** The file now lies here (processed/ or rejected/). */
    public void movedTo(String path) {
        this.filePath = path;
    }

    public long jobId() {
        return jobId;
    }

    public String groupId() {
        return groupId;
    }

    public String cpoId() {
        return cpoId;
    }

    public String origin() {
        return origin;
    }

    public String fileName() {
        return fileName;
    }

    public String filePath() {
        return filePath;
    }

    public String sha256() {
        return sha256;
    }

    public String outcome() {
        return outcome;
    }

    public String reason() {
        return reason;
    }

    public int periods() {
        return periods;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public List<CapacityFileRejection> rejections() {
        return Collections.unmodifiableList(rejections);
    }
}
