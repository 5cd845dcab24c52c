package org.gridcharge.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import java.nio.file.Files;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gridcharge.job.entity.BatchJob;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.evse.boundary.EvseService;
import org.gridcharge.onboarding.boundary.OnboardingService;
import org.gridcharge.platform.security.Caller;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The onboarding job started through JobOperator in the container: its batch status and step metrics. */
@ExtendWith(ArquillianExtension.class)
class OnboardingJobInContainerIT {

    private static final Caller ADMIN = Caller.platformAdmin("in-container-test");

    @Deployment
    static WebArchive deployment() {
        return InContainerDeployment.withTests(OnboardingJobInContainerIT.class);
    }

    @EJB
    CpoService cpos;

    @EJB
    EvseService evses;

    @EJB
    OnboardingService onboarding;

    @Test
    void theJobCompletesAndItsMetricsCountReadWrittenAndSkippedRows() throws Exception {
        String cpoId = "IC*" + UUID.randomUUID().toString().substring(0, 8);
        cpos.create(ADMIN, cpoId, "Batch CPO");
        String u = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String csv = "evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases\n"
                + "NL*ICB*E" + u + "1," + cpoId + ",ICB-" + u + ",1,32,3\n"
                + "NL*ICB*E" + u + "2," + cpoId + ",ICB-" + u + ",2,sixteen,1\n"
                + "NL*ICB*E" + u + "3," + cpoId + ",ICB-" + u + ",3,16,1\n";
        BatchJob job = onboarding.start(ADMIN, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "csv", "2");
        Path file = Path.of(job.filePath());
        assertEquals(3, job.totalRows());
        JobOperator operator = BatchRuntime.getJobOperator();
        long executionId = job.firstExecutionId();
        long instanceId = job.jobId();

        JobExecution execution = operator.getJobExecution(executionId);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!List.of(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED)
                .contains(execution.getBatchStatus()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            execution = operator.getJobExecution(executionId);
        }
        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        assertEquals("COMPLETED", execution.getExitStatus());
        assertFalse(Files.exists(file), "a completed job's uploaded file is deleted (a completed job cannot be restarted)");

        List<StepExecution> steps = operator.getStepExecutions(executionId);
        assertEquals(1, steps.size());
        Map<Metric.MetricType, Long> metrics = new EnumMap<>(Metric.MetricType.class);
        for (Metric metric : steps.get(0).getMetrics()) {
            metrics.put(metric.getType(), metric.getValue());
        }
        assertEquals(3L, metrics.get(Metric.MetricType.READ_COUNT));
        assertEquals(2L, metrics.get(Metric.MetricType.WRITE_COUNT));
        assertEquals(1L, metrics.get(Metric.MetricType.PROCESS_SKIP_COUNT));
        assertEquals(2L, metrics.get(Metric.MetricType.COMMIT_COUNT), "two chunks of two rows at most");

        assertNotNull(evses.get(ADMIN, "NL*ICB*E" + u + "1"));
        assertNotNull(evses.get(ADMIN, "NL*ICB*E" + u + "3"));
        assertEquals(2, onboarding.job(ADMIN, instanceId).writtenRows());
        assertEquals(3, onboarding.allRejections(instanceId).get(0).line(), "the unreadable row is line 3 of the file");
    }
}
