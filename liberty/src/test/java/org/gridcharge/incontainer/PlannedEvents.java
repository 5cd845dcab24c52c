package org.gridcharge.incontainer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.gridcharge.steering.boundary.AllocationPlanned;

/** Records every plan the deployed application announces, so a test can await one. */
@ApplicationScoped
public class PlannedEvents {

    private final BlockingQueue<AllocationPlanned> events = new LinkedBlockingQueue<>();

    void record(@Observes AllocationPlanned planned) {
        events.add(planned);
    }

    /** The first announced plan that matches, waiting at most {@code seconds}; null if none came. */
    public AllocationPlanned await(Predicate<AllocationPlanned> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            AllocationPlanned next = events.poll(left, TimeUnit.NANOSECONDS);
            if (next != null && wanted.test(next)) {
                return next;
            }
        }
        return null;
    }
}
