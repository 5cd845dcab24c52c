package org.gridcharge.platform.input;

/**
 * One cell of a CSV file the platform writes (RFC 4180), safe to open in a spreadsheet: a text that
 * starts with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, so it is not
 * taken for a formula (OWASP's advice on CSV injection), and is quoted.
 */
public final class CsvCell {

    private CsvCell() {
    }

    public static String of(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        String text = formula ? "'" + value : value;
        if (formula || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
