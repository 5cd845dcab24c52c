package org.gridcharge.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** The one place that reads the wall clock; everything else injects a {@link Clock}. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock systemClock() {
        // millisecond ticks: what is stored reads back identically on Derby and PostgreSQL
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
