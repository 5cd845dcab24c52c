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
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * At startup no station is connected to this server yet, whatever the database remembers from before a crash: every
 * link is marked offline once the schema is in place, before the OCPP endpoint takes a connection. One statement in
 * auto-commit, outside any container transaction, as the schema migration before it.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class StaleLinks {

    private static final Logger LOG = Logger.getLogger(StaleLinks.class.getName());

    @Resource(lookup = "jdbc/gridcharge")
    DataSource dataSource;

    @PostConstruct
    void markOffline() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            int stale = statement.executeUpdate("UPDATE station_link SET connected = false WHERE connected = true");
            if (stale > 0) {
                LOG.info(() -> stale + " station(s) marked offline until they reconnect");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not reset the stations' connection state", e);
        }
    }
}
