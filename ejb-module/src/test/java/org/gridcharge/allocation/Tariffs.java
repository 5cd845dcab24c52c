package org.gridcharge.allocation;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random time-of-use settings for property tests. */
final class Tariffs {

    private Tariffs() {
    }

    /**
     * From a seed: a goal, a default price, and on every day four-hour blocks (each one a tariff window with a price of
     * 0.00 to 0.40 half the time) and now and then an excluded block, in Amsterdam time (so some days have a clock change).
     */
    static TimeOfUse random(int seed) {
        Random random = new Random(seed);
        List<WeeklyCapacity.Rule> prices = new ArrayList<>();
        List<WeeklyCapacity.Rule> exclusions = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int block = 0; block < 6; block++) {
                int start = block * 4 * 3600;
                int end = start + 4 * 3600;
                if (random.nextBoolean()) {
                    prices.add(new WeeklyCapacity.Rule(day, start, end, random.nextInt(5) / 10.0));
                }
                if (random.nextInt(8) == 0) {
                    exclusions.add(new WeeklyCapacity.Rule(day, start + random.nextInt(4) * 3600, end, 0));
                }
            }
        }
        ZoneId zone = ZoneId.of("Europe/Amsterdam");
        return new TimeOfUse(random.nextBoolean() ? TimeOfUse.Goal.MINIMISE_COST : TimeOfUse.Goal.OPTIMISE_TIME, random.nextInt(5) / 10.0,
                new WeeklyCapacity(zone, prices), new WeeklyCapacity(zone, exclusions));
    }
}
