package org.gridcharge.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gridcharge.platform.error.InvalidInputException;

/**
 * Mints the tokens the portal's dev sign-in hands out: signed with the development key that ships in the repository, for
 * the issuer the dev profile trusts. Only the dev profile names that key ({@code DEV_TOKEN_KEY_LOCATION} in
 * {@code profiles/dev.xml}); in the production profile there is nothing to mint with, and {@link #enabled()} says so.
 */
@ApplicationScoped
public class DevTokens {

    /** The issuer the dev profile trusts (its {@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "https://dev.gridcharge.local";
    public static final Duration LIFETIME = Duration.ofHours(8);

    /** A minted token: the compact JWT and when it expires. */
    public record Minted(String token, Instant expires) {
    }

    private volatile PrivateKey key;

    /** Whether this server mints dev tokens: the dev profile, with its key readable. */
    public boolean enabled() {
        return keyLocation().isPresent();
    }

    /**
     * A token for one role: a {@code cpo-admin} manages {@code cpoIds} (at least one), a {@code capacity-provider} is
     * {@code clientId}. The subject says where it came from ({@code dev-portal-<role>}).
     */
    public Minted mint(String role, List<String> cpoIds, String clientId, Instant now) {
        return mint(this::key, role, cpoIds, clientId, now);
    }

    /** {@link #mint(String, List, String, Instant)} with this key, read only once the request is found valid. */
    static Minted mint(java.util.function.Supplier<PrivateKey> signingKey, String role, List<String> cpoIds, String clientId, Instant now) {
        Role parsed = role == null ? null : Role.fromClaim(role).orElse(null);
        if (parsed == null) {
            throw new InvalidInputException("role", "must be platform-admin, cpo-admin or capacity-provider");
        }
        List<String> cpos = cpoIds == null ? List.of() : cpoIds.stream().map(String::trim).filter(c -> !c.isEmpty()).toList();
        if (parsed == Role.CPO_ADMIN && cpos.isEmpty()) {
            throw new InvalidInputException("cpo_ids", "a cpo-admin manages at least one CPO");
        }
        String client = clientId == null ? "" : clientId.trim();
        if (parsed == Role.CAPACITY_PROVIDER && client.isEmpty()) {
            throw new InvalidInputException("client_id", "a capacity-provider needs its client id");
        }
        JsonArrayBuilder cpoArray = Json.createArrayBuilder();
        (parsed == Role.CPO_ADMIN ? cpos : List.<String>of()).forEach(cpoArray::add);
        String subject = "dev-portal-" + parsed.claimValue() + (parsed == Role.CAPACITY_PROVIDER ? "-" + client : "");
        Instant expires = now.plus(LIFETIME);
        JsonObjectBuilder claims = Json.createObjectBuilder()
                .add("iss", ISSUER).add("sub", subject).add("upn", subject)
                .add("groups", Json.createArrayBuilder().add(parsed.claimValue())).add("cpo_ids", cpoArray)
                .add("iat", now.getEpochSecond()).add("exp", expires.getEpochSecond()).add("jti", UUID.randomUUID().toString());
        if (parsed == Role.CAPACITY_PROVIDER) {
            claims.add("client_id", client);
        }
        String header = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = base64(claims.build().toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey.get());
            signature.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return new Minted(header + "." + body + "." + base64(signature.sign()), expires);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the dev signing key cannot sign", e);
        }
    }

    private PrivateKey key() {
        PrivateKey k = key;
        if (k == null) {
            Path location = keyLocation().orElseThrow(() -> new IllegalStateException("no dev signing key in this profile"));
            try {
                k = read(Files.readString(location));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("the dev signing key " + location + " cannot be read", e);
            }
            key = k;
        }
        return k;
    }

    /** A PKCS#8 private key in PEM. */
    static PrivateKey read(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static Optional<Path> keyLocation() {
        Config config = ConfigProvider.getConfig();
        if (!"dev".equals(config.getOptionalValue("PLATFORM_PROFILE", String.class).orElse("dev"))) {
            return Optional.empty();
        }
        return config.getOptionalValue("DEV_TOKEN_KEY_LOCATION", String.class).filter(s -> !s.isBlank()).map(Path::of)
                .filter(Files::isReadable);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
