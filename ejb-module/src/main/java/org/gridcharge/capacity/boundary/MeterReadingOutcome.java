package org.gridcharge.capacity.boundary;

/**
 * What became of a reading: taken ({@code refusal} null), or refused, with the field at fault and why.
 */
public record MeterReadingOutcome(MeterView meter, String field, String refusal) {

    public boolean taken() {
        return refusal == null;
    }
}
