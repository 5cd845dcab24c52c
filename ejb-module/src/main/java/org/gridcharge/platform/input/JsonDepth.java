package org.gridcharge.platform.input;

/** How deeply arrays and objects nest in a JSON text, counted without parsing it (strings skipped), to refuse a deep one cheaply. */
public final class JsonDepth {

    private JsonDepth() {
    }

    /** The deepest nesting of arrays and objects in the text. */
    public static int of(CharSequence text) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }
}
