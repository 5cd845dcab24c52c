package org.gridcharge.capacity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.util.Objects;
import org.gridcharge.allocation.WeeklyCapacity;

/** One weekly capacity rule of a group, with the group's time zone. */
@Entity
@Table(name = "weekly_capacity")
@IdClass(StoredWeeklyRule.Key.class)
@NamedQuery(name = "StoredWeeklyRule.findByGroup", query = "SELECT r FROM StoredWeeklyRule r WHERE r.groupId = :groupId ORDER BY r.seq")
@NamedQuery(name = "StoredWeeklyRule.findByGroups",
        query = "SELECT r FROM StoredWeeklyRule r WHERE r.groupId IN :groupIds ORDER BY r.groupId, r.seq")
@NamedQuery(name = "StoredWeeklyRule.countByGroup", query = "SELECT COUNT(r) FROM StoredWeeklyRule r WHERE r.groupId = :groupId")
@NamedQuery(name = "StoredWeeklyRule.deleteByGroup", query = "DELETE FROM StoredWeeklyRule r WHERE r.groupId = :groupId")
public class StoredWeeklyRule {

    @Id
    @Column(name = "group_id", length = 36)
    private String groupId;

    @Id
    @Column(name = "seq")
    private int seq;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Column(name = "day_of_week", nullable = false, length = 9)
    private String dayOfWeek;

    @Column(name = "start_second", nullable = false)
    private int startSecond;

    @Column(name = "end_second", nullable = false)
    private int endSecond;

    @Column(name = "capacity_amps", nullable = false)
    private double capacityAmps;

    protected StoredWeeklyRule() {
        // for JPA
    }

    public StoredWeeklyRule(String groupId, int seq, String timeZone, WeeklyCapacity.Rule rule) {
        this.groupId = groupId;
        this.seq = seq;
        this.timeZone = timeZone;
        this.dayOfWeek = rule.day().name();
        this.startSecond = rule.startSecond();
        this.endSecond = rule.endSecond();
        this.capacityAmps = rule.capacity();
    }

    public int seq() {
        return seq;
    }

    public String timeZone() {
        return timeZone;
    }

    public WeeklyCapacity.Rule toRule() {
        return new WeeklyCapacity.Rule(DayOfWeek.valueOf(dayOfWeek), startSecond, endSecond, capacityAmps);
    }

    /** Composite key: the group and the rule's position. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String groupId;
        private int seq;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && seq == k.seq && Objects.equals(groupId, k.groupId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, seq);
        }
    }

    public String groupId() {
        return groupId;
    }
}
