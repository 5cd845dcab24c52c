package org.gridcharge.export.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.group.boundary.GroupListing;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.job.control.Jobs;
import org.gridcharge.steering.control.AllocationRows;
import org.gridcharge.job.entity.BatchJob;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.paging.Page;

/**
 * Allocation-data exports: which groups a caller may export, and the streaming of one group's
 * allocation rows (one per record and EVSE) into a file, with memory that does not grow with the
 * number of rows.
 */
@Stateless
public class ExportService {

    public static final String KIND = "allocation-export";
    public static final String CSV_HEADER = "group_id,valid_from,profile_type,capacity_amps,allotted_l1_amps,allotted_l2_amps,"
            + "allotted_l3_amps,trigger,evse_id,limit_amps,state,priority,session_id";
    private static final String CLIENT = "client:";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    GroupService groups;

    @EJB
    Jobs jobs;

    @Inject
    @ConfigProperty(name = "gridcharge.batch.dir", defaultValue = "batch-files")
    String batchDir;

    @Inject
    AllocationRows rows;

    /** The groups to export: those asked for (each must be visible to the caller, else 404), or every group the caller may see. */
    public List<String> groupsFor(Caller caller, List<String> groupIds) {
        if (groupIds != null && !groupIds.isEmpty()) {
            LinkedHashSet<String> ids = new LinkedHashSet<>();
            for (String groupId : groupIds) {
                ids.add(groups.get(caller, groupId).groupId());
            }
            return new ArrayList<>(ids);
        }
        List<String> all = new ArrayList<>();
        for (int offset = 0;; offset += 500) {
            Page<SmartChargingGroup> page = groups.list(caller, GroupListing.ALL, Page.Request.of(Integer.toString(offset), "500"));
            page.items().forEach(g -> all.add(g.groupId()));
            if (page.items().size() < 500) {
                break;
            }
        }
        if (all.isEmpty()) {
            throw new InvalidInputException("group_ids", "you may see no smart charging group: there is nothing to export");
        }
        return all;
    }

    /**
     * Starts the export of the allocation data of these groups (each visible to the caller) with valid_from in
     * [from, to) into a file of {@code format} (csv or jsonl), gzipped if asked.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public BatchJob start(Caller caller, List<String> groupIds, Instant from, Instant to, String format, boolean gzip) throws IOException {
        Path dir = Path.of(batchDir);
        Files.createDirectories(dir);
        Path file = dir.resolve("export-" + UUID.randomUUID() + "." + format + (gzip ? ".gz" : "")).toAbsolutePath();
        Properties parameters = new Properties();
        parameters.setProperty("groupIds", String.join(",", groupIds));
        parameters.setProperty("from", from.toString());
        parameters.setProperty("to", to.toString());
        parameters.setProperty("format", format);
        parameters.setProperty("gzip", Boolean.toString(gzip));
        parameters.setProperty("file", file.toString());
        String scope = caller.isPlatformAdmin() ? BatchJob.ALL_CPOS
                : caller.isCapacityProvider() ? CLIENT + caller.clientId() : String.join(",", caller.cpoIds());
        try {
            return jobs.start(KIND, parameters, scope, caller.subject(), file.toString(), 0);
        } catch (Jobs.NotStarted e) {
            throw e.getCause();
        }
    }

    /** The export job if the caller started it (platform admins see all); 404 otherwise. */
    public BatchJob job(Caller caller, long jobId) {
        BatchJob job = jobs.find(jobId);
        if (job == null || !KIND.equals(job.kind()) || !visible(caller, job)) {
            throw new NotFoundException("export", Long.toString(jobId));
        }
        return job;
    }

    /** Platform admins see every export; others those made for the same CPOs, or the same capacity provider. */
    private static boolean visible(Caller caller, BatchJob job) {
        if (caller.isPlatformAdmin()) {
            return true;
        }
        if (job.cpoScope().startsWith(CLIENT)) {
            return caller.isCapacityProvider() && job.cpoScope().equals(CLIENT + caller.clientId());
        }
        return caller.isCpoAdmin() && !BatchJob.ALL_CPOS.equals(job.cpoScope()) && caller.cpoIds().containsAll(job.cpos());
    }

    /** Adds rows to the job's count once its file is assembled. */
    public void exported(long jobId, int rows) {
        BatchJob job = jobs.find(jobId);
        if (job != null) {
            jobs.wrote(job, rows);
        }
    }

    /** Writes the group's allocation rows with valid_from in [from, to) to {@code part}, oldest first; returns the row count. */
    public int writePart(String groupId, Instant from, Instant to, String format, Path part) throws IOException, SQLException {
        boolean csv = "csv".equals(format);
        try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            return rows.forEach(groupId, from, to, row -> {
                String validFrom = row.validFrom().toString();
                String state = row.state().toLowerCase(Locale.ROOT);
                String session = row.sessionId();
                if (csv) {
                    out.write(groupId + "," + validFrom + "," + row.profileType() + "," + row.capacity() + "," + row.allottedL1() + ","
                            + row.allottedL2() + "," + row.allottedL3() + "," + row.trigger() + "," + quote(row.evseId()) + ","
                            + row.limit() + "," + state + "," + row.priority() + "," + (session == null ? "" : quote(session)) + "\n");
                } else {
                    out.write("{\"group_id\":\"" + groupId + "\",\"valid_from\":\"" + validFrom + "\",\"profile_type\":\"" + row.profileType()
                            + "\",\"capacity_amps\":" + row.capacity() + ",\"allotted_l1_amps\":" + row.allottedL1()
                            + ",\"allotted_l2_amps\":" + row.allottedL2() + ",\"allotted_l3_amps\":" + row.allottedL3() + ",\"trigger\":\""
                            + row.trigger() + "\",\"evse_id\":\"" + json(row.evseId()) + "\",\"limit_amps\":" + row.limit()
                            + ",\"state\":\"" + state + "\",\"priority\":" + row.priority() + ",\"session_id\":"
                            + (session == null ? "null" : "\"" + json(session) + "\"") + "}\n");
                }
            });
        }
    }

    private static String quote(String value) {
        return org.gridcharge.platform.input.CsvCell.of(value);
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
