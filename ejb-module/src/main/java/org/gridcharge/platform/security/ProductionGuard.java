package org.gridcharge.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * In the production profile the application refuses to start while a development default is in
 * force: the JMX administrator's dev password (or none), embedded Derby, no TLS keystore password,
 * or no JWT issuer key of the operator's. Each is named in the log with what to set. (The JMX
 * connector itself has no valid login without an operator-set password: production.xml takes the
 * dev default away.)
 */
@Startup
@Singleton
public class ProductionGuard {

    private static final Logger LOG = Logger.getLogger(ProductionGuard.class.getName());
    static final String DEV_JMX_PASSWORD = "jmx-admin-dev-password";

    @PostConstruct
    void check() {
        Config config = ConfigProvider.getConfig();
        String profile = value(config, "PLATFORM_PROFILE", "dev");
        if (!"production".equals(profile)) {
            return;
        }
        List<String> problems = problems(value(config, "JMX_ADMIN_PASSWORD", ""), value(config, "DB_KIND", "derby"),
                value(config, "TLS_KEYSTORE_PASSWORD", ""), value(config, "JWT_PUBLIC_KEY_LOCATION", ""));
        if (!problems.isEmpty()) {
            String message = "PLATFORM_PROFILE=production refuses to start with development defaults: " + String.join("; ", problems);
            LOG.severe(message);
            throw new IllegalStateException(message);
        }
    }

    /** What is not fit for production, each with what to set; empty if nothing. */
    static List<String> problems(String jmxPassword, String dbKind, String keystorePassword, String jwtKeyLocation) {
        List<String> problems = new ArrayList<>();
        if (jmxPassword.isBlank() || DEV_JMX_PASSWORD.equals(jmxPassword)) {
            problems.add("set JMX_ADMIN_PASSWORD (the JMX connector's administrator password; the dev default is public)");
        }
        if (!"postgresql".equals(dbKind)) {
            problems.add("set DB_KIND=postgresql and its DB_* variables (embedded Derby is for development)");
        }
        if (keystorePassword.isBlank()) {
            problems.add("set TLS_KEYSTORE and TLS_KEYSTORE_PASSWORD (the server's certificate)");
        }
        if (jwtKeyLocation.isBlank() || jwtKeyLocation.endsWith("dev-jwt-public.pem")) {
            problems.add("set JWT_ISSUER and JWT_PUBLIC_KEY_LOCATION (your identity provider's key; the dev key is public)");
        }
        return problems;
    }

    private static String value(Config config, String name, String fallback) {
        return config.getOptionalValue(name, String.class).orElse(fallback);
    }
}
