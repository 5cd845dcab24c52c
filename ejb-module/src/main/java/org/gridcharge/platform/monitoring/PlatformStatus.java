package org.gridcharge.platform.monitoring;

import org.gridcharge.platform.persistence.SchemaMigrator;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** What readiness needs to know: is the database reachable, and is the schema migrated. */
@Stateless
public class PlatformStatus {

    @PersistenceContext
    EntityManager em;

    @EJB
    SchemaMigrator migrator;

    /** Runs a trivial query on the platform's database; throws when it cannot be reached. */
    public long cpoCount() {
        return em.createNamedQuery("Cpo.count", Long.class).getSingleResult();
    }

    public String schemaVersion() {
        return migrator.schemaVersion();
    }
}
