package org.gridcharge.station.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import org.gridcharge.platform.cluster.ClusterMember;
import org.gridcharge.platform.cluster.ClusterNode;
import org.gridcharge.platform.cluster.Members;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * At startup no station is connected to this server yet, whatever the database remembers from before a crash: every
 * link is marked offline once the schema is in place, before the OCPP endpoint takes a connection, except (in a
 * cluster) the links of the other servers that are alive. One statement in auto-commit, outside any container
 * transaction, as the schema migration before it.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class StaleLinks {

    private static final Logger LOG = Logger.getLogger(StaleLinks.class.getName());

    @Resource(lookup = "jdbc/gridcharge")
    DataSource dataSource;

    @jakarta.ejb.EJB
    Members members;

    @jakarta.inject.Inject
    ClusterNode cluster;


    @PostConstruct
    void markOffline() {
        java.util.List<String> alive = cluster.clustered()
                ? members.alive(cluster.memberTimeout()).stream().map(ClusterMember::nodeId).toList()
                : java.util.List.of();
        String others = alive.isEmpty() ? "" : " AND (server_id IS NULL OR server_id NOT IN ("
                + String.join(", ", java.util.Collections.nCopies(alive.size(), "?")) + "))";
        try (Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement statement = connection.prepareStatement("UPDATE station_link SET connected = false WHERE connected = true"
                     + others)) {
            for (int i = 0; i < alive.size(); i++) {
                statement.setString(i + 1, alive.get(i));
            }
            int stale = statement.executeUpdate();
            if (stale > 0) {
                LOG.info(() -> stale + " station(s) marked offline until they reconnect");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not reset the stations' connection state", e);
        }
    }
}
