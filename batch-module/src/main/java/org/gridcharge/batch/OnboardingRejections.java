package org.gridcharge.batch;

import jakarta.batch.api.chunk.listener.SkipProcessListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.gridcharge.job.control.Jobs;
import org.gridcharge.onboarding.boundary.OnboardingService;

/** Records each row the step skipped, with its line, column and reason. */
@Named("onboardingRejections")
@Dependent
public class OnboardingRejections implements SkipProcessListener {

    @Inject
    JobContext job;

    @Inject
    OnboardingService onboarding;

    @Override
    public void onSkipProcessItem(Object item, Exception e) {
        if (e instanceof RowRejectedException rejected) {
            onboarding.reject(Jobs.jobIdOf(job.getProperties(), job.getInstanceId()), rejected.line(), rejected.column(), rejected.getMessage());
        }
    }
}
