package org.gridcharge.capacity.boundary;

/**
 * Where a group in {@code FILE} mode fetches its capacity files: an HTTP(S) {@code url}, fetched daily at
 * {@code daily_at} (HH:MM) in {@code time_zone} (an IANA zone, default UTC).
 */
public record FileSourceDraft(String url, String dailyAt, String timeZone) {

    @jakarta.json.bind.annotation.JsonbCreator
    public FileSourceDraft {
        // the canonical constructor is the one JSON-B binds
    }
}
