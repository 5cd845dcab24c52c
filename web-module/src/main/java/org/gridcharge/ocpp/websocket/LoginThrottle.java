package org.gridcharge.ocpp.websocket;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing on the OCPP handshake. Failed logins are counted per source address
 * and per station at that address, in a window that halves every {@code windowMillis}. Past a limit,
 * handshakes from there are refused (429) without looking at the password, until the count decays.
 * A station at its own address is never locked out by failures elsewhere: counts are per address.
 * Behind a load balancer, the source address is the client's only if the balancer's
 * {@code X-Forwarded-For} is trusted (Liberty's {@code <remoteIp/>}).
 */
final class LoginThrottle {

    private static final int MAX_ENTRIES = 100_000;

    private final int perAddress;
    private final int perStation;
    private final long windowMillis;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    LoginThrottle(int perAddress, int perStation, long windowMillis) {
        this.perAddress = perAddress;
        this.perStation = perStation;
        this.windowMillis = windowMillis;
    }

    private static final class Count {
        double value;
        long at;

        synchronized double decayed(long now, long window) {
            if (now > at) {
                value *= Math.pow(0.5, (double) (now - at) / window);
                at = now;
            }
            return value;
        }

        synchronized void add(long now, long window) {
            decayed(now, window);
            value += 1;
        }
    }

    /**
     * Seconds to wait before this address may try this station again, or 0 if it may try now. A limit of n lets n
     * failures through quickly; then tries wait until the count has decayed below n - 0.5.
     */
    long retryAfterSeconds(String address, String station, long now) {
        double over = Math.max(value("a " + address, now) / (perAddress - 0.5), value("s " + station + " " + address, now) / (perStation - 0.5));
        if (over < 1) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil(windowMillis * (Math.log(over) / Math.log(2)) / 1000));
    }

    void failed(String address, String station, long now) {
        if (counts.size() >= MAX_ENTRIES) {
            forgetQuiet(now);
        }
        counts.computeIfAbsent("a " + address, k -> new Count()).add(now, windowMillis);
        counts.computeIfAbsent("s " + station + " " + address, k -> new Count()).add(now, windowMillis);
    }

    private double value(String key, long now) {
        Count count = counts.get(key);
        return count == null ? 0 : count.decayed(now, windowMillis);
    }

    /** Drops counts that have decayed to almost nothing (and, if that is not enough, the oldest half). */
    private void forgetQuiet(long now) {
        counts.values().removeIf(c -> c.decayed(now, windowMillis) < 0.5);
        if (counts.size() >= MAX_ENTRIES) {
            Iterator<String> keys = counts.keySet().iterator();
            for (int i = 0; i < MAX_ENTRIES / 2 && keys.hasNext(); i++) {
                keys.next();
                keys.remove();
            }
        }
    }

    int size() {
        return counts.size();
    }
}
