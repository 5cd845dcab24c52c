package org.gridcharge.allocation;

/** A current per grid phase, in amperes. */
public record PhaseAmps(double l1Amps, double l2Amps, double l3Amps) {

    public static final PhaseAmps ZERO = new PhaseAmps(0, 0, 0);

    /** The same current on every phase (a group's capacity is given per phase). */
    public static PhaseAmps balanced(double amps) {
        return new PhaseAmps(amps, amps, amps);
    }

    public double on(Phase phase) {
        return switch (phase) {
            case L1 -> l1Amps;
            case L2 -> l2Amps;
            case L3 -> l3Amps;
        };
    }
}
