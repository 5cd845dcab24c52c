package org.gridcharge.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Mints bearer tokens signed with the repository's dev key, exactly like scripts/dev-token.sh. */
final class DevTokens {

    static final String ISSUER = "https://dev.gridcharge.local";
    private static final PrivateKey KEY = loadKey();

    private DevTokens() {
    }

    static String platformAdmin() {
        return sign("it-platform-admin", "platform-admin", new String[0], null, ISSUER);
    }

    static String cpoAdmin(String... cpoIds) {
        return sign("it-cpo-admin", "cpo-admin", cpoIds, null, ISSUER);
    }

    static String capacityProvider(String clientId) {
        return sign("it-" + clientId, "capacity-provider", new String[0], clientId, ISSUER);
    }

    static String withIssuer(String issuer) {
        return sign("it-platform-admin", "platform-admin", new String[0], null, issuer);
    }

    static String sign(String subject, String role, String[] cpoIds, String clientId, String issuer) {
        long now = Instant.now().getEpochSecond();
        JsonArrayBuilder cpos = Json.createArrayBuilder();
        for (String cpo : cpoIds) {
            cpos.add(cpo);
        }
        JsonObjectBuilder claims = Json.createObjectBuilder()
                .add("iss", issuer).add("sub", subject).add("upn", subject)
                .add("groups", Json.createArrayBuilder().add(role)).add("cpo_ids", cpos)
                .add("iat", now).add("exp", now + 3600).add("jti", UUID.randomUUID().toString());
        if (clientId != null) {
            claims.add("client_id", clientId);
        }
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64(claims.build().toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(KEY);
            signature.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + b64(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A platform admin's token with this header and claims changed (a null value removes the claim). */
    static String crafted(String headerJson, java.util.Map<String, jakarta.json.JsonValue> changes) {
        long now = Instant.now().getEpochSecond();
        JsonObjectBuilder claims = Json.createObjectBuilder()
                .add("iss", "https://dev.gridcharge.local").add("sub", "it-crafted").add("upn", "it-crafted")
                .add("groups", Json.createArrayBuilder().add("platform-admin")).add("cpo_ids", Json.createArrayBuilder())
                .add("iat", now).add("exp", now + 3600).add("jti", UUID.randomUUID().toString());
        changes.forEach((name, value) -> {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.add(name, value);
            }
        });
        String header = b64(headerJson.getBytes(StandardCharsets.UTF_8));
        String body = b64(claims.build().toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(KEY);
            signature.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + b64(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey loadKey() {
        try {
            String pem = Files.readString(Path.of(System.getProperty("dev.key.path", "../liberty/src/main/liberty/config/dev-jwt-private.pem")));
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the dev signing key", e);
        }
    }
}
