package org.gridcharge.onboarding.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.PayloadTooLargeException;

/** An uploaded onboarding file on its way to disk: bounded in size, UTF-8, counted in rows. */
public final class Uploads {

    private Uploads() {
    }

    /** Streams the upload to its file, refusing (413) a body above {@code limit} bytes as soon as it passes it. */
    public static void copy(InputStream body, Path file, long limit) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = body.read(buffer)) > 0;) {
                total += n;
                if (total > limit) {
                    throw new PayloadTooLargeException("the upload is larger than " + limit
                            + " bytes (gridcharge.onboarding.max-upload-bytes); split it into several jobs");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /** The non-blank lines of the file, which must be UTF-8 (400 naming the first line that is not). */
    public static int rows(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int rows = 0;
        int line = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            for (String text; (text = readLine(reader, line + 1)) != null;) {
                line++;
                if (!text.isBlank()) {
                    rows++;
                }
            }
        }
        return rows;
    }

    private static String readLine(BufferedReader reader, int line) throws IOException {
        try {
            return reader.readLine();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "is not valid UTF-8 (at or near line " + line + ")");
        }
    }
}
