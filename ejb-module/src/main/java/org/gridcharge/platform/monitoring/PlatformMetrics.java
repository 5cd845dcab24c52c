package org.gridcharge.platform.monitoring;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The platform's own metrics (MicroProfile Metrics, Prometheus format at {@code /metrics}):
 * allocation runs per group, capacity and allotted current per group, OCPP messages and errors,
 * station answers to limits, batch jobs. REST request counts and times come with the runtime.
 */
@ApplicationScoped
public class PlatformMetrics {

    @Inject
    MetricRegistry registry;

    /** Metrics carry their application's name, so that two deployments of the module never share (or unregister) one. */
    @Resource(lookup = "java:app/AppName")
    String application;

    private Tag[] tags(Tag... tags) {
        Tag[] all = java.util.Arrays.copyOf(tags, tags.length + 1);
        all[tags.length] = new Tag("app", application);
        return all;
    }

    private final Map<String, double[]> groupAmps = new ConcurrentHashMap<>();

    /** A requested run was not needed: in a cluster, another run had planned the tree from what it was to see. */
    public void allocationSkipped(String trigger) {
        registry.counter(Metadata.builder().withName("gridcharge_allocation_runs_skipped")
                .withDescription("Requested allocation runs left out, by trigger: a later run had already planned from what they were to see")
                .build(), tags(new Tag("trigger", trigger))).inc();
    }

    /** One allocation run of a group: how long it took, the group's capacity and what was allotted on its most loaded phase. */
    public void allocationRun(String groupId, String trigger, Duration took, double capacityAmps, double allottedAmps) {
        registry.timer(Metadata.builder().withName("gridcharge_allocation_duration")
                .withDescription("Allocation runs of a group and their duration").build(), tags(new Tag("group", groupId))).update(took);
        registry.counter(Metadata.builder().withName("gridcharge_allocation_runs").withDescription("Allocation runs by trigger").build(),
                tags(new Tag("trigger", trigger))).inc();
        double[] amps = groupAmps.computeIfAbsent(groupId, id -> {
            double[] fresh = new double[2];
            registry.gauge(Metadata.builder().withName("gridcharge_group_capacity_amps").withDescription("A group's capacity now (A per phase)")
                    .build(), fresh, a -> a[0], tags(new Tag("group", id)));
            registry.gauge(Metadata.builder().withName("gridcharge_group_allotted_amps")
                    .withDescription("Current allotted now on a group's most loaded phase (A)").build(), fresh, a -> a[1], tags(new Tag("group", id)));
            return fresh;
        });
        amps[0] = capacityAmps;
        amps[1] = allottedAmps;
    }

    /** An OCPP message: direction {@code in} or {@code out}, the action (or {@code result}/{@code error} for answers). */
    public void ocppMessage(String direction, String action) {
        // looked up once per direction and action (a known set): a lookup builds and checks its tags each time, on every frame
        ocppMessages.computeIfAbsent(direction + ' ' + action, key -> registry.counter(Metadata.builder().withName("gridcharge_ocpp_messages")
                .withDescription("OCPP messages by direction and action").build(), tags(new Tag("direction", direction), new Tag("action", action))))
                .inc();
    }

    private final Map<String, org.eclipse.microprofile.metrics.Counter> ocppMessages = new ConcurrentHashMap<>();

    /** A CALLERROR the platform sent, by its code. */
    public void ocppError(String code) {
        registry.counter(Metadata.builder().withName("gridcharge_ocpp_errors").withDescription("CALLERRORs sent to stations by error code")
                .build(), tags(new Tag("code", code))).inc();
    }

    /** How a station answered a limit: accepted, rejected or timeout. */
    public void limitAnswer(String status) {
        registry.counter(Metadata.builder().withName("gridcharge_limit_answers")
                .withDescription("Stations' answers to SetChargingProfile: accepted, rejected, timeout").build(), tags(new Tag("status", status))).inc();
    }

    /** A site meter's reading: {@code taken}, or refused and why ({@code unreadable}, {@code old}, {@code future}, ...). */
    public void meterReading(String groupId, String result) {
        registry.counter(Metadata.builder().withName("gridcharge_meter_readings")
                .withDescription("Site meter readings by group and result: taken, or the kind of refusal").build(),
                tags(new Tag("group", groupId), new Tag("result", result))).inc();
    }

    private final Map<String, double[]> meterStale = new ConcurrentHashMap<>();

    /** Whether a group's site meter is stale (1, its fallback capacity applies) or not (0), as its latest run found it. */
    public void meterStale(String groupId, boolean stale) {
        meterStale.computeIfAbsent(groupId, id -> {
            double[] fresh = new double[1];
            registry.gauge(Metadata.builder().withName("gridcharge_meter_stale")
                    .withDescription("1 while a group's site meter is stale and its fallback capacity applies, else 0").build(),
                    fresh, a -> a[0], tags(new Tag("group", id)));
            return fresh;
        })[0] = stale ? 1 : 0;
    }

    /** A batch job was started. */
    public void batchJobStarted(String kind) {
        registry.counter(Metadata.builder().withName("gridcharge_batch_jobs").withDescription("Batch jobs started by kind").build(),
                tags(new Tag("kind", kind))).inc();
    }

    /** A gauge read from a supplier, e.g. connected stations per protocol. */
    public void gauge(String name, String description, Supplier<Number> value, Tag... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), value, tags(tags));
    }
}
