package org.gridcharge.vendorapi;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridcharge.platform.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.rest.CallerProducer;

/**
 * Verifies a JWT sent as {@code Authorization: Token <jwt>}, the vendor's scheme, which the container's
 * MicroProfile JWT support does not read (it takes {@code Bearer} only). It applies the same rules with
 * the same settings: an RS256 signature by the key at {@code mp.jwt.verify.publickey.location} (PEM),
 * the issuer {@code mp.jwt.verify.issuer}, and the token's validity window, judged as the container judges a
 * {@code Bearer} token: no critical header it does not understand ({@code crit}), an {@code exp}, no {@code iat} or
 * {@code nbf} in the future, a subject ({@code sub} or {@code upn}), and Liberty's five minutes of clock skew.
 */
@ApplicationScoped
public class TokenVerifier {

    /** Why a token was refused; the message is safe to show the caller. */
    public static class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message);
        }
    }

    /**
     * Tokens cannot be verified at all: the issuer or the public key is not configured, or the key cannot be read. The
     * message names what to set, for the operators; the caller is told the service is unavailable, not that its token is bad.
     */
    public static class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Liberty's mpJwt clockSkew default. */
    private static final long SKEW_SECONDS = 300;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private volatile PublicKey key;

    public Caller verify(String jwt, Clock clock) throws InvalidTokenException, UnavailableException {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("the token is not a signed JWT (header.payload.signature)");
        }
        JsonObject header = json(parts[0], "header");
        if (!"RS256".equals(header.getString("alg", null))) {
            throw new InvalidTokenException("the token must be signed with RS256");
        }
        if (header.containsKey("crit")) {
            // RFC 7515 §4.1.11: a critical extension the recipient does not understand makes the token invalid; we know none
            throw new InvalidTokenException("the token names critical header extensions (crit) this platform does not understand");
        }
        PublicKey publicKey = key();
        String issuer = setting("mp.jwt.verify.issuer");
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(publicKey);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new InvalidTokenException("the token's signature does not verify");
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidTokenException("the token's signature does not verify");
        }
        JsonObject claims = json(parts[1], "payload");
        if (!issuer.equals(claims.getString("iss", null))) {
            throw new InvalidTokenException("the token was not issued by " + issuer);
        }
        long now = clock.instant().getEpochSecond();
        if (!(claims.get("exp") instanceof JsonNumber exp) || exp.longValue() + SKEW_SECONDS < now) {
            throw new InvalidTokenException("the token has expired (or has no exp claim)");
        }
        if (claims.get("nbf") instanceof JsonNumber nbf && nbf.longValue() - SKEW_SECONDS > now) {
            throw new InvalidTokenException("the token is not valid before " + Instant.ofEpochSecond(nbf.longValue()));
        }
        if (claims.get("iat") instanceof JsonNumber iat && iat.longValue() - SKEW_SECONDS > now) {
            throw new InvalidTokenException("the token was issued in the future (iat " + Instant.ofEpochSecond(iat.longValue()) + ")");
        }
        if (!(claims.get("sub") instanceof JsonString) && !(claims.get("upn") instanceof JsonString)) {
            throw new InvalidTokenException("the token names no subject (sub or upn)");
        }
        Set<String> groups = new HashSet<>();
        if (claims.get("groups") instanceof JsonArray array) {
            array.forEach(v -> groups.add(v instanceof JsonString s ? s.getString() : v.toString()));
        }
        String name = firstText(claims, "upn", "preferred_username", "sub");
        return CallerProducer.of(name, groups, claims.get("cpo_ids"), claims.get("client_id"));
    }

    private static String firstText(JsonObject claims, String... names) {
        for (String name : names) {
            if (claims.get(name) instanceof JsonString s) {
                return s.getString();
            }
        }
        return null;
    }

    private static JsonObject json(String part, String what) throws InvalidTokenException {
        try (JsonReader reader = Jsons.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(part),
                StandardCharsets.UTF_8)))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object) {
                return object;
            }
        } catch (RuntimeException e) {
            // falls through to the refusal
        }
        throw new InvalidTokenException("the token's " + what + " is not base64url-encoded JSON");
    }

    private PublicKey key() throws UnavailableException {
        PublicKey k = key;
        if (k == null) {
            String location = resolve(setting("mp.jwt.verify.publickey.location"));
            try {
                String pem = location.contains(":") && !location.startsWith("/") ? read(URI.create(location)) : Files.readString(Path.of(location));
                String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
                k = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
                throw new UnavailableException("cannot read the public key at " + location + " (mp.jwt.verify.publickey.location)", e);
            }
            key = k;
        }
        return k;
    }

    private static String setting(String name) throws UnavailableException {
        return config().getOptionalValue(name, String.class).filter(v -> !v.isBlank())
                .orElseThrow(() -> new UnavailableException(name + " is not configured", null));
    }

    private static String read(URI uri) throws IOException {
        java.net.URLConnection connection = uri.toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(5_000);
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Expands {@code ${name}} references (such as {@code ${server.config.dir}}) from the configuration. */
    private static String resolve(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            // Liberty runs the server in its output directory, which is the configuration directory unless moved
            String fallback = "server.config.dir".equals(name) ? System.getProperty("user.dir") : m.group();
            String replacement = config().getOptionalValue(name, String.class).orElseGet(() -> System.getProperty(name, fallback));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }
}
