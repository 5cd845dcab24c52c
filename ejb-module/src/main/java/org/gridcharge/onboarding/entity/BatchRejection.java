package org.gridcharge.onboarding.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A row a batch job rejected: its line in the file, the column to blame, and why. */
@Entity
@Table(name = "batch_rejection")
@IdClass(BatchRejection.Key.class)
@NamedQuery(name = "BatchRejection.ofJob", query = "SELECT r FROM BatchRejection r WHERE r.jobId = :jobId ORDER BY r.line")
@NamedQuery(name = "BatchRejection.countOfJob", query = "SELECT COUNT(r) FROM BatchRejection r WHERE r.jobId = :jobId")
public class BatchRejection {

    /** The primary key: job and line. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private long jobId;
        private int line;

        public Key() {
        }

        public Key(long jobId, int line) {
            this.jobId = jobId;
            this.line = line;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.jobId == jobId && k.line == line;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(jobId) * 31 + line;
        }
    }

    @Id
    @Column(name = "job_id")
    private long jobId;

    @Id
    @Column(name = "line_no")
    private int line;

    @Column(name = "column_name", length = 64)
    private String column;

    @Column(name = "reason", nullable = false, length = 500)
    private String reason;

    protected BatchRejection() {
        // for JPA
    }

    public BatchRejection(long jobId, int line, String column, String reason) {
        this.jobId = jobId;
        this.line = line;
        this.column = column == null || column.length() <= 64 ? column : column.substring(0, 64);
        this.reason = reason.length() > 500 ? reason.substring(0, 500) : reason;
    }

    public int line() {
        return line;
    }

    public String column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
