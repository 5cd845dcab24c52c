package org.gridcharge.allocation;

/** A quantity per grid phase, in the group's unit (see the package documentation). */
public record PerPhase(double l1, double l2, double l3) {

    public static final PerPhase ZERO = new PerPhase(0, 0, 0);

    /** The same quantity on every phase (a group's capacity is given per phase). */
    public static PerPhase balanced(double amps) {
        return new PerPhase(amps, amps, amps);
    }

    public double on(Phase phase) {
        return switch (phase) {
            case L1 -> l1;
            case L2 -> l2;
            case L3 -> l3;
        };
    }
}
