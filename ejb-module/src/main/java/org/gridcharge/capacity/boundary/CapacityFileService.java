package org.gridcharge.capacity.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.allocation.CapacityPeriod;
import org.gridcharge.capacity.control.CapacityFiles;
import org.gridcharge.capacity.control.FileImportRecords;
import org.gridcharge.capacity.entity.CapacityFileImport;
import org.gridcharge.capacity.entity.CapacityFileImport.FileRejection;
import org.gridcharge.capacity.entity.CapacityFileSource;
import org.gridcharge.capacity.entity.ProfileType;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.control.Groups;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.CapacityUpdateMethod;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.job.control.Jobs;
import org.gridcharge.job.entity.BatchJob;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.error.PayloadTooLargeException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.platform.security.Caller;

/**
 * Capacity from files ({@code capacity_update_method} FILE). A file is dropped into the inbox
 * ({@code gridcharge.capacity-files.dir}, the group named by the file name, {@code <group_id>.csv} or {@code .json}, or
 * by a {@code group_id} column) or fetched from a group's URL daily at a set local time. Each file is imported by a batch
 * job of its own ({@value #KIND}): every row is read and checked by the rules of {@code PUT .../capacity-profile}, then
 * the profile is replaced in one transaction. A file with a bad row changes nothing: the job records each bad row (line,
 * column, reason) and the file goes to {@code rejected/} with a report; a good file goes to {@code processed/}; a file
 * whose content was the last imported changes nothing.
 */
@Stateless
public class CapacityFileService {

    private static final Logger LOG = Logger.getLogger(CapacityFileService.class.getName());
    public static final String KIND = "capacity-file-import";
    public static final String INBOX = "inbox";
    public static final String URL = "url";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    GroupService groups;

    @Inject
    Groups groupsById;

    @EJB
    CapacityProfileService profiles;

    @EJB
    Jobs jobs;

    @Inject
    FileImportRecords records;

    @Inject
    Event<FileSourceChanged> sourceChanges;

    @Resource
    SessionContext context;

