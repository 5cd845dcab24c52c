package org.gridcharge.rest;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.steering.boundary.AllocationService;
import org.gridcharge.steering.entity.AllocationRecord;

/**
 * The open event streams of groups' allocation data: each one reads its group's new records every second (from the
 * database, so that records any server of a cluster wrote reach it) and sends each as an event; a comment every 15 s
 * keeps idle connections open through proxies. A stream ends when its client goes.
 */
@ApplicationScoped
public class AllocationEventStreams {

    private static final Logger LOG = Logger.getLogger(AllocationEventStreams.class.getName());
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int BATCH = 200;
    /**
     * How far back each read looks again: a record is stamped when its run read the database and committed a little
     * later, so one stamped before the last sent may appear after it (another server's run, a slower transaction).
     */
    static final Duration LAG = Duration.ofSeconds(30);
    private static final Instant NO_END = Instant.parse("9999-01-01T00:00:00Z");

    @Resource
    ManagedScheduledExecutorService scheduler;

    @EJB
    AllocationService allocations;

    private final Set<ScheduledFuture<?>> open = ConcurrentHashMap.newKeySet();

    /**
     * Sends the group's records valid from {@code from} on ({@code after}: only those after it, for a client that saw
     * {@code from} already), then every new one, until the client goes.
     */
    void follow(SmartChargingGroup group, Instant from, boolean after, SseEventSink sink, Sse sse) {
        Follower follower = new Follower(group, from, after, sink, sse);
        ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(follower, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        follower.task = task;
        open.add(task);
    }

    @PreDestroy
    void closeAll() {
        open.forEach(task -> task.cancel(true));
    }

    private final class Follower implements Runnable {
        private final SmartChargingGroup group;
        private final SseEventSink sink;
        private final Sse sse;
        private final Instant from;
        private final boolean after;
        /** The latest valid_from sent. */
        private Instant cursor;
        /** The records sent within {@link #LAG} of the cursor, by id: a record committed late is sent once, still. */
        private final Map<String, Instant> sent = new HashMap<>();
        private long lastSent = System.nanoTime();
        volatile ScheduledFuture<?> task;

        Follower(SmartChargingGroup group, Instant from, boolean after, SseEventSink sink, Sse sse) {
            this.group = group;
            this.from = from;
            this.after = after;
            this.cursor = from;
            this.sink = sink;
            this.sse = sse;
        }

        @Override
        public void run() {
            if (sink.isClosed()) {
                stop();
                return;
            }
            try {
                Instant lookFrom = cursor.minus(LAG).isBefore(from) ? from : cursor.minus(LAG);
                Page<AllocationRecord> page = allocations.records(group, lookFrom, NO_END, new Page.Request(0, BATCH));
                for (AllocationRecord record : page.items()) {
                    if (sent.containsKey(record.recordId()) || after && !record.validFrom().isAfter(from)) {
                        continue;
                    }
                    sink.send(sse.newEventBuilder().name("allocation").id(record.validFrom().toString())
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(AllocationResource.RecordJson.class,
                                    AllocationResource.RecordJson.of(record)).build());
                    sent.put(record.recordId(), record.validFrom());
                    if (record.validFrom().isAfter(cursor)) {
                        cursor = record.validFrom();
                    }
                    lastSent = System.nanoTime();
                }
                Instant forget = cursor.minus(LAG);
                sent.values().removeIf(validFrom -> validFrom.isBefore(forget));
                if (System.nanoTime() - lastSent > KEEP_ALIVE.toNanos()) {
                    sink.send(sse.newEventBuilder().comment("keep-alive").build());
                    lastSent = System.nanoTime();
                }
            } catch (IllegalStateException e) {
                stop(); // the client went
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "An event stream of group " + group.groupId() + " failed; it ends", e);
                try {
                    sink.close();
                } catch (RuntimeException ignored) {
                    // already gone
                }
                stop();
            }
        }

        private void stop() {
            ScheduledFuture<?> mine = task;
            if (mine != null) {
                mine.cancel(false);
                open.remove(mine);
            }
        }
    }
}
