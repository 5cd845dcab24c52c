package org.gridcharge.platform.input;

import org.gridcharge.platform.error.InvalidInputException;

import java.util.regex.Pattern;

/** Syntax rules for the identifiers the API accepts, each checked with a message naming the field. */
public final class Identifiers {

    /** A CPO id such as {@code NL*GFX} or {@code NL-GFX}. */
    public static final Pattern CPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9*._-]{1,63}");
    /** An eMI3 EVSE id such as {@code NL*GFX*E00001*1} (separators optional). */
    public static final Pattern EVSE_ID = Pattern.compile("[A-Za-z]{2}\\*?[A-Za-z0-9]{3}\\*?[Ee][A-Za-z0-9][A-Za-z0-9*]{0,30}");
    /** An OCPP charge station identity: unreserved URL characters, at most 48 (OCPP-J). */
    /** An OCPI-style EVSE uid (OCPI allows 36 characters; ours may also be a 48-character evse_id). */
    public static final Pattern EVSE_UID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9*._:-]{0,47}");

    public static final Pattern CHARGE_STATION_ID = Pattern.compile("[A-Za-z0-9._~:*-]{1,48}");
    /** An OAuth client id of a capacity provider. */
    public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

    private Identifiers() {
    }

    public static String require(String field, String value, Pattern pattern, String example) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        if (!pattern.matcher(value).matches()) {
            throw new InvalidInputException(field, "'" + value + "' is not a valid value; expected something like " + example);
        }
        return value;
    }

    public static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required and may not be blank");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidInputException(field, "is " + trimmed.length() + " characters long; at most " + maxLength + " are allowed");
        }
        return trimmed;
    }
}
