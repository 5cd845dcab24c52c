package org.gridcharge.capacity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.capacity.control.MeterControl;

/**
 * A group's site meter: where its readings come from, how they become capacity ({@link MeterControl.Settings}), and what
 * they left ({@link MeterControl.State}) with counts of readings taken and refused.
 */
@Entity
@Table(name = "group_meter")
@NamedQuery(name = "GroupMeter.findByGroups", query = "SELECT m FROM GroupMeter m WHERE m.groupId IN :groupIds")
@NamedQuery(name = "GroupMeter.findBySource", query = "SELECT m FROM GroupMeter m WHERE m.source = :source ORDER BY m.groupId")
@NamedQuery(name = "GroupMeter.findAll", query = "SELECT m FROM GroupMeter m ORDER BY m.groupId")
public class GroupMeter {

    /** Where readings come from. */
    public enum Source {
        API, MQTT
    }

    @Id
    @Column(name = "group_id", length = 36)
    private String groupId;

    @Column(name = "source", nullable = false, length = 8)
    private String source;

    @Column(name = "broker_url", length = 512)
    private String brokerUrl;

    @Column(name = "topic", length = 512)
    private String topic;

    @Column(name = "username", length = 256)
    private String username;

    @Column(name = "password", length = 256)
    private String password;

    @Column(name = "connection_l1", nullable = false)
    private double connectionL1;

    @Column(name = "connection_l2", nullable = false)
    private double connectionL2;

    @Column(name = "connection_l3", nullable = false)
    private double connectionL3;

    @Column(name = "includes_ev_load", nullable = false)
    private boolean includesEvLoad;

    @Column(name = "meter_mode", nullable = false, length = 16)
    private String mode;

    @Column(name = "stale_after_seconds", nullable = false)
    private int staleAfterSeconds;

    @Column(name = "fallback_capacity")
    private Double fallbackCapacity;

    @Column(name = "rise_delay_seconds", nullable = false)
    private int riseDelaySeconds;

    @Column(name = "deadband", nullable = false)
    private double deadband;

    @Column(name = "read_at")
    private Instant readAt;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(name = "reading_l1")
    private Double readingL1;

    @Column(name = "reading_l2")
    private Double readingL2;

    @Column(name = "reading_l3")
    private Double readingL3;

    @Column(name = "applied_l1")
    private Double appliedL1;

    @Column(name = "applied_l2")
    private Double appliedL2;

    @Column(name = "applied_l3")
    private Double appliedL3;

    @Column(name = "rising_l1")
    private Double risingL1;

    @Column(name = "rising_l2")
    private Double risingL2;

    @Column(name = "rising_l3")
    private Double risingL3;

    @Column(name = "rising_since")
    private Instant risingSince;

    @Column(name = "announced_at")
    private Instant announcedAt;

    @Column(name = "readings_taken", nullable = false)
    private long readingsTaken;

    @Column(name = "readings_refused", nullable = false)
    private long readingsRefused;

    @Column(name = "last_refusal", length = 300)
    private String lastRefusal;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected GroupMeter() {
        // for JPA
    }

