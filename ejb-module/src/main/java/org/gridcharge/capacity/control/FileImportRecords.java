package org.gridcharge.capacity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.gridcharge.capacity.entity.CapacityFileImport;

/** The records of capacity file imports, each change committed on its own. */
@ApplicationScoped
public class FileImportRecords {

    @PersistenceContext
    EntityManager em;

    /** Records an import as it begins (again, if the job is restarted). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void begin(long jobId, String groupId, String cpoId, String origin, String fileName, String filePath, Instant at) {
        CapacityFileImport existing = em.find(CapacityFileImport.class, jobId);
        if (existing != null) {
            em.remove(existing);
            em.flush();
        }
        em.persist(new CapacityFileImport(jobId, groupId, cpoId, origin, fileName, filePath, at));
    }

    /** Records how an import ended, when it changed nothing. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void end(long jobId, String outcome, String reason, String sha256, List<CapacityFileImport.FileRejection> rejections,
                    Instant at) {
        em.find(CapacityFileImport.class, jobId).ended(outcome, reason, sha256, 0, rejections, at);
    }

    /** Records where the file went. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void movedTo(long jobId, String path) {
        CapacityFileImport record = em.find(CapacityFileImport.class, jobId);
        if (record != null) {
            record.movedTo(path);
        }
    }
}
