package org.gridcharge.tariff.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridcharge.allocation.TimeOfUse;
import org.gridcharge.allocation.WeeklyCapacity;

/** A group's time-of-use settings: its goal, its tariff windows and exclusion times in its time zone. */
@Entity
@Table(name = "time_of_use")
public class TimeOfUseSettings {

    @Id
    @Column(name = "group_id", length = 36)
    private String groupId;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Column(name = "goal", nullable = false, length = 16)
    private String goal;

    @Column(name = "default_price", nullable = false)
    private double defaultPrice;

    /** One window a line: "DAY START END PRICE", or "DAY START END -" for an exclusion time. */
    @Column(name = "windows", nullable = false, length = 16000)
    private String windows;

    protected TimeOfUseSettings() {
    }

    public TimeOfUseSettings(String groupId, TimeOfUse settings) {
        this.groupId = groupId;
        replace(settings);
    }

    /** Takes these settings instead. */
    public void replace(TimeOfUse settings) {
        timeZone = settings.prices().zone().getId();
        goal = settings.goal().name();
        defaultPrice = settings.defaultPrice();
        StringBuilder lines = new StringBuilder();
        for (WeeklyCapacity.Rule rule : settings.prices().rules()) {
            lines.append(rule.day()).append(' ').append(rule.startSecond()).append(' ').append(rule.endSecond()).append(' ')
                    .append(rule.capacity()).append('\n');
        }
        for (WeeklyCapacity.Rule rule : settings.exclusions().rules()) {
            lines.append(rule.day()).append(' ').append(rule.startSecond()).append(' ').append(rule.endSecond()).append(" -\n");
        }
        windows = lines.toString();
    }

    public String groupId() {
        return groupId;
    }

    /** The settings as the allocation engine reads them. */
    public TimeOfUse toTimeOfUse() {
        ZoneId zone = ZoneId.of(timeZone);
        List<WeeklyCapacity.Rule> prices = new ArrayList<>();
        List<WeeklyCapacity.Rule> exclusions = new ArrayList<>();
        for (String line : windows.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            DayOfWeek day = DayOfWeek.valueOf(f[0]);
            int start = Integer.parseInt(f[1]);
            int end = Integer.parseInt(f[2]);
            if (f[3].equals("-")) {
                exclusions.add(new WeeklyCapacity.Rule(day, start, end, 0));
            } else {
                prices.add(new WeeklyCapacity.Rule(day, start, end, Double.parseDouble(f[3])));
            }
        }
        return new TimeOfUse(TimeOfUse.Goal.valueOf(goal.toUpperCase(Locale.ROOT)), defaultPrice, new WeeklyCapacity(zone, prices),
                new WeeklyCapacity(zone, exclusions));
    }
}
