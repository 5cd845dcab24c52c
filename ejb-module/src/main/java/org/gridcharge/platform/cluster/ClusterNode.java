package org.gridcharge.platform.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server as a member of a cluster. Servers that share a PostgreSQL database form one: each run of a grid tree's
 * allocation holds the tree's lock in the database, every plan is delivered by each server to the stations connected
 * to it, and a server whose heartbeat stops has its stations counted offline. On embedded Derby a server is alone and
 * none of this happens.
 *
 * <p>Each start of a server is a member of its own ({@link #nodeId()}: its name and a random suffix), so that a
 * restarted server is not taken for the one that crashed.
 */
@ApplicationScoped
public class ClusterNode {

    @Resource(lookup = "jdbc/gridcharge")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "gridcharge.cluster.node-name", defaultValue = " ")
    String configuredName;

    @Inject
    @ConfigProperty(name = "gridcharge.cluster.heartbeat-seconds", defaultValue = "5")
    long heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "gridcharge.cluster.member-timeout-seconds", defaultValue = "20")
    long memberTimeoutSeconds;

    private volatile String name;
    private volatile String nodeId;
    private volatile Boolean clustered;

    /** This server's name: {@code gridcharge.cluster.node-name}, or the host's name. */
    public String name() {
        if (name == null) {
            String given = configuredName == null ? "" : configuredName.strip();
            if (given.isEmpty()) {
                try {
                    given = InetAddress.getLocalHost().getHostName();
                } catch (java.io.IOException e) {
                    given = "gridcharge";
                }
            }
            name = given.length() > 48 ? given.substring(0, 48) : given;
        }
        return name;
    }

    /** This start of this server: its name and a random suffix, at most 64 characters. */
    public String nodeId() {
        if (nodeId == null) {
            byte[] random = new byte[6];
            new SecureRandom().nextBytes(random);
            nodeId = name() + "~" + HexFormat.of().formatHex(random);
        }
        return nodeId;
    }

    /** Whether servers sharing this database coordinate: true on PostgreSQL. */
    public boolean clustered() {
        if (clustered == null) {
            try (Connection connection = dataSource.getConnection()) {
                clustered = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            } catch (SQLException e) {
                throw new IllegalStateException("The database cannot be reached to tell whether servers share it", e);
            }
        }
        return clustered;
    }

    /** How often this server writes its heartbeat. */
    public Duration heartbeat() {
        return Duration.ofSeconds(Math.max(1, heartbeatSeconds));
    }

    /** How long a member may be silent before the others take it for dead. */
    public Duration memberTimeout() {
        return Duration.ofSeconds(Math.max(3 * Math.max(1, heartbeatSeconds), memberTimeoutSeconds));
    }
}
