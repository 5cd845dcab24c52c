package org.gridcharge.platform.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.gridcharge.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class TimeSpansTest {

    @Test
    void aSpanIsReadFromNothingToAWholeDay() {
        assertEquals(0, TimeSpans.parse("window", "00:00:00"));
        assertEquals(15 * 60, TimeSpans.parse("window", "00:15:00"));
        assertEquals(23 * 3600 + 59 * 60 + 59, TimeSpans.parse("window", "23:59:59"));
        assertEquals(TimeSpans.DAY_SECONDS, TimeSpans.parse("window", "24:00:00"));
    }

    @Test
    void anythingElseIsRefusedOnTheFieldWithTheValue() {
        for (String bad : List.of("25:00:00", "24:00:01", "12:60:00", "1:00:00", "00:00", "", "PT15M")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> TimeSpans.parse("window", bad), bad);
            assertEquals("window", e.field());
            assertEquals("must be HH:MM:SS between 00:00:00 and 24:00:00, was '" + bad + "'", e.reason());
        }
        assertEquals("window", assertThrows(InvalidInputException.class, () -> TimeSpans.parse("window", null)).field());
    }

    @Test
    void secondsAreWrittenBackAsTheyWereRead() {
        for (String span : List.of("00:00:00", "00:15:00", "07:05:09", "24:00:00")) {
            assertEquals(span, TimeSpans.format(TimeSpans.parse("window", span)));
        }
    }
}
