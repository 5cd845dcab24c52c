package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal's production sign-in against a real OpenID provider: the npm package oidc-provider, started here over HTTPS
 * (src/test/node/oidc-provider.mjs), and a second server of this build started here in the production profile (HTTPS
 * only, the provider's issuer and signing key, PostgreSQL). In Debian's chromium the portal sends the browser to the
 * provider (authorization code with PKCE), takes the code back, trades it for the provider's JWT and lists the CPO's
 * groups with it. In the PostgreSQL pass only: the production profile refuses embedded Derby.
 */
class PortalSignInIT {

    static final int OP_PORT = 9777;
    static final int HTTP_PORT = 9290;
    static final int HTTPS_PORT = 9653;
    static final String ISSUER = "https://localhost:" + OP_PORT;
    /** The CPO the provider's accounts administer (its tokens' cpo_ids). */
    static final String CPO = "IT*" + Api.unique();

    static Path dir;
    static Process provider;
    static Map<String, String> serverEnv;
    static boolean started;

    @BeforeAll
    static void providerAndProductionServer() throws Exception {
        assumeTrue("postgresql".equals(System.getenv().getOrDefault("DB_KIND", "derby")), "the production profile needs PostgreSQL");
        assertTrue(Files.isExecutable(PortalIT.CHROMIUM), PortalIT.CHROMIUM + " is missing: install Debian's chromium package (.ci/run does)");
        dir = Path.of(System.getProperty("wlp.home")).getParent().getParent().resolve("portal-sign-in-it");
        Files.createDirectories(dir);
        String password = UUID.randomUUID().toString();
        exec(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("op-key.pem").toString(),
                "-out", dir.resolve("op-cert.pem").toString(), "-days", "2", "-subj", "/CN=localhost"));
        Files.deleteIfExists(dir.resolve("keystore.p12"));
        exec(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
                "CN=localhost", "-storetype", "PKCS12", "-keystore", dir.resolve("keystore.p12").toString(), "-storepass", password,
                "-keypass", password));

        ProcessBuilder op = new ProcessBuilder(System.getProperty("node.binary"), "oidc-provider.mjs")
                .directory(Path.of(System.getProperty("ocpp.node.dir")).toFile()).redirectErrorStream(true);
        op.environment().putAll(Map.of("PORT", Integer.toString(OP_PORT), "TLS_KEY", dir.resolve("op-key.pem").toString(),
                "TLS_CERT", dir.resolve("op-cert.pem").toString(), "PUBLIC_KEY_OUT", dir.resolve("op-public.pem").toString(),
                "PORTAL_ORIGIN", "https://localhost:" + HTTPS_PORT, "OIDC_CPO", CPO));
        provider = op.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(provider.getInputStream(), StandardCharsets.UTF_8));
        // its warnings first (an in-memory store, the development pages), then READY
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    System.out.println("[oidc-provider] " + line);
                    if (line.startsWith("READY")) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        assertEquals("READY " + ISSUER, ready, "the OpenID provider started");
        Thread echo = new Thread(() -> out.lines().forEach(line -> System.out.println("[oidc-provider] " + line)));
        echo.setDaemon(true);
        echo.start();

        serverEnv = new HashMap<>();
        serverEnv.put("WLP_OUTPUT_DIR", dir.resolve("server").toString());
        serverEnv.put("PLATFORM_PROFILE", "production");
        serverEnv.put("HTTP_PORT", Integer.toString(HTTP_PORT));
        serverEnv.put("HTTPS_PORT", Integer.toString(HTTPS_PORT));
        serverEnv.put("TLS_KEYSTORE", dir.resolve("keystore.p12").toString());
        serverEnv.put("TLS_KEYSTORE_PASSWORD", password);
        serverEnv.put("JWT_ISSUER", ISSUER);
        serverEnv.put("JWT_PUBLIC_KEY_LOCATION", dir.resolve("op-public.pem").toString());
        serverEnv.put("OIDC_CLIENT_ID", "gridcharge-portal");
        serverEnv.put("OIDC_SCOPES", "openid gridcharge");
        serverEnv.put("JMX_ADMIN_PASSWORD", UUID.randomUUID().toString());
        serverEnv.put("DB_KIND", "postgresql");
        // the test server's database (CI sets DB_* for the PostgreSQL pass), which this server shares as a cluster's servers
        // do; with the test server's station login key (configDropins/overrides/arquillian.xml) and no periodic sweep
        for (String name : List.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD")) {
            if (System.getenv(name) != null) {
                serverEnv.put(name, System.getenv(name));
            }
        }
        serverEnv.put("GRIDCHARGE_STATION_LOGIN_KEY", "integration-tests-only-login-key-0123456789");
        serverEnv.put("GRIDCHARGE_ALLOCATION_INTERVAL_SECONDS", "600");
        started = true;
        server("start");
        HttpClient trusting = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            try {
                status = trusting.send(HttpRequest.newBuilder(URI.create("https://localhost:" + HTTPS_PORT + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0;
            }
            if (status != 200) {
                Thread.sleep(2000);
            }
        }
        assertEquals(200, status, "the production server is ready on https://localhost:" + HTTPS_PORT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (started) {
            server("stop");
        }
        if (provider != null) {
            provider.destroy();
            provider.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void server(String action) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("wlp.home"), "bin", "server").toString(), action, "gridcharge")
                .redirectErrorStream(true);
        builder.environment().putAll(serverEnv);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "server " + action);
        assertTrue(process.exitValue() == 0 || action.equals("stop"), "server " + action + ":\n" + output);
    }

    static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0, String.join(" ", command) + ":\n" + output);
    }

    static SSLContext trustAll() throws Exception {
        TrustManager[] all = {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, all, new SecureRandom());
        return context;
    }

    @Test
    void aCpoAdminSignsInAtTheOpenIdProviderAndTheApiTakesItsToken() throws Exception {
        Api.post("/api/v1/cpos", DevTokens.platformAdmin(), "{\"cpo_id\":\"" + CPO + "\",\"name\":\"Sign-in CPO\"}").expect(201);
        String admin = DevTokens.cpoAdmin(CPO);
        String name = "Signed in " + Api.unique();
        PortalIT.group(admin, CPO, name, 40, List.of(Fixtures.evse(admin, CPO)));

        PortalIT.run("oidc", Json.createObjectBuilder().add("cpo", CPO).add("groupName", name).add("issuer", ISSUER).build(), null,
                "https://localhost:" + HTTPS_PORT);
    }
}
