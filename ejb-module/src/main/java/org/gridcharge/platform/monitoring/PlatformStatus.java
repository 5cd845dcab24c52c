package org.gridcharge.platform.monitoring;

import org.gridcharge.platform.persistence.SchemaMigrator;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/** What readiness needs to know of the platform: is the schema migrated. */
@Stateless
public class PlatformStatus {

    @EJB
    SchemaMigrator migrator;

    public String schemaVersion() {
        return migrator.schemaVersion();
    }
}
