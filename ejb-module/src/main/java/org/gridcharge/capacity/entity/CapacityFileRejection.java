package org.gridcharge.capacity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of a capacity file that broke a rule. */
@Entity
@Table(name = "capacity_file_rejection")
@IdClass(CapacityFileRejection.Key.class)
public class CapacityFileRejection {

    /** The primary key: the import and the rejection's place in it. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public long fileImport;
        public int seq;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.fileImport == fileImport && k.seq == seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(fileImport, seq);
        }
    }

    @Id
    @ManyToOne
    @JoinColumn(name = "job_id")
    private CapacityFileImport fileImport;

    @Id
    @Column(name = "seq")
    private int seq;

    @Column(name = "line_number")
    private Integer line;

    @Column(name = "column_name", length = 64)
    private String column;

    @Column(name = "reason", nullable = false, length = 1000)
    private String reason;

    protected CapacityFileRejection() {
        // for JPA
    }

    CapacityFileRejection(CapacityFileImport fileImport, int seq, CapacityFileImport.FileRejection rejection) {
        this.fileImport = fileImport;
        this.seq = seq;
        this.line = rejection.line();
        this.column = rejection.column();
        this.reason = rejection.reason().length() <= 1000 ? rejection.reason() : rejection.reason().substring(0, 1000);
    }

    public Integer line() {
        return line;
    }

    public String column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
