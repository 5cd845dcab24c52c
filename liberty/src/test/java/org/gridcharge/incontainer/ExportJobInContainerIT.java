package org.gridcharge.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridcharge.job.entity.BatchJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.evse.boundary.EvseDraft;
import org.gridcharge.evse.boundary.EvseService;
import org.gridcharge.export.boundary.ExportService;
import org.gridcharge.group.boundary.AlgorithmChoice;
import org.gridcharge.group.boundary.GroupDraft;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.steering.boundary.AllocationService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The partitioned export job started through JobOperator: a partition per group, then the assembly. */
@ExtendWith(ArquillianExtension.class)
class ExportJobInContainerIT {

    private static final Caller ADMIN = Caller.platformAdmin("in-container-test");

    @Deployment
    static WebArchive deployment() {
        return InContainerDeployment.withTests(ExportJobInContainerIT.class);
    }

    @EJB
    CpoService cpos;

    @EJB
    EvseService evses;

    @EJB
    GroupService groups;

    @EJB
    AllocationService allocations;

    @EJB
    ExportService exports;

    private String group(String cpoId, int evseCount) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < evseCount; i++) {
            String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            ids.add(evses.create(ADMIN, new EvseDraft("NL*EXP*E" + suffix, cpoId, "EXP-" + suffix, 1, 32.0, 3, null, null, null)).evseId());
        }
        String groupId = groups.create(ADMIN, new GroupDraft(cpoId, "Exported", new AlgorithmChoice("equal_share", null), 40.0, ids, null, null, null))
                .groupId();
        // the scheduler allocates a new group shortly after it is made (one run at a time per group); calling the
        // service here as well would race with that run and could store the same allocation twice
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (allocations.records(ADMIN, groupId, Instant.EPOCH, Instant.now().plusSeconds(60), new Page.Request(0, 10)).total() == 0
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return groupId;
    }

    @Test
    void eachGroupIsAPartitionAndTheFileJoinsThemAll() throws Exception {
        String cpoId = "IE*" + UUID.randomUUID().toString().substring(0, 8);
        cpos.create(ADMIN, cpoId, "Export CPO");
        Instant from = Instant.now().minusSeconds(5);
        String first = group(cpoId, 2);
        String second = group(cpoId, 3);
        BatchJob job = exports.start(ADMIN, List.of(first, second), from, Instant.now().plusSeconds(5), "csv", false);
        Path file = Path.of(job.filePath());
        JobOperator operator = BatchRuntime.getJobOperator();
        long executionId = job.firstExecutionId();
        long jobId = job.jobId();

        JobExecution execution = operator.getJobExecution(executionId);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!List.of(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED).contains(execution.getBatchStatus())
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            execution = operator.getJobExecution(executionId);
        }
        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        Map<String, StepExecution> steps = operator.getStepExecutions(executionId).stream()
                .collect(Collectors.toMap(StepExecution::getStepName, s -> s));
        assertEquals(BatchStatus.COMPLETED, steps.get("parts").getBatchStatus());
        assertEquals("ROWS 5", steps.get("assemble").getExitStatus(), "one row per EVSE of each group's single record");

        List<String> lines = Files.readAllLines(file);
        assertEquals(ExportService.CSV_HEADER, lines.get(0));
        assertEquals(6, lines.size());
        assertEquals(List.of(first, first, second, second, second), lines.subList(1, 6).stream().map(l -> l.split(",")[0]).toList(),
                "the parts are joined in the order of the groups");
        assertEquals(5, exports.job(ADMIN, jobId).writtenRows());
    }
}
