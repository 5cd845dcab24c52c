package org.gridcharge.session.boundary;

import java.time.Instant;

/**
 * What one report of a station's meter said of a session: its energy register (the first and last reading in the
 * report, Wh), and the highest current drawn on any phase with the current on each phase L1, L2, L3 (entries null
 * where none was reported) and when it was measured. Any part may be null: the report had none.
 */
public record MeterReading(Double firstWh, Double lastWh, Double amps, Double[] phases, Instant at) {

    /** This reading followed by a later one of the same session: the later one's values where it has them. */
    public MeterReading then(MeterReading later) {
        boolean measured = later.amps != null;
        return new MeterReading(firstWh != null ? firstWh : later.firstWh, later.lastWh != null ? later.lastWh : lastWh,
                measured ? later.amps : amps, measured ? later.phases : phases, measured ? later.at : at);
    }
}
