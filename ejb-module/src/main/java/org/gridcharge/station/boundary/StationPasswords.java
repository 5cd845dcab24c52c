package org.gridcharge.station.boundary;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes station passwords (PBKDF2-HMAC-SHA256, a random salt per station). OCPP passwords are
 * 16 to 40 characters chosen by the CPO, so a moderate work factor keeps a reconnect storm of
 * thousands of stations affordable while a stolen hash stays useless; with a login key the servers
 * share, a station's later logins are checked by a keyed verifier instead ({@link #verifier}).
 */
final class StationPasswords {

    static final int MIN_LENGTH = 16;
    static final int MAX_LENGTH = 40;
    private static final int ITERATIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StationPasswords() {
    }

    static String newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return Base64.getEncoder().encodeToString(salt);
    }

    static String hash(String password, String salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(salt), ITERATIONS, 256);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    private static final String DUMMY_SALT = newSalt();
    private static final String DUMMY_HASH = hash("not a password of any station", DUMMY_SALT);

    /** Costs what {@link #matches} costs, and is false: for a station that does not exist. */
    static boolean matchesNothing(String password) {
        boolean ignored = matches(password == null ? "" : password, DUMMY_SALT, DUMMY_HASH);
        return ignored && false;
    }

    /**
     * The keyed verifier of a station's password: HMAC-SHA256 under {@code key} (shared by the servers, never stored in
     * the database) of the station's id, its salt and the password. Without the key it tells nothing of the password;
     * a new password comes with a new salt, so an old verifier never matches it.
     */
    static String verifier(byte[] key, String chargeStationId, String salt, String password) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((chargeStationId + '\n' + salt + '\n' + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static boolean matches(String password, String salt, String expectedHash) {
        if (password == null || salt == null || expectedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(password, salt).getBytes(), expectedHash.getBytes());
    }
}
