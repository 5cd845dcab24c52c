package org.gridcharge.platform.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned schema migrations ({@code db/migration/V*__*.sql}) at startup, on Derby
 * and PostgreSQL alike. Nothing is ever dropped and recreated.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "jdbc/gridcharge")
    DataSource dataSource;

    private volatile String schemaVersion = "none";

    @PostConstruct
    void migrate() {
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                // Liberty's persistent EJB timer store may create its EJBTIMER_ tables in the same schema before the
                // first migration runs; a baseline at version 0 still applies every migration to such a database.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(java.util.Map.of("binary_type", binaryType()))
                .load();
        MigrateResult result = flyway.migrate();
        schemaVersion = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
        LOG.info(() -> "Schema at version " + schemaVersion + " (" + result.migrationsExecuted + " migrations applied now, database "
                + result.database + ")");
    }

    /** The database's type for a column of bytes: Derby has BLOB, PostgreSQL BYTEA. */
    private String binaryType() {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres") ? "BYTEA" : "BLOB";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("The database cannot be reached to migrate its schema", e);
        }
    }

    public String schemaVersion() {
        return schemaVersion;
    }
}
