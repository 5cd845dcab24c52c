package org.gridcharge.ocpp;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridcharge.ocpp.message.Payloads;
import org.gridcharge.ocpp.message.Request;
import org.gridcharge.ocpp.rpc.Frame;
import org.gridcharge.ocpp.rpc.FrameCodec;

/**
 * One station's OCPP-J connection: frames out, and the CALLs the platform makes, at most one
 * outstanding at a time as the spec requires, answered by id or timed out. A CALL queued for a
 * key (e.g. one EVSE's limit) replaces an unsent one with the same key, so a station that is slow
 * to answer gets the newest limit, not a backlog.
 * <p>
 * Frames are written without blocking the caller: each connection writes one frame at a time, in
 * order, and the next when the transport reports the last one written. A station that reads
 * slowly (or not at all) delays only its own frames; a write that fails closes the connection.
 */
public final class StationConnection {

    /** Where frames go: the WebSocket session. */
    public interface Transport {
        /**
         * Starts writing a text frame without waiting for it; {@code written} is told once it is written
         * (null) or could not be (the failure). It may be told before this method returns.
         */
        void send(String text, Consumer<Throwable> written);

        /** Closes the connection: {@code goingAway} (1001) when the server stops, a normal closure (1000) otherwise. */
        void close(String reason, boolean goingAway);
    }

    /** How a CALL ended: a CALLRESULT payload, a CALLERROR code, or no answer in time. */
    public record Outcome(JsonObject result, String errorCode, String errorDescription, long sentAtMillis) {

        public Outcome(JsonObject result, String errorCode, String errorDescription) {
            this(result, errorCode, errorDescription, 0);
        }

        /** The same outcome of a CALL whose frame was handed to the transport at {@code millis} (0: not sent). */
        Outcome sentAt(long millis) {
            return new Outcome(result, errorCode, errorDescription, millis);
        }

        public static final Outcome TIMEOUT = new Outcome(null, null, "no answer in time");
        public static final Outcome CLOSED_OUTCOME = new Outcome(null, CLOSED_CODE, "the connection closed before an answer");

        public boolean answered() {
            return result != null;
        }

        public boolean timedOut() {
            return result == null && errorCode == null && TIMEOUT.errorDescription.equals(errorDescription);
        }

        /** True if the CALL never went out: a newer one with the same key took its place in the queue. */
        public boolean superseded() {
            return result == null && SUPERSEDED_CODE.equals(errorCode);
        }

        /** True if the connection closed before the CALL was answered. */
        public boolean connectionClosed() {
            return result == null && CLOSED_CODE.equals(errorCode);
        }
    }

    /** The error codes of CALLs that ended on the platform's side, never a station's (those are the protocol's codes). */
    private static final String SUPERSEDED_CODE = "Superseded";
    private static final String CLOSED_CODE = "Closed";

    /** A CALL waiting to be sent or answered; {@code key} (may be null) names what a newer CALL would replace. */
    private record Queued(Frame.Call frame, String key, Consumer<Outcome> onOutcome) {
    }

    private static final Outcome CLOSED = Outcome.CLOSED_OUTCOME;
    private static final Logger LOG = Logger.getLogger(StationConnection.class.getName());

    private final java.time.Clock clock;
    private final String chargeStationId;
    private final OcppVersion version;
    private final Transport transport;
    private final long callTimeoutMillis;
    private final Instant connectedAt;
    private final Deque<Queued> queue = new ArrayDeque<>();
    private final Map<String, ChargingProfiles.Limits> sent = new ConcurrentHashMap<>();
    private volatile String failsafeSent;
    private final Deque<String> outbound = new ArrayDeque<>();
    private boolean writing;
    private Queued pending;
    private long pendingSince;
    private volatile boolean closed;
    private volatile long lastSeen;
    private volatile long seenRecorded;

    public StationConnection(String chargeStationId, OcppVersion version, Transport transport, long callTimeoutMillis, Instant connectedAt) {
        this(chargeStationId, version, transport, callTimeoutMillis, connectedAt, java.time.Clock.systemUTC());
    }

