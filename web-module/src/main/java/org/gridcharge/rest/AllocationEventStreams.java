package org.gridcharge.rest;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridcharge.platform.error.DomainException;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.steering.boundary.AllocationService;
import org.gridcharge.steering.entity.AllocationRecord;

/**
 * The open event streams of groups' allocation data. Each reads its group's new records every second from the database
 * (so records any server of a cluster wrote reach it), with the caller's access checked at each read, and sends each as
 * an event; a comment opens it (so the answer starts at once) and one every 15 s keeps idle connections open through
 * proxies. A stream ends when its client goes, when
 * a send fails or takes longer than 10 s, when the caller may no longer see the group (a revoked grant, a deleted
 * group), after {@link #MAX_LIFETIME} (the client reconnects with Last-Event-ID, with a fresh token), and when the
 * application stops.
 */
@ApplicationScoped
public class AllocationEventStreams {

    private static final Logger LOG = Logger.getLogger(AllocationEventStreams.class.getName());
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final Duration MAX_LIFETIME = Duration.ofMinutes(15);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final int BATCH = 200;
    /**
     * How far back each read looks again: a record is stamped when its run read the database and committed a little
     * later, so one stamped before the last sent may appear after it (another server's run, a slower transaction).
     */
    static final Duration LAG = Duration.ofSeconds(30);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @EJB
    AllocationService allocations;

    private final Map<Follower, ScheduledFuture<?>> open = new ConcurrentHashMap<>();

    /**
     * Sends the group's records valid from {@code from} on ({@code after}: only those after it, for a client that saw
     * {@code from} already), then every new one, until the stream ends.
     */
    void follow(Caller caller, String groupId, Instant from, boolean after, SseEventSink sink, Sse sse) {
        Follower follower = new Follower(caller, groupId, from, after, sink, sse);
        open.put(follower, scheduler.scheduleWithFixedDelay(follower, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
        if (follower.stopped) {
            follower.stop(); // it ended before it was registered
        }
    }

    @PreDestroy
    void closeAll() {
        open.keySet().forEach(Follower::stop);
    }

    private final class Follower implements Runnable {
        private final Caller caller;
        private final String groupId;
        private final SseEventSink sink;
        private final Sse sse;
        private final Instant from;
        private final boolean after;
        private final long started = System.nanoTime();
        /** The latest valid_from sent. */
        private Instant cursor;
        /** The records sent within {@link #LAG} of the cursor, by id: a record committed late is sent once, still. */
        private final Map<String, Instant> sent = new HashMap<>();
        private long lastSent = System.nanoTime();
        private boolean said;
        volatile boolean stopped;

        Follower(Caller caller, String groupId, Instant from, boolean after, SseEventSink sink, Sse sse) {
            this.caller = caller;
            this.groupId = groupId;
            this.from = from;
            this.after = after;
            this.cursor = from;
            this.sink = sink;
            this.sse = sse;
        }

        @Override
        public void run() {
            if (stopped || sink.isClosed() || System.nanoTime() - started > MAX_LIFETIME.toNanos()) {
                stop();
                return;
            }
            try {
                Instant lookFrom = cursor.minus(LAG).isBefore(from) ? from : cursor.minus(LAG);
                // every record of the window, page by page: a busy group may write more than a page in it
                for (int offset = 0; !stopped; offset += BATCH) {
                    List<AllocationRecord> page = allocations.recordsFrom(caller, groupId, lookFrom, offset, BATCH);
                    for (AllocationRecord record : page) {
                        if (sent.containsKey(record.recordId()) || after && !record.validFrom().isAfter(from)) {
                            continue;
                        }
                        send(sse.newEventBuilder().name("allocation").id(record.validFrom().toString())
                                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(AllocationResource.RecordJson.class,
                                        AllocationResource.RecordJson.of(record)).build());
                        sent.put(record.recordId(), record.validFrom());
                        if (record.validFrom().isAfter(cursor)) {
                            cursor = record.validFrom();
                        }
                    }
                    if (page.size() < BATCH) {
                        break;
                    }
                }
                Instant forget = cursor.minus(LAG);
                sent.values().removeIf(validFrom -> validFrom.isBefore(forget));
                if (!stopped && !said) {
                    // the answer's headers go out with the first thing sent: a client knows at once that it follows
                    send(sse.newEventBuilder().comment("following").build());
                } else if (!stopped && System.nanoTime() - lastSent > KEEP_ALIVE.toNanos()) {
                    send(sse.newEventBuilder().comment("keep-alive").build());
                }
            } catch (EJBException | DomainException e) {
                stop(); // the caller may no longer see the group, or it is gone
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "An event stream of group " + groupId + " failed; it ends", e);
                stop();
            }
        }

        /** Sends an event and waits for it to be written: a send that fails or hangs (the client went) ends the stream. */
        private void send(OutboundSseEvent event) {
            try {
                sink.send(event).toCompletableFuture().get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                lastSent = System.nanoTime();
                said = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
            } catch (Exception e) {
                stop();
            }
        }

        void stop() {
            stopped = true;
            ScheduledFuture<?> task = open.remove(this);
            if (task != null) {
                task.cancel(false);
            }
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }
}
