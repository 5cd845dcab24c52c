package org.gridcharge.onboarding.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.job.control.Jobs;
import org.gridcharge.onboarding.control.Uploads;
import jakarta.ejb.EJB;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.tenancy.control.Tenancy;
import org.gridcharge.group.control.Groups;
import org.gridcharge.evse.control.StationCredentials;
import org.gridcharge.evse.control.Evses;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.group.boundary.GroupChanged;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.job.entity.BatchJob;
import org.gridcharge.onboarding.entity.BatchRejection;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.DomainException;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.station.boundary.ChargeStationService;

/**
 * Bulk EVSE onboarding, chunk by chunk, inside the batch container's chunk transaction: each row
 * passes the same rules as the REST API; a good row creates or updates its EVSE (nothing changes
 * if it already is as the row says), joins its group and sets its station's password; a bad row
 * is recorded as rejected with its line, column and reason, and the others go on.
 */
@Stateless
public class OnboardingService {

    public static final String KIND = "evse-onboarding";

    @PersistenceContext
    EntityManager em;

    @Inject
    Evses evses;

    @Inject
    Groups groups;

    @Inject
    Tenancy tenancy;

    @Inject
    StationCredentials credentials;

    @EJB
    CpoService cpos;

    @EJB
    Jobs jobs;

    @Inject
    @ConfigProperty(name = "gridcharge.batch.dir", defaultValue = "batch-files")
    String batchDir;

    /** The largest onboarding upload (default 256 MiB, about two million rows); 413 beyond. */
    @Inject
    @ConfigProperty(name = "gridcharge.onboarding.max-upload-bytes", defaultValue = "268435456")
    long maxUploadBytes;

    @Inject
    Clock clock;

    @Inject
    Event<GroupChanged> groupChanges;

    @Inject
    ChargeStationService stations;

    /**
     * Stores the upload ({@code csv} or {@code jsonl}) and starts the job that onboards its rows, {@code chunkSize} rows
     * per transaction (1000 if null); a refused upload leaves no file behind.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public BatchJob start(Caller caller, InputStream body, String format, String chunkSize) throws IOException {
        caller.requireManagerRole();
        int chunk = chunkSize(chunkSize);
        Path dir = Path.of(batchDir);
        Files.createDirectories(dir);
        Path file = dir.resolve("onboarding-" + UUID.randomUUID() + "." + format);
        int rows;
        try {
            Uploads.copy(body, file, maxUploadBytes);
            rows = Uploads.rows(file) - ("csv".equals(format) ? 1 : 0);
            if (rows <= 0) {
                throw new InvalidInputException("body", "the file holds no rows" + ("csv".equals(format) ? " after its header" : ""));
            }
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        Properties parameters = new Properties();
        parameters.setProperty("file", file.toAbsolutePath().toString());
        parameters.setProperty("format", format);
        parameters.setProperty("chunkSize", Integer.toString(chunk));
        try {
            return jobs.start(KIND, parameters, tenancy.jobScope(caller, BatchJob.ALL_CPOS), caller.subject(), file.toString(), rows);
        } catch (Jobs.NotStarted e) {
            Files.deleteIfExists(file); // no job will read it; once a job has started, the file is its own
            throw e.getCause();
        }
    }

    private static int chunkSize(String chunkSize) {
        if (chunkSize == null) {
            return 1000;
        }
        int chunk;
        try {
            chunk = Integer.parseInt(chunkSize);
        } catch (NumberFormatException e) {
            chunk = -1;
        }
        if (chunk < 1 || chunk > 10_000) {
            throw new InvalidInputException("chunk_size", "must be a whole number from 1 to 10000 (rows per transaction)");
        }
        return chunk;
    }

    /** The job, if the caller may see it (its CPOs are the caller's); 404 otherwise. */
    public BatchJob job(Caller caller, long jobId) {
        BatchJob job = jobs.find(jobId);
        if (job == null || !(caller.isPlatformAdmin() || (job.cpos() != null && caller.cpoIds().containsAll(job.cpos())
                && caller.subject().equals(job.createdBy())))) {
            throw new NotFoundException("onboarding job", Long.toString(jobId));
        }
        return job;
    }