    @Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "gridcharge.capacity-files.dir", defaultValue = "capacity-files")
    String dir;

    @Inject
    @ConfigProperty(name = "gridcharge.capacity-files.max-bytes", defaultValue = "16777216")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "gridcharge.capacity-files.fetch-timeout-seconds", defaultValue = "60")
    long fetchTimeoutSeconds;

    /** Sets where the group's files are fetched from and when; its CPO's to do. */
    public CapacityFileSource configure(Caller caller, String groupId, FileSourceDraft draft) {
        SmartChargingGroup group = groups.getForChange(caller, groupId);
        if (draft == null || draft.url() == null) {
            throw new InvalidInputException("url", "the HTTP(S) URL the group's capacity files are fetched from is required");
        }
        URI uri;
        try {
            uri = new URI(draft.url());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("url", "'" + draft.url() + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null || draft.url().length() > 500) {
            throw new InvalidInputException("url", "must be an http:// or https:// URL with a host, of at most 500 characters");
        }
        String zone = draft.timeZone() == null ? "UTC" : draft.timeZone();
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            // a region's name only: a fixed offset such as +02:00 is no zone an EJB calendar timer keeps to
            throw new InvalidInputException("time_zone", "'" + zone + "' is not an IANA time zone such as Europe/Amsterdam or UTC");
        }
        String dailyAt = draft.dailyAt();
        if (dailyAt != null) {
            try {
                LocalTime time = LocalTime.parse(dailyAt);
                if (time.getSecond() != 0 || time.getNano() != 0 || dailyAt.length() != 5) {
                    throw new DateTimeParseException("not HH:MM", dailyAt, 0);
                }
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("daily_at", "'" + dailyAt + "' is not a time of day HH:MM, e.g. 14:00");
            }
        }
        CapacityFileSource source = em.find(CapacityFileSource.class, group.groupId(), LockModeType.PESSIMISTIC_WRITE);
        if (source == null) {
            source = new CapacityFileSource(group.groupId(), clock.instant());
            em.persist(source);
        }
        source.fetchFrom(draft.url(), dailyAt, zone, clock.instant());
        sourceChanges.fire(new FileSourceChanged(group.groupId()));
        return source;
    }

    /** Where the group's files are fetched from; 404 if it fetches none. */
    public CapacityFileSource source(Caller caller, String groupId) {
        CapacityFileSource source = em.find(CapacityFileSource.class, groups.get(caller, groupId).groupId());
        if (source == null || source.url() == null) {
            throw new NotFoundException("capacity file source of group", groupId);
        }
        return source;
    }

    /** The group fetches no more files (files dropped into the inbox still count while it is in FILE mode). */
    public void removeSource(Caller caller, String groupId) {
        SmartChargingGroup group = groups.getForChange(caller, groupId);
        CapacityFileSource source = em.find(CapacityFileSource.class, group.groupId(), LockModeType.PESSIMISTIC_WRITE);
        if (source == null || source.url() == null) {
            throw new NotFoundException("capacity file source of group", groupId);
        }
        source.fetchFrom(null, null, null, clock.instant());
        sourceChanges.fire(new FileSourceChanged(group.groupId()));
    }

    /** Fetches the group's file now, as its schedule would; the import's job id. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long fetchNow(Caller caller, String groupId) {
        SmartChargingGroup group = groups.getForChange(caller, groupId);
        if (group.capacityUpdateMethod() != CapacityUpdateMethod.FILE) {
            throw new ConflictException("group '" + group.groupId() + "' has capacity_update_method " + group.capacityUpdateMethod()
                    + "; set it to FILE for capacity files to count");
        }
        source(caller, groupId);
        return startFetch(group.groupId(), caller.subject());
    }

    /** Starts a job that fetches the group's file from its URL; the job's id, or -1 while the group is not in FILE mode. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long startFetch(String groupId, String by) {
        SmartChargingGroup group = groupsById.find(groupId);
        CapacityFileSource source = em.find(CapacityFileSource.class, groupId);
        if (group == null || source == null || source.url() == null) {
            throw new NotFoundException("capacity file source of group", groupId);
        }
        if (group.capacityUpdateMethod() != CapacityUpdateMethod.FILE) {
            LOG.info(() -> "Capacity file of group " + groupId + " not fetched: its capacity_update_method is " + group.capacityUpdateMethod());
            return -1;
        }
        Properties parameters = new Properties();
        parameters.setProperty("origin", URL);
        parameters.setProperty("groupId", groupId);
        parameters.setProperty("fileName", source.url());
        parameters.setProperty("file", "");
        return jobs.start(KIND, parameters, group.cpoId(), by, source.url(), 0).jobId();
    }

    /**
     * Takes the files that have been in the inbox for a moment (a writer should write elsewhere and move the file in), the
     * first by name of each group with no import running, claiming each by moving it to {@code work/} (where servers
     * share the directory, one of them gets it), and starts its import. A file claimed longer than
     * {@link #ABANDONED} ago (its server died, or its job never started) goes back into the inbox.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int pollInbox() {
        Path inbox = Path.of(dir);
        Path work = inbox.resolve("work");
        int started = 0;
        try {
            Files.createDirectories(work);
            Files.createDirectories(inbox.resolve("processed"));
            Files.createDirectories(inbox.resolve("rejected"));
            Instant now = clock.instant();
            recoverAbandoned(inbox, work, now);
            Instant settled = now.minusSeconds(1);
            List<Path> ready = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox)) {
                for (Path file : files) {
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !name.startsWith(".")
                            && (name.endsWith(".csv") || name.endsWith(".json"))
                            && Files.getLastModifiedTime(file).toInstant().isBefore(settled)) {
                        ready.add(file);
                    }
                }
            }
            ready.sort(null);
            java.util.Set<String> busy = new java.util.HashSet<>(em.createNamedQuery("CapacityFileImport.runningGroups", String.class)
                    .getResultList());
            for (Path file : ready) {
                String name = file.getFileName().toString();
                String groupId = name.substring(0, name.indexOf('.'));
                if (!busy.add(groupId)) {
                    continue; // one file of a group at a time, in the order of their names: the next at the next look
                }
                Path claimed = work.resolve(now.toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + name);
                try {
                    Files.move(file, claimed, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    LOG.fine(() -> "Capacity file " + name + " not claimed (another server took it?): " + e);
                    continue;
                }
                SmartChargingGroup group = groupsById.find(groupId);
                Properties parameters = new Properties();
                parameters.setProperty("origin", INBOX);
                parameters.setProperty("groupId", groupId);
                parameters.setProperty("fileName", name);
                parameters.setProperty("file", claimed.toString());
                try {
                    jobs.start(KIND, parameters, group == null ? BatchJob.ALL_CPOS : group.cpoId(), "capacity-files", claimed.toString(), 0);
                    started++;
                } catch (RuntimeException e) {
                    LOG.warning("The import of capacity file " + name + " did not start (" + e + "); it goes back into the inbox");
                    Files.move(claimed, file, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The capacity file inbox " + inbox.toAbsolutePath() + " could not be read: " + e);
        }
        return started;
    }

    /** How long a claimed file may stay in {@code work/}: an import takes seconds. */
    static final Duration ABANDONED = Duration.ofMinutes(15);

    private static void recoverAbandoned(Path inbox, Path work, Instant now) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(work)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                int dash = name.indexOf('-');
                long claimedAt;
                try {
                    claimedAt = Long.parseLong(name.substring(0, Math.max(0, dash)));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (now.minus(ABANDONED).isAfter(Instant.ofEpochMilli(claimedAt))) {
                    String original = name.substring(name.indexOf('-', dash + 1) + 1);
                    LOG.warning("Capacity file " + original + " was claimed at " + Instant.ofEpochMilli(claimedAt)
                            + " and never imported; it goes back into the inbox");
                    try {
                        Files.move(file, inbox.resolve(original), StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        LOG.fine(() -> "Abandoned capacity file " + name + " not moved back: " + e);
                    }
                }
            }
        }
    }

    /**
     * The import job's work: reads the file (fetching it first for a URL), checks every row, and replaces the group's
     * profile, or changes nothing. Answers how it ended ({@link CapacityFileImport#IMPORTED} and so on).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String run(long jobId, String origin, String groupHint, String fileName, String file) {
        try {
            return runOnce(jobId, origin, groupHint, fileName, file);
        } catch (RuntimeException e) {
            // whatever went wrong (the group changed meanwhile, the database) changed nothing: the import says so
            LOG.log(Level.WARNING, "Capacity file import " + jobId + " (" + fileName + ") failed", e);
            return fail(jobId, null, "the import failed and changed nothing: " + e.getMessage(),
                    URL.equals(origin) ? null : Path.of(file), fileName);
        }
    }

    private String runOnce(long jobId, String origin, String groupHint, String fileName, String file) {
        Instant now = clock.instant();
        SmartChargingGroup hinted = groupsById.find(groupHint);
        records.begin(jobId, hinted == null ? null : hinted.groupId(), hinted == null ? null : hinted.cpoId(), origin, fileName,
                URL.equals(origin) ? fileName : file, now);
        byte[] content;
        if (URL.equals(origin)) {
            try {
                content = fetch(fileName);
            } catch (IOException e) {
                return fail(jobId, null, "fetching " + fileName + " failed: " + describe(e, java.net.URI.create(fileName)), null,
                        fileName);
            }
            if (hinted == null) {
                return fail(jobId, content, "group '" + groupHint + "' no longer exists", null, fileName);
            }
        } else {
            try {
                if (Files.size(Path.of(file)) > maxBytes) {
                    return fail(jobId, null, "the file is larger than " + maxBytes + " bytes (gridcharge.capacity-files.max-bytes)",
                            Path.of(file), fileName);
                }
                content = Files.readAllBytes(Path.of(file));
            } catch (IOException e) {
                return fail(jobId, null, "the file could not be read: " + e, Path.of(file), fileName);
            }
        }
        Path claimed = URL.equals(origin) ? null : Path.of(file);
        if (new String(content, StandardCharsets.UTF_8).isBlank()) {
            return fail(jobId, content, "the file is empty", claimed, fileName);
        }
        CapacityFiles.Parsed parsed = CapacityFiles.parse(URL.equals(origin) ? pathOf(fileName) : fileName, content);
        String groupId = URL.equals(origin) ? hinted.groupId() : parsed.groupId() != null ? parsed.groupId() : groupHint;
        if (hinted != null && parsed.groupId() != null && !parsed.groupId().equals(hinted.groupId())) {
            return fail(jobId, content, "the file names group '" + parsed.groupId() + "' in its group_id column; it is "
                    + (URL.equals(origin) ? "fetched for" : "named for") + " group '" + hinted.groupId() + "'", claimed, fileName);
        }
        SmartChargingGroup group = groupsById.find(groupId);
        if (group == null) {
            return fail(jobId, content, "no group '" + groupId + "': name the group in the file name (<group_id>.csv or .json) or in"
                    + " a group_id column", claimed, fileName);
        }
        if (group.capacityUpdateMethod() != CapacityUpdateMethod.FILE) {
            return fail(jobId, content, "group '" + groupId + "' has capacity_update_method " + group.capacityUpdateMethod()
                    + "; set it to FILE for capacity files to count", claimed, fileName);
        }
        if (hinted == null || !hinted.groupId().equals(group.groupId())) {
            records.begin(jobId, group.groupId(), group.cpoId(), origin, fileName, URL.equals(origin) ? fileName : file, now);
        }
        String sha = CapacityFiles.sha256(content);
        List<FileRejection> rejections = new ArrayList<>(parsed.rejections());
        List<CapacityPeriod> periods = check(parsed, group, rejections);
        ProfileType type = null;
        if (rejections.isEmpty()) {
            try {
                type = ProfileType.parse(parsed.type());
            } catch (InvalidInputException e) {
                rejections.add(new FileRejection(null, "type", e.reason()));
            }
        }
        if (!rejections.isEmpty()) {
            String reason = rejections.size() + " row(s) break the rules of a capacity profile; nothing changed";
            records.end(jobId, CapacityFileImport.REJECTED, reason, sha, rejections, clock.instant());
            keep(jobId, content, claimed, fileName, "rejected", report(reason, rejections));
            return CapacityFileImport.REJECTED;
        }
        String outcome = context.getBusinessObject(CapacityFileService.class).importInto(jobId, group.groupId(), type, periods, sha,
                fileName);
        keep(jobId, content, claimed, fileName, "processed", null);
        return outcome;
    }

    /**
     * Replaces the group's profile, notes the file as the last imported and the import as done: all or nothing, with the
     * group locked and its version raised, so that a change of its capacity method at the same time fails (409) rather
     * than leave a profile on a group no longer in FILE mode. A file whose content is the last imported changes nothing.
     */
    public String importInto(long jobId, String groupId, ProfileType type, List<CapacityPeriod> periods, String sha, String fileName) {
        SmartChargingGroup group = groupsById.find(groupId);
        if (group == null) {
            throw new ConflictException("group '" + groupId + "' was deleted during the import");
        }
        em.lock(group, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        em.refresh(group);
        if (group.capacityUpdateMethod() != CapacityUpdateMethod.FILE) {
            throw new ConflictException("group '" + groupId + "' left FILE mode during the import");
        }
        if (group.algorithm() == org.gridcharge.group.entity.Algorithm.NONE) {
            throw new ConflictException("group '" + groupId + "' has the algorithm none: its charging is not managed, so a capacity"
                    + " would not be kept; choose an algorithm first");
        }
        CapacityFileSource source = em.find(CapacityFileSource.class, groupId, LockModeType.PESSIMISTIC_WRITE);
        CapacityFileImport record = em.find(CapacityFileImport.class, jobId);
        if (source != null && sha.equals(source.lastSha256())) {
            record.ended(CapacityFileImport.UNCHANGED, "the same content as " + source.lastFile() + ", imported at "
                    + source.lastImportAt() + "; nothing changed", sha, 0, List.of(), clock.instant());
            return CapacityFileImport.UNCHANGED;
        }
        profiles.replaceFromFile(group, type, periods, "file " + fileName + " (job " + jobId + ", sha-256 " + sha.substring(0, 12) + ")");
        if (source == null) {
            source = new CapacityFileSource(groupId, clock.instant());
            em.persist(source);
        }
        source.imported(sha, fileName, clock.instant());
        record.ended(CapacityFileImport.IMPORTED, null, sha, periods.size(), List.of(), clock.instant());
        return CapacityFileImport.IMPORTED;
    }

    /**
     * Every row read against the rules of a profile, each on its own; then, if no row of the file was refused, each with
     * the one before it, and the whole. Answers the periods if every row keeps every rule.
     */
    private static List<CapacityPeriod> check(CapacityFiles.Parsed parsed, SmartChargingGroup group, List<FileRejection> rejections) {
        boolean watts = group.capacityUnit() == CapacityUnit.W;
        double max = group.capacityUnit().maxCapacity();
        String unit = watts ? "watts" : "amperes per phase";
        List<CapacityFiles.Row> rows = parsed.rows();
        List<PeriodDraft> drafts = rows.stream().map(r -> new PeriodDraft(r.startDateTime(), r.endDateTime(), r.capacity())).toList();
        for (int i = 0; i < rows.size(); i++) {
            try {
                ProfileRules.check(List.of(drafts.get(i)), max, unit);
            } catch (InvalidInputException e) {
                rejections.add(new FileRejection(rows.get(i).line(), column(e.field()), e.reason()));
            }
        }
        if (!rejections.isEmpty()) {
            return List.of();
        }
        for (int i = 1; i < rows.size(); i++) {
            try {
                ProfileRules.check(List.of(drafts.get(i - 1), drafts.get(i)), max, unit);
            } catch (InvalidInputException e) {
                rejections.add(new FileRejection(rows.get(i).line(), column(e.field()), e.reason()));
            }
        }
        if (!rejections.isEmpty()) {
            return List.of();
        }
        try {
            return ProfileRules.check(drafts, max, unit);
        } catch (InvalidInputException | PayloadTooLargeException e) {
            rejections.add(new FileRejection(null, null, e.getMessage()));
            return List.of();
        }
    }

    /** The column a profile rule names: {@code periods[1].start_date_time} is {@code start_date_time}. */
    private static String column(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 || field.lastIndexOf(']') > dot ? null : field.substring(dot + 1);
    }

    private String fail(long jobId, byte[] content, String reason, Path claimed, String fileName) {
        LOG.warning("Capacity file import " + jobId + " (" + fileName + ") failed: " + reason);
        records.end(jobId, CapacityFileImport.FAILED, reason, content == null ? null : CapacityFiles.sha256(content), List.of(),
                clock.instant());
        keep(jobId, content, claimed, fileName, "rejected", report(reason, List.of()));
        return CapacityFileImport.FAILED;
    }

    /** Puts the file (a fetched one: its content) into {@code processed/} or {@code rejected/}, with a report if any. */
    private void keep(long jobId, byte[] content, Path claimed, String fileName, String folder, String report) {
        Path target = Path.of(dir).resolve(folder);
        String base = jobId + "-" + (claimed == null ? "fetched" + extensionOf(pathOf(fileName)) : fileName);
        try {
            Files.createDirectories(target);
            Path kept = target.resolve(base);
            if (claimed != null && Files.exists(claimed)) {
                Files.move(claimed, kept, StandardCopyOption.REPLACE_EXISTING);
            } else if (content != null) {
                Files.write(kept, content);
            }
            if (report != null) {
                Files.writeString(target.resolve(base + ".report.txt"), report, StandardCharsets.UTF_8);
            }
            records.movedTo(jobId, kept.toString());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Capacity file " + fileName + " of job " + jobId + " could not be moved to " + target, e);
        }
    }

    private static String report(String reason, List<FileRejection> rejections) {
        StringBuilder text = new StringBuilder(reason).append('\n');
        for (FileRejection r : rejections) {
            text.append("line ").append(r.line() == null ? "-" : r.line()).append(", column ").append(r.column() == null ? "-" : r.column())
                    .append(": ").append(r.reason()).append('\n');
        }
        return text.toString();
    }

    private static String pathOf(String url) {
        try {
            String path = URI.create(url).getPath();
            return path == null ? "" : path;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String extensionOf(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".json") ? ".json" : ".csv";
    }

    /** The file at the URL: a 200 within the fetch timeout, headers and body, and no larger than the limit. */
    private byte[] fetch(String url) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(fetchTimeoutSeconds).toNanos();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(fetchTimeoutSeconds)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        InputStream body = response.body();
        try (body) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            // the body within what is left of the timeout: a server that sends its headers and then trickles is given up on
            java.util.concurrent.Future<byte[]> reading = executor.submit(() -> body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8,
                    maxBytes + 1)));
            byte[] content;
            try {
                content = reading.get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                reading.cancel(true);
                throw new IOException("the file did not arrive within " + fetchTimeoutSeconds + " s");
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (content.length > maxBytes) {
                throw new IOException("the file is larger than " + maxBytes + " bytes (gridcharge.capacity-files.max-bytes)");
            }
            return content;
        }
    }

    private static String describe(IOException e, java.net.URI url) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException ssl) {
                return "TLS failed (" + ssl.getMessage() + ")";
            }
        }
        if ("https".equalsIgnoreCase(url.getScheme()) && String.valueOf(e.getMessage()).contains("received no bytes")) {
            // the JDK's client reports a server that hangs up on its TLS hello (a plain HTTP server, say) this way at times
            return "TLS failed, or the server closed the connection before answering (" + e.getMessage() + ")";
        }
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "unreachable: connecting (and, for https, the TLS handshake) timed out";
        }
        if (e instanceof java.net.ConnectException) {
            return "unreachable (" + e + ")";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The group's imports, newest first. */
    public Page<CapacityFileImport> imports(Caller caller, String groupId, Page.Request page) {
        SmartChargingGroup group = groups.get(caller, groupId);
        long total = em.createNamedQuery("CapacityFileImport.countOfGroup", Long.class).setParameter("groupId", group.groupId())
                .getSingleResult();
        List<CapacityFileImport> items = em.createNamedQuery("CapacityFileImport.ofGroup", CapacityFileImport.class)
                .setParameter("groupId", group.groupId()).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    /** One import, with its rejected rows; 404 unless the caller sees its group (a file for no group: platform admins only). */
    public CapacityFileImport importOf(Caller caller, long jobId) {
        CapacityFileImport found = em.find(CapacityFileImport.class, jobId);
        if (found == null || (found.groupId() == null ? !caller.isPlatformAdmin() : !visible(caller, found.groupId()))) {
            throw new NotFoundException("capacity file import", Long.toString(jobId));
        }
        found.rejections().size();
        return found;
    }

    private boolean visible(Caller caller, String groupId) {
        try {
            groups.get(caller, groupId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