    public GroupMeter(String groupId) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
    }

    /**
     * Sets how the meter is read and counted. What its readings left stays unless the way they are counted changed, when
     * the meter starts again from its fallback.
     */
    public void configure(Source source, String brokerUrl, String topic, String username, String password, PerPhase connection,
                          boolean includesEvLoad, MeterControl.Mode mode, int staleAfterSeconds, Double fallbackCapacity,
                          int riseDelaySeconds, double deadband, Instant now) {
        boolean recount = !source.name().equals(this.source) || !Objects.equals(brokerUrl, this.brokerUrl)
                || !Objects.equals(topic, this.topic) || !connection.equals(connection()) || includesEvLoad != this.includesEvLoad
                || !mode.name().equals(this.mode) || staleAfterSeconds != this.staleAfterSeconds;
        this.source = source.name();
        this.brokerUrl = brokerUrl;
        this.topic = topic;
        this.username = username;
        this.password = password;
        this.connectionL1 = connection.l1();
        this.connectionL2 = connection.l2();
        this.connectionL3 = connection.l3();
        this.includesEvLoad = includesEvLoad;
        this.mode = mode.name();
        this.staleAfterSeconds = staleAfterSeconds;
        this.fallbackCapacity = fallbackCapacity;
        this.riseDelaySeconds = riseDelaySeconds;
        this.deadband = deadband;
        this.updatedAt = now;
        if (recount) {
            keep(MeterControl.State.NONE);
            readingL1 = readingL2 = readingL3 = null;
        }
    }

    /** How readings become capacity; {@code defaultCapacity} is the fallback when none is configured. */
    public MeterControl.Settings settings(double defaultCapacity, double maxCapacity) {
        return new MeterControl.Settings(connection(), includesEvLoad, mode(), Duration.ofSeconds(staleAfterSeconds),
                fallbackCapacity == null ? defaultCapacity : fallbackCapacity, Duration.ofSeconds(riseDelaySeconds), deadband, maxCapacity);
    }

    public MeterControl.State state() {
        return new MeterControl.State(readAt, receivedAt, appliedL1 == null ? null : new PerPhase(appliedL1, appliedL2, appliedL3),
                risingSince == null ? null : new PerPhase(nan(risingL1), nan(risingL2), nan(risingL3)), risingSince);
    }

    /** Takes a reading: what it read, and the state it left. */
    public void took(PerPhase reading, MeterControl.State state) {
        readingL1 = reading.l1();
        readingL2 = reading.l2();
        readingL3 = reading.l3();
        readingsTaken++;
        keep(state);
    }

    /** Counts a reading refused, and why. */
    public void refused(String reason) {
        readingsRefused++;
        lastRefusal = reason.length() > 300 ? reason.substring(0, 300) : reason;
    }

    private void keep(MeterControl.State state) {
        readAt = state.readAt();
        receivedAt = state.receivedAt();
        appliedL1 = state.applied() == null ? null : state.applied().l1();
        appliedL2 = state.applied() == null ? null : state.applied().l2();
        appliedL3 = state.applied() == null ? null : state.applied().l3();
        risingL1 = state.rising() == null ? null : orNull(state.rising().l1());
        risingL2 = state.rising() == null ? null : orNull(state.rising().l2());
        risingL3 = state.rising() == null ? null : orNull(state.rising().l3());
        risingSince = state.risingSince();
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    public String groupId() {
        return groupId;
    }

    public Source source() {
        return Source.valueOf(source);
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    public String topic() {
        return topic;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public PerPhase connection() {
        return new PerPhase(connectionL1, connectionL2, connectionL3);
    }

    public boolean includesEvLoad() {
        return includesEvLoad;
    }

    public MeterControl.Mode mode() {
        return mode == null ? null : MeterControl.Mode.valueOf(mode);
    }

    public int staleAfterSeconds() {
        return staleAfterSeconds;
    }

    public Double fallbackCapacity() {
        return fallbackCapacity;
    }

    public int riseDelaySeconds() {
        return riseDelaySeconds;
    }

    public double deadband() {
        return deadband;
    }

    /** The latest reading taken, null before the first. */
    public PerPhase reading() {
        return readingL1 == null ? null : new PerPhase(readingL1, readingL2, readingL3);
    }

    /**
     * Whether a run should tell the stations again when the meter turns stale: the time they were told is less than half
     * the stale time ahead. Marks it told when so.
     */
    public boolean announceDue(Instant now) {
        if (announcedAt != null && now.isBefore(announcedAt.plusSeconds(Math.max(1, staleAfterSeconds / 2)))) {
            return false;
        }
        announcedAt = now;
        return true;
    }

    public long readingsTaken() {
        return readingsTaken;
    }

    public long readingsRefused() {
        return readingsRefused;
    }

    public String lastRefusal() {
        return lastRefusal;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
