package org.gridcharge.export.boundary;

import jakarta.annotation.Resource;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.job.control.Jobs;
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
    private static final int FETCH_SIZE = 1000;
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

    @Resource(lookup = "jdbc/gridcharge")
    DataSource dataSource;

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
            Page<SmartChargingGroup> page = groups.list(caller, null, Page.Request.of(Integer.toString(offset), "500"));
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
            job.wrote(rows);
        }
    }

    /** Writes the group's allocation rows with valid_from in [from, to) to {@code part}, oldest first; returns the row count. */
    public int writePart(String groupId, Instant from, Instant to, String format, Path part) throws IOException, SQLException {
        boolean csv = "csv".equals(format);
        int rows = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT r.valid_from, r.profile_type, r.capacity_amps, "
                     + "r.allotted_l1_amps, r.allotted_l2_amps, r.allotted_l3_amps, r.trigger_reason, l.evse_id, l.limit_amps, l.state, "
                     + "l.priority, l.session_id FROM allocation_record r JOIN allocation_limit l ON l.record_id = r.record_id "
                     + "WHERE r.group_id = ? AND r.valid_from >= ? AND r.valid_from < ? ORDER BY r.valid_from, r.record_id, l.evse_id");
             Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setString(1, groupId);
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String validFrom = rs.getTimestamp(1).toInstant().toString();
                    String state = rs.getString(10).toLowerCase(Locale.ROOT);
                    String session = rs.getString(12);
                    if (csv) {
                        out.write(groupId + "," + validFrom + "," + rs.getString(2) + "," + rs.getDouble(3) + "," + rs.getDouble(4) + ","
                                + rs.getDouble(5) + "," + rs.getDouble(6) + "," + rs.getString(7) + "," + quote(rs.getString(8)) + ","
                                + rs.getDouble(9) + "," + state + "," + rs.getBoolean(11) + "," + (session == null ? "" : quote(session)) + "\n");
                    } else {
                        out.write("{\"group_id\":\"" + groupId + "\",\"valid_from\":\"" + validFrom + "\",\"profile_type\":\"" + rs.getString(2)
                                + "\",\"capacity_amps\":" + rs.getDouble(3) + ",\"allotted_l1_amps\":" + rs.getDouble(4)
                                + ",\"allotted_l2_amps\":" + rs.getDouble(5) + ",\"allotted_l3_amps\":" + rs.getDouble(6) + ",\"trigger\":\""
                                + rs.getString(7) + "\",\"evse_id\":\"" + json(rs.getString(8)) + "\",\"limit_amps\":" + rs.getDouble(9)
                                + ",\"state\":\"" + state + "\",\"priority\":" + rs.getBoolean(11) + ",\"session_id\":"
                                + (session == null ? "null" : "\"" + json(session) + "\"") + "}\n");
                    }
                    rows++;
                }
            }
        }
        return rows;
    }

    private static String quote(String value) {
        return org.gridcharge.platform.input.CsvCell.of(value);
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
