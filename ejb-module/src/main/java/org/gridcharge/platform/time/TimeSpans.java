package org.gridcharge.platform.time;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridcharge.platform.error.InvalidInputException;

/** Spans of up to one day written as {@code HH:MM:SS}, from 00:00:00 to 24:00:00. */
public final class TimeSpans {

    /** One day, the longest span. */
    public static final int DAY_SECONDS = 86_400;
    private static final Pattern SPAN = Pattern.compile("(([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]))|24:00:00");

    private TimeSpans() {
    }

    /** The span in seconds, or an {@link InvalidInputException} on {@code field} naming the format. */
    public static int parse(String field, String value) {
        Matcher m = value == null ? null : SPAN.matcher(value);
        if (m == null || !m.matches()) {
            throw new InvalidInputException(field, "must be HH:MM:SS between 00:00:00 and 24:00:00, was '" + value + "'");
        }
        if (m.group(1) == null) {
            return DAY_SECONDS;
        }
        return Integer.parseInt(m.group(2)) * 3600 + Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
    }

    /** Seconds as HH:MM:SS (24:00:00 for a whole day). */
    public static String format(int seconds) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }
}
