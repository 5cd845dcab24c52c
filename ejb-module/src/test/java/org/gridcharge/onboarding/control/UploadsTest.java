package org.gridcharge.onboarding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.PayloadTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadsTest {

    @TempDir
    Path dir;

    @Test
    void anUploadAboveTheLimitIsRefusedAsSoonAsItPassesIt() {
        Path file = dir.resolve("up.csv");
        byte[] body = new byte[200_000];
        assertThrows(PayloadTooLargeException.class, () -> Uploads.copy(new ByteArrayInputStream(body), file, 100_000));
    }

    @Test
    void rowsAreCountedAndInvalidUtf8IsNamed() throws Exception {
        Path good = dir.resolve("good.csv");
        Uploads.copy(new ByteArrayInputStream("a,b\n1,2\n\n3,4\n".getBytes(StandardCharsets.UTF_8)), good, 1000);
        assertEquals(3, Uploads.rows(good));

        Path bad = dir.resolve("bad.csv");
        Files.write(bad, new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xFF, (byte) 0xFE, '\n'});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Uploads.rows(bad));
        assertEquals("body", e.field());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }
}
