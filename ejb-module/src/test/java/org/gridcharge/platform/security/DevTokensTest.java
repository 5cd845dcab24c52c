package org.gridcharge.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.gridcharge.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class DevTokensTest {

    static final Path CONFIG = Path.of("../liberty/src/main/liberty/config");
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    static Supplier<PrivateKey> devKey() {
        return () -> {
            try {
                return DevTokens.read(Files.readString(CONFIG.resolve("dev-jwt-private.pem")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The claims of a token whose RS256 signature the dev profile's public key verifies. */
    static JsonObject verified(String token) throws Exception {
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        String pem = Files.readString(CONFIG.resolve("dev-jwt-public.pem")).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(signature.verify(Base64.getUrlDecoder().decode(parts[2])), "signed with the dev key");
        JsonObject header = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))).readObject();
        assertEquals("RS256", header.getString("alg"));
        return Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))).readObject();
    }

    @Test
    void aCpoAdminsTokenNamesItsCposForTheDevIssuerForEightHours() throws Exception {
        DevTokens.Minted minted = DevTokens.mint(devKey(), "cpo-admin", List.of(" NL*GFX ", "", "BE*ABC"), null, NOW);
        JsonObject claims = verified(minted.token());
        assertEquals("https://dev.gridcharge.local", claims.getString("iss"));
        assertEquals(List.of("cpo-admin"), claims.getJsonArray("groups").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(List.of("NL*GFX", "BE*ABC"), claims.getJsonArray("cpo_ids").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(claims.containsKey("client_id"));
        assertEquals(NOW.getEpochSecond(), claims.getJsonNumber("iat").longValue());
        assertEquals(NOW.plusSeconds(8 * 3600).getEpochSecond(), claims.getJsonNumber("exp").longValue());
        assertEquals(NOW.plusSeconds(8 * 3600), minted.expires());
    }

    @Test
    void aCapacityProviderIsItsClientAndManagesNoCpo() throws Exception {
        JsonObject claims = verified(DevTokens.mint(devKey(), "capacity-provider", List.of("NL*GFX"), "dso-east", NOW).token());
        assertEquals("dso-east", claims.getString("client_id"));
        assertTrue(claims.getJsonArray("cpo_ids").isEmpty(), "cpo ids belong to cpo admins only");
        assertEquals("dev-portal-capacity-provider-dso-east", claims.getString("sub"));
    }

    @Test
    void aRequestTheRoleCannotHaveNamesItsFieldAndSignsNothing() {
        Supplier<PrivateKey> never = () -> {
            throw new AssertionError("nothing is signed for a refused request");
        };
        assertEquals("role", assertThrows(InvalidInputException.class, () -> DevTokens.mint(never, "root", List.of(), null, NOW)).field());
        assertEquals("role", assertThrows(InvalidInputException.class, () -> DevTokens.mint(never, null, List.of(), null, NOW)).field());
        assertEquals("cpo_ids", assertThrows(InvalidInputException.class, () -> DevTokens.mint(never, "cpo-admin", List.of(" "), null, NOW)).field());
        assertEquals("client_id", assertThrows(InvalidInputException.class, () -> DevTokens.mint(never, "capacity-provider", null, " ", NOW)).field());
    }
}
