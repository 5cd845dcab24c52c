package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;

/** Each group's MBean, read and operated through Liberty's REST connector with a real JMX client and the admin role. */
class JmxIT {

    private static JMXConnector connect(String user, String password) throws Exception {
        Path server = Path.of(System.getProperty("server.dir"));
        String keystorePassword = Files.readAllLines(server.resolve("server.env")).stream().filter(l -> l.startsWith("keystore_password="))
                .findFirst().orElseThrow().substring("keystore_password=".length());
        // Trust the certificate the dev server made for itself (kept with its key in key.p12).
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(server.resolve("resources/security/key.p12"))) {
            keys.load(in, keystorePassword.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (String alias : java.util.Collections.list(keys.aliases())) {
            trusted.setCertificateEntry(alias, keys.getCertificate(alias));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        Map<String, Object> environment = new HashMap<>();
        environment.put("com.ibm.ws.jmx.connector.client.CUSTOM_SSLSOCKETFACTORY", ssl.getSocketFactory());
        environment.put("jmx.remote.protocol.provider.pkgs", "com.ibm.ws.jmx.connector.client");
        environment.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        environment.put("com.ibm.ws.jmx.connector.client.disableURLHostnameVerification", Boolean.TRUE);
        JMXServiceURL url = new JMXServiceURL("REST", "localhost", Integer.getInteger("https.port", 9443), "/IBMJMXConnectorREST");
        return JMXConnectorFactory.connect(url, environment);
    }

    private static void profile(String groupId, String token, double capacity) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Api.send("PUT", groupPath(groupId) + "/capacity-profile", token, "{\"type\":\"capacity_limit\",\"periods\":[{\"start_date_time\":\""
                + now.minusSeconds(600) + "\",\"end_date_time\":\"" + now.plusSeconds(3600) + "\",\"capacity\":" + capacity + "}]}",
                "application/json").expect(200);
    }

    private static double await(MBeanServerConnection mbeans, ObjectName name, String attribute, double expected) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        double value = Double.NaN;
        while (System.nanoTime() < deadline) {
            if (mbeans.isRegistered(name)) {
                value = (Double) mbeans.getAttribute(name, attribute);
                if (value == expected) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        return value;
    }

    @Test
    void aGroupsMBeanShowsItsFiguresAndPausesAndResumesItsAllocation() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String groupId = Fixtures.group(token, cpoId, Fixtures.evse(token, cpoId));
        profile(groupId, token, 47);
        ObjectName name = new ObjectName("org.gridcharge:type=SmartChargingGroup,application=\"gridcharge\",name=" + ObjectName.quote(groupId));

        try (JMXConnector connector = connect("jmx-admin", "jmx-admin-dev-password")) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            assertEquals(47.0, await(mbeans, name, "CapacityAmps", 47.0));
            assertEquals(32.0, (Double) mbeans.getAttribute(name, "AllottedAmps"), "the unsteered EVSE counts at its maximum");
            assertEquals(0, (Integer) mbeans.getAttribute(name, "SocketsCharging"));
            assertFalse(((String) mbeans.getAttribute(name, "LastAllocation")).isEmpty());

            mbeans.invoke(name, "pause", null, null);
            assertTrue((Boolean) mbeans.getAttribute(name, "Paused"));
            profile(groupId, token, 40);
            Thread.sleep(1500); // longer than the debounce: a running allocation would have picked the change up
            assertEquals(47.0, (Double) mbeans.getAttribute(name, "CapacityAmps"), "a paused group is not allocated automatically");
            mbeans.invoke(name, "reallocate", null, null);
            assertEquals(40.0, (Double) mbeans.getAttribute(name, "CapacityAmps"), "an operator can still allocate it by hand");
            profile(groupId, token, 35);
            mbeans.invoke(name, "resume", null, null);
            assertFalse((Boolean) mbeans.getAttribute(name, "Paused"));
            assertEquals(35.0, (Double) mbeans.getAttribute(name, "CapacityAmps"), "resuming allocates at once");
        }
    }

    @Test
    void theConnectorRefusesOtherCredentials() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> connect("jmx-admin", "wrong").close()) != null);
    }

    /** The readiness document, once its status is {@code status} (200 or 503), within two minutes. */
    private static jakarta.json.JsonObject readiness(int status) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        Api.Reply reply = Api.get("/health/ready", null);
        while (reply.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            reply = Api.get("/health/ready", null);
        }
        assertEquals(status, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void readinessIsDownWhileTheApplicationIsStoppedThroughJmx() throws Exception {
        ObjectName application = new ObjectName("WebSphere:service=com.ibm.websphere.application.ApplicationMBean,name=gridcharge");
        try (JMXConnector connector = connect("jmx-admin", "jmx-admin-dev-password")) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            mbeans.invoke(application, "stop", null, null);
            try {
                // the application's own checks leave with it; the guard's check stays and says why
                jakarta.json.JsonObject down = readiness(503);
                assertTrue(down.getJsonArray("checks").getValuesAs(jakarta.json.JsonObject.class).stream().anyMatch(c ->
                        "application".equals(c.getString("name")) && "DOWN".equals(c.getString("status"))
                                && "STOPPED".equals(c.getJsonObject("data").getString("state"))), down.toString());
            } finally {
                mbeans.invoke(application, "start", null, null);
            }
            jakarta.json.JsonObject up = readiness(200);
            assertTrue(up.getJsonArray("checks").getValuesAs(jakarta.json.JsonObject.class).stream().anyMatch(c ->
                    "application".equals(c.getString("name")) && "UP".equals(c.getString("status"))), up.toString());
            assertTrue(up.getJsonArray("checks").size() > 1, "the application's own checks are back: " + up);
        }
    }
}
