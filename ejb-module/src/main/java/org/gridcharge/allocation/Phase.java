package org.gridcharge.allocation;

/** A phase of the grid connection. */
public enum Phase {
    L1, L2, L3;

    /** The phase a letter of OCPP's wiring notation names: R is L1, S is L2, T is L3. */
    public static Phase ofWiring(char letter) {
        return switch (letter) {
            case 'R' -> L1;
            case 'S' -> L2;
            case 'T' -> L3;
            default -> throw new IllegalArgumentException("'" + letter + "' is not R, S or T");
        };
    }
}
