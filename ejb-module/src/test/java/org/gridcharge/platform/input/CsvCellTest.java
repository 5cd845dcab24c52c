package org.gridcharge.platform.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvCellTest {

    @Test
    void formulasAreDefused() {
        assertEquals("\"'=1+1\"", CsvCell.of("=1+1"));
        assertEquals("\"'+cmd\"", CsvCell.of("+cmd"));
        assertEquals("\"'-2\"", CsvCell.of("-2"));
        assertEquals("\"'@SUM(A1)\"", CsvCell.of("@SUM(A1)"));
        assertEquals("\"'\tx\"", CsvCell.of("\tx"));
        assertEquals("\"'\rx\"", CsvCell.of("\rx"));
    }

    @Test
    void quotingFollowsRfc4180() {
        assertEquals("plain", CsvCell.of("plain"));
        assertEquals("\"a,b\"", CsvCell.of("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvCell.of("say \"hi\""));
        assertEquals("\"line\rbreak\"", CsvCell.of("line\rbreak"));
        assertEquals("\"line\nbreak\"", CsvCell.of("line\nbreak"));
        assertEquals("", CsvCell.of(null));
    }
}
