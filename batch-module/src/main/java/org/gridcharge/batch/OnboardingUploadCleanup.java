package org.gridcharge.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.gridcharge.job.control.Jobs;
import java.util.logging.Logger;

/**
 * Deletes the uploaded file once the job has been through it: a job that ends normally cannot be
 * restarted, so its file has served. A job that was stopped or failed keeps its file, because a
 * restart reads on from its last checkpoint.
 */
@Named("onboardingUploadCleanup")
@Dependent
public class OnboardingUploadCleanup implements JobListener {

    private static final Logger LOG = Logger.getLogger(OnboardingUploadCleanup.class.getName());

    @Inject
    JobContext job;

    @Inject
    @BatchProperty(name = "file")
    String file;

    @Override
    public void beforeJob() {
        // nothing to prepare
    }

    @Override
    public void afterJob() {
        // while the job listeners run, a job that is ending normally is still STARTED; a stopped one is STOPPING,
        // a failed one FAILED
        BatchStatus status = job.getBatchStatus();
        LOG.fine(() -> "Onboarding job " + Jobs.jobIdOf(job.getProperties(), job.getInstanceId()) + " ends as " + status);
        if (status != BatchStatus.STARTED || file == null) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(file));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not delete the uploaded file of onboarding job " + Jobs.jobIdOf(job.getProperties(), job.getInstanceId()) + ": " + file, e);
        }
    }
}