    /** As above, with the platform's clock (when a frame was handed to the transport). */
    public StationConnection(String chargeStationId, OcppVersion version, Transport transport, long callTimeoutMillis, Instant connectedAt,
                             java.time.Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        this.chargeStationId = Objects.requireNonNull(chargeStationId);
        this.version = Objects.requireNonNull(version);
        this.transport = Objects.requireNonNull(transport);
        this.callTimeoutMillis = callTimeoutMillis;
        this.connectedAt = connectedAt;
    }

    public String chargeStationId() {
        return chargeStationId;
    }

    public OcppVersion version() {
        return version;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    /** A frame arrived from the station at {@code at} (milliseconds). */
    public void seen(long at) {
        lastSeen = at;
    }

    /** When the station was last seen (milliseconds), if later than what {@link #seenRecorded} was told; 0 otherwise. */
    public long seenToRecord() {
        long at = lastSeen;
        return at > seenRecorded ? at : 0;
    }

    /** The platform recorded that the station was seen at {@code at} (milliseconds). */
    public void seenRecorded(long at) {
        seenRecorded = Math.max(seenRecorded, at);
    }

    /** The limits last sent to each EVSE (by EVSE id), for deciding whether new ones are worth sending. */
    /** The failsafe last sent (its limit and unit), or null before one was. */
    public String failsafeSent() {
        return failsafeSent;
    }

    public void failsafeSent(String failsafe) {
        this.failsafeSent = failsafe;
    }

    public Map<String, ChargingProfiles.Limits> sent() {
        return sent;
    }

    /**
     * When this server last told the station to clear its charging profiles (the platform's clock, ms), 0 if never;
     * {@link Long#MAX_VALUE} while a clear waits for its answer.
     */
    private volatile long clearedAtMillis;

    /**
     * The station is about to be told to clear its charging profiles. Until the clear is answered, a limit it accepts may
     * have been cleared after (a CALL queued before the clear goes out before it): none counts.
     */
    public void clearing() {
        clearedAtMillis = Long.MAX_VALUE;
    }

    /** The clear went out at this instant (0: not known, then now) and came to an end: limits sent after it hold. */
    public void cleared(long sentAtMillis) {
        clearedAtMillis = sentAtMillis > 0 ? sentAtMillis : clock.millis();
    }

    /**
     * Whether a CALL handed to the transport at this instant (0: unknown) may have gone before the last clear, so that
     * what the station accepted then was cleared after (the same millisecond counts as before: the safe side).
     */
    public boolean sentBeforeClear(long sentAtMillis) {
        long cleared = clearedAtMillis;
        return cleared > 0 && sentAtMillis <= cleared;
    }

    /** Queues a CALL of {@code request}, written for this connection's version; {@code key} as below. */
    public void call(Request request, String key, Consumer<Outcome> onOutcome) {
        call(request.action(), Payloads.of(request, version), key, onOutcome);
    }

    /** Queues a CALL; {@code key} (may be null) replaces a queued, unsent CALL with the same key. */
    public void call(String action, JsonObject payload, String key, Consumer<Outcome> onOutcome) {
        Queued superseded = null;
        synchronized (this) {
            if (closed) {
                notify(onOutcome, CLOSED);
                return;
            }
            if (key != null) {
                for (Iterator<Queued> it = queue.iterator(); it.hasNext();) {
                    Queued queued = it.next();
                    if (key.equals(queued.key())) {
                        it.remove();
                        superseded = queued;
                    }
                }
            }
            // OCPP 2.0.1 part 4 §4.1.4: a CALL's id never repeats for a station, across connections, restarts and servers:
            // a random UUID (36 characters, the most a message id may have) is unique without coordination
            queue.add(new Queued(new Frame.Call(java.util.UUID.randomUUID().toString(), action, payload), key, onOutcome));
        }
        if (superseded != null) {
            notify(superseded.onOutcome(), new Outcome(null, SUPERSEDED_CODE, "a newer call replaced it before it was sent"));
        }
        sendNext();
    }

    /** A CALLRESULT arrived; true if it answered the outstanding CALL. */
    public boolean answered(String messageId, JsonObject result) {
        return complete(messageId, new Outcome(result, null, null));
    }

    /** A CALLERROR arrived; true if it answered the outstanding CALL. */
    public boolean failed(String messageId, String code, String description) {
        return complete(messageId, new Outcome(null, code, description));
    }

    /** Times out the outstanding CALL if it waited too long. */
    public void checkTimeout(long nowMillis) {
        Queued late = null;
        long since = 0;
        synchronized (this) {
            if (pending != null && nowMillis - pendingSince > callTimeoutMillis) {
                late = pending;
                since = pendingSince;
                pending = null;
            }
        }
        if (late != null) {
            notify(late.onOutcome(), Outcome.TIMEOUT.sentAt(since));
            sendNext();
        }
    }

    /** Sends a CALLRESULT. */
    public void result(String messageId, JsonObject payload) {
        send(new Frame.CallResult(messageId, payload));
    }

    /** Sends a CALLERROR with the version's code for the kind of error. */
    public void error(String messageId, OcppVersion.ErrorKind kind, String description) {
        send(Frame.CallError.of(messageId, version.code(kind), description));
    }

    /** Closes the connection (a newer one replaced it, or the platform shuts down); queued CALLs are dropped. */
    public void close(String reason) {
        close(reason, false);
    }

    /** Closes the connection because the server stops (1001, going away): the station reconnects elsewhere or later. */
    public void shutDown(String reason) {
        close(reason, true);
    }

    private void close(String reason, boolean goingAway) {
        List<Queued> dropped = new ArrayList<>();
        synchronized (this) {
            closed = true;
            if (pending != null) {
                dropped.add(pending);
            }
            dropped.addAll(queue);
            queue.clear();
            pending = null;
        }
        dropped.forEach(call -> notify(call.onOutcome(), CLOSED));
        transport.close(reason, goingAway);
    }

    /** The connection went away (closed by either side): calls still waiting end as {@link #CLOSED}. */
    public void gone() {
        close("closed");
    }

    public boolean closed() {
        return closed;
    }

    private boolean complete(String messageId, Outcome outcome) {
        Queued done;
        long since;
        synchronized (this) {
            if (pending == null || !pending.frame().messageId().equals(messageId)) {
                return false;
            }
            done = pending;
            since = pendingSince;
            pending = null;
        }
        notify(done.onOutcome(), outcome.sentAt(since));
        sendNext();
        return true;
    }

    private void sendNext() {
        Queued next;
        synchronized (this) {
            if (closed || pending != null || queue.isEmpty()) {
                return;
            }
            next = queue.poll();
            pending = next;
            pendingSince = clock.millis();
        }
        send(next.frame());
    }

    private void send(Frame frame) {
        String text = FrameCodec.write(frame);
        synchronized (outbound) {
            outbound.add(text);
        }
        writeNext();
    }

    private void writeNext() {
        String text;
        synchronized (outbound) {
            if (writing || outbound.isEmpty()) {
                return;
            }
            writing = true;
            text = outbound.poll();
        }
        try {
            transport.send(text, this::written);
        } catch (RuntimeException e) {
            written(e);
        }
    }

    private void written(Throwable failure) {
        synchronized (outbound) {
            writing = false;
            if (failure != null) {
                outbound.clear();
            }
        }
        if (failure == null) {
            writeNext();
        } else if (!closed) {
            LOG.log(Level.FINE, "Writing to " + chargeStationId + " failed; closing the connection", failure);
            close("a frame could not be written");
        }
    }

    /** Frames waiting to be written, for tests and monitoring. */
    public int framesWaiting() {
        synchronized (outbound) {
            return outbound.size() + (writing ? 1 : 0);
        }
    }

    /** Hands an outcome to its callback; a failing callback must not stop the connection's other calls. */
    private void notify(Consumer<Outcome> onOutcome, Outcome outcome) {
        try {
            onOutcome.accept(outcome);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Handling the answer of " + chargeStationId + " failed", e);
        }
    }
}
