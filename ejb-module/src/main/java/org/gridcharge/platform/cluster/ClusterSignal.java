package org.gridcharge.platform.cluster;

/**
 * A signal from another server of the cluster, received after the transaction that sent it committed. Signals say
 * that something changed, never what it now is: the receiver reads that from the database.
 *
 * @param kind   what happened, e.g. {@code plan} (a tree's plan is new: key is its root group), {@code station} (a
 *               station connected to the sender: key is its id), {@code meter} (a group's meter changed); {@link #RESYNC}
 *               when signals may have been missed (the listener reconnected): every receiver catches up
 * @param key    what it happened to
 * @param origin the sender's node id
 */
public record ClusterSignal(String kind, String key, String origin) {

    /** Signals may have been lost: catch up from the database. */
    public static final String RESYNC = "resync";

    private static final char SEPARATOR = '\u001f';

    static String payload(String origin, String kind, String key) {
        return origin + SEPARATOR + kind + SEPARATOR + key;
    }

    /** The signal a payload carries, or null if it is not one of ours. */
    static ClusterSignal parse(String payload) {
        int first = payload.indexOf(SEPARATOR);
        int second = first < 0 ? -1 : payload.indexOf(SEPARATOR, first + 1);
        if (second < 0) {
            return null;
        }
        return new ClusterSignal(payload.substring(first + 1, second), payload.substring(second + 1), payload.substring(0, first));
    }
}
