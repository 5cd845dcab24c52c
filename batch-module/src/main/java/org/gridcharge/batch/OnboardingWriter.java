package org.gridcharge.batch;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.gridcharge.job.control.Jobs;
import org.gridcharge.onboarding.boundary.OnboardingRow;
import org.gridcharge.onboarding.boundary.OnboardingService;

/** Hands each chunk of rows to {@link OnboardingService}, in the chunk's transaction. */
@Named("onboardingWriter")
@Dependent
public class OnboardingWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    OnboardingService onboarding;

    @Override
    public void writeItems(List<Object> items) {
        onboarding.apply(Jobs.jobIdOf(job.getProperties(), job.getInstanceId()), items.stream().map(OnboardingRow.class::cast).toList());
    }
}