    public Page<BatchRejection> rejections(long jobId, Page.Request page) {
        long total = em.createNamedQuery("BatchRejection.countOfJob", Long.class).setParameter("jobId", jobId).getSingleResult();
        List<BatchRejection> items = em.createNamedQuery("BatchRejection.ofJob", BatchRejection.class).setParameter("jobId", jobId)
                .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    /** Every row the job rejected, by line. */
    public List<BatchRejection> allRejections(long jobId) {
        return em.createNamedQuery("BatchRejection.ofJob", BatchRejection.class).setParameter("jobId", jobId).getResultList();
    }

    /** Records a row rejected before it reached the database (unreadable, wrong types). */
    public void reject(long jobId, int line, String column, String reason) {
        if (em.find(BatchRejection.class, new BatchRejection.Key(jobId, line)) == null) {
            em.persist(new BatchRejection(jobId, line, column, reason));
        }
    }

    /** Applies a chunk of rows; returns how many were written (created or changed). */
    public int apply(long jobId, List<OnboardingRow> rows) {
        BatchJob job = jobs.find(jobId);
        Set<String> scope = job == null ? Set.of() : job.cpos();
        Instant now = clock.instant();
        Map<String, Evse> existing = new HashMap<>();
        Set<String> stationIds = new HashSet<>();
        for (OnboardingRow row : rows) {
            if (row.chargeStationId() != null) {
                stationIds.add(row.chargeStationId());
            }
        }
        List<String> ids = rows.stream().map(OnboardingRow::evseId).filter(Objects::nonNull).distinct().toList();
        evses.byIds(ids).forEach(e -> existing.put(e.evseId(), e));
        Map<String, String> connectorHolders = new HashMap<>();
        for (Evse e : evses.atStations(stationIds)) {
            existing.putIfAbsent(e.evseId(), e);
            connectorHolders.put(e.chargeStationId() + "#" + e.connectorId(), e.evseId());
        }
        Map<String, String> stationOwners = new HashMap<>();
        for (Evse e : existing.values()) {
            stationOwners.putIfAbsent(e.chargeStationId(), e.cpoId());
        }
        Set<String> changedGroups = new HashSet<>();
        int written = 0;
        for (OnboardingRow row : rows) {
            try {
                if (applyOne(scope, row, existing, connectorHolders, stationOwners, changedGroups, now)) {
                    written++;
                }
            } catch (DomainException e) {
                String column = e instanceof InvalidInputException invalid ? invalid.field() : null;
                reject(jobId, row.line(), column, e.getMessage());
            }
        }
        if (job != null) {
            jobs.wrote(job, written);
        }
        changedGroups.forEach(groupId -> groupChanges.fire(new GroupChanged(groupId)));
        return written;
    }

    private boolean applyOne(Set<String> scope, OnboardingRow row, Map<String, Evse> existing, Map<String, String> connectorHolders,
                             Map<String, String> stationOwners, Set<String> changedGroups, Instant now) {
        Evse candidate = evses.candidate(row.evseId(), row.cpoId(), row.chargeStationId(), row.connectorId(), row.maxCurrentAmps(),
                row.phases(), row.phaseRotation(), row.uid(), row.maxPowerWatts(), now);
        if ((scope != null && !scope.contains(candidate.cpoId())) || !cpos.exists(candidate.cpoId())) {
            throw new InvalidInputException("cpo_id", "'" + candidate.cpoId() + "' is not a CPO you manage");
        }
        Evse evse = existing.get(candidate.evseId());
        if (evse != null && !evse.cpoId().equals(candidate.cpoId())) {
            throw new InvalidInputException("evse_id", "'" + candidate.evseId() + "' already belongs to another CPO");
        }
        if (evse != null && row.uid() != null && !row.uid().equals(evse.uid())) {
            throw new InvalidInputException("uid", "EVSE '" + candidate.evseId() + "' has uid '" + evse.uid() + "'; a uid cannot change");
        }
        if (evse == null) {
            if (evses.byUid(candidate.uid()).isPresent()) {
                throw new InvalidInputException("uid", "uid '" + candidate.uid() + "' is already used by another EVSE");
            }
        }
        String owner = stationOwners.computeIfAbsent(candidate.chargeStationId(),
                id -> Objects.requireNonNullElse(evses.stationOwner(id), candidate.cpoId()));
        if (!owner.equals(candidate.cpoId())) {
            throw new InvalidInputException("charge_station_id", "charge station '" + candidate.chargeStationId() + "' belongs to another CPO");
        }
        String connectorKey = candidate.chargeStationId() + "#" + candidate.connectorId();
        String holder = connectorHolders.get(connectorKey);
        if (holder != null && !holder.equals(candidate.evseId())) {
            throw new InvalidInputException("connector_id", "connector " + candidate.connectorId() + " of station '"
                    + candidate.chargeStationId() + "' already holds EVSE '" + holder + "'");
        }
        SmartChargingGroup group = null;
        if (row.groupId() != null) {
            group = groups.find(row.groupId());
            if (group == null || !group.cpoId().equals(candidate.cpoId())) {
                throw new InvalidInputException("group_id", "no smart charging group '" + row.groupId() + "' in CPO '" + candidate.cpoId() + "'");
            }
            if (group.capacityUnit() == CapacityUnit.W && candidate.maxPowerWatts() == null
                    && (evse == null || evse.maxPowerWatts() == null)) {
                throw new InvalidInputException("max_power_watts", "is required to join group '" + group.groupId()
                        + "', which is managed in watts (DC chargers)");
            }
            String current = evse != null ? evse.groupId() : null;
            if (current != null && !current.equals(group.groupId())) {
                throw new InvalidInputException("group_id", "EVSE '" + candidate.evseId() + "' is already in group '" + current
                        + "'; an EVSE is in at most one group");
            }
        }
        if (row.stationPassword() != null) {
            String problem = ChargeStationService.passwordProblem(row.stationPassword());
            if (problem != null) {
                throw new InvalidInputException("station_password", problem);
            }
            String registered = credentials.registeredCpo(candidate.chargeStationId());
            if (registered != null && !registered.equals(candidate.cpoId())) {
                throw new InvalidInputException("charge_station_id", "station '" + candidate.chargeStationId() + "' belongs to another CPO");
            }
        }
        boolean changed = false;
        if (evse == null) {
            evses.add(candidate);
            evse = candidate;
            existing.put(evse.evseId(), evse);
            changed = true;
        } else if (!evse.chargeStationId().equals(candidate.chargeStationId()) || evse.connectorId() != candidate.connectorId()
                || evse.maxCurrentAmps() != candidate.maxCurrentAmps() || evse.phases() != candidate.phases()
                || evse.phaseRotation() != candidate.phaseRotation()
                || (candidate.maxPowerWatts() != null && !candidate.maxPowerWatts().equals(evse.maxPowerWatts()))) {
            connectorHolders.remove(evse.chargeStationId() + "#" + evse.connectorId());
            evses.rerate(evse, candidate);
            changed = true;
            if (evse.groupId() != null) {
                changedGroups.add(evse.groupId());
            }
        }
        connectorHolders.put(connectorKey, evse.evseId());
        if (group != null && !group.groupId().equals(evse.groupId())) {
            evses.join(evse, group.groupId());
            changedGroups.add(group.groupId());
            changed = true;
        }
        if (row.stationPassword() != null && stations.onboardPassword(evse.chargeStationId(), evse.cpoId(), row.stationPassword())) {
            changed = true;
        }
        return changed;
    }
}
