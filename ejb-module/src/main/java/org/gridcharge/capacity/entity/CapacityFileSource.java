package org.gridcharge.capacity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a group in {@code FILE} mode fetches its capacity files (an HTTP(S) URL, daily at a local time in a time zone),
 * and the last file that changed its profile: a file whose content was imported before changes nothing.
 */
@Entity
@Table(name = "capacity_file_source")
@NamedQuery(name = "CapacityFileSource.scheduled", query = "SELECT s FROM CapacityFileSource s WHERE s.url IS NOT NULL ORDER BY s.groupId")
public class CapacityFileSource {

    @Id
    @Column(name = "group_id", length = 36)
    private String groupId;

    @Column(name = "url", length = 2000)
    private String url;

    @Column(name = "daily_at", length = 5)
    private String dailyAt;

    @Column(name = "time_zone", length = 64)
    private String timeZone;

    @Column(name = "last_sha256", length = 64)
    private String lastSha256;

    @Column(name = "last_file", length = 500)
    private String lastFile;

    @Column(name = "last_import_at")
    private Instant lastImportAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CapacityFileSource() {
        // for JPA
    }

    public CapacityFileSource(String groupId, Instant now) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.updatedAt = now;
    }

    /** Fetches from {@code url} daily at {@code dailyAt} (HH:MM) in {@code timeZone}; a null url fetches nothing. */
    public void fetchFrom(String url, String dailyAt, String timeZone, Instant now) {
        this.url = url;
        this.dailyAt = dailyAt;
        this.timeZone = timeZone;
        this.updatedAt = now;
    }

    /** A file changed the profile. */
    public void imported(String sha256, String fileName, Instant at) {
        this.lastSha256 = sha256;
        this.lastFile = fileName;
        this.lastImportAt = at;
    }

    /** The profile was changed by other means: the last file imported no longer says what it holds. */
    public void profileChangedElsewhere() {
        this.lastSha256 = null;
    }

    public String groupId() {
        return groupId;
    }

    public String url() {
        return url;
    }

    public String dailyAt() {
        return dailyAt;
    }

    public String timeZone() {
        return timeZone;
    }

    public String lastSha256() {
        return lastSha256;
    }

    public String lastFile() {
        return lastFile;
    }

    public Instant lastImportAt() {
        return lastImportAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
