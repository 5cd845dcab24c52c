package org.gridcharge.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionGuardTest {

    @Test
    void everyDevelopmentDefaultIsNamed() {
        List<String> problems = ProductionGuard.problems(ProductionGuard.DEV_JMX_PASSWORD, "derby", "", "/opt/wlp/usr/servers/gridcharge/dev-jwt-public.pem");
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("JMX_ADMIN_PASSWORD"));
        assertTrue(problems.get(1).contains("DB_KIND=postgresql"));
        assertTrue(problems.get(2).contains("TLS_KEYSTORE_PASSWORD"));
        assertTrue(problems.get(3).contains("JWT_PUBLIC_KEY_LOCATION"));
        assertEquals(1, ProductionGuard.problems("", "postgresql", "secret", "/config/issuer.pem").size(), "no JMX password at all");
    }

    @Test
    void anOperatorsSettingsPass() {
        assertEquals(List.of(), ProductionGuard.problems("s3cret-chosen", "postgresql", "secret", "/config/jwt/issuer.pem"));
    }
}
