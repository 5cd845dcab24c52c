package org.gridcharge.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.gridcharge.capacity.boundary.CapacityFileService;
import org.gridcharge.job.control.Jobs;

/**
 * Imports one capacity file. The step's exit status is how the import ended (IMPORTED, UNCHANGED, REJECTED, FAILED); a
 * file that changed nothing because it was bad, or could not be had, fails the job, with the reason in the import's
 * record.
 */
@Named("capacityFileBatchlet")
@Dependent
public class CapacityFileBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty(name = "origin")
    String origin;

    @Inject
    @BatchProperty(name = "groupId")
    String groupId;

    @Inject
    @BatchProperty(name = "fileName")
    String fileName;

    @Inject
    @BatchProperty(name = "file")
    String file;

    @Inject
    JobContext job;

    @EJB
    CapacityFileService files;

    @Override
    public String process() {
        long jobId = Jobs.jobIdOf(job.getProperties(), job.getInstanceId());
        // the step's exit status; the job ends FAILED for REJECTED and FAILED (see the job's transitions)
        return files.run(jobId, origin, groupId, fileName, file).toUpperCase(java.util.Locale.ROOT);
    }
}
