package org.gridcharge.steering.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.gridcharge.allocation.Plan;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.steering.boundary.AllocationPlanned;

/**
 * A plan as bytes, for the servers of a cluster to read what another planned: compact (each instant the plan holds
 * written once, and referred to by its index) and deflated, since a tree of thousands of
 * EVSEs with a day of schedules is written at every run.
 */
public final class PlanCodec {

    private static final int FORMAT = 1;

    private PlanCodec() {
    }

    public static byte[] encode(AllocationPlanned planned) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeByte(FORMAT);
            out.writeUTF(planned.groupId());
            out.writeUTF(planned.reason());
            List<Instant> instants = new ArrayList<>();
            Map<Instant, Integer> instantIndex = new LinkedHashMap<>();
            for (List<Plan.LimitPeriod> schedule : planned.schedules().values()) {
                for (Plan.LimitPeriod period : schedule) {
                    for (Instant at : new Instant[] {period.start(), period.end()}) {
                        instantIndex.computeIfAbsent(at, instant -> {
                            instants.add(instant);
                            return instants.size() - 1;
                        });
                    }
                }
            }
            out.writeInt(instants.size());
            for (Instant at : instants) {
                out.writeLong(at.getEpochSecond());
                out.writeInt(at.getNano());
            }
            out.writeInt(planned.stations().size());
            for (Map.Entry<String, AllocationPlanned.StationConnector> entry : planned.stations().entrySet()) {
                AllocationPlanned.StationConnector where = entry.getValue();
                out.writeUTF(entry.getKey());
                out.writeUTF(where.chargeStationId());
                out.writeInt(where.connectorId());
                out.writeByte(where.phases());
                out.writeBoolean(where.transactionId() != null);
                if (where.transactionId() != null) {
                    out.writeUTF(where.transactionId());
                }
                out.writeByte(where.unit().ordinal());
            }
            out.writeInt(planned.schedules().size());
            for (Map.Entry<String, List<Plan.LimitPeriod>> entry : planned.schedules().entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().size());
                for (Plan.LimitPeriod period : entry.getValue()) {
                    out.writeInt(instantIndex.get(period.start()));
                    out.writeInt(instantIndex.get(period.end()));
                    out.writeDouble(period.limit());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static AllocationPlanned decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(body)))) {
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("a plan of format " + format + ", which this server does not read");
            }
            String groupId = in.readUTF();
            String reason = in.readUTF();
            Instant[] instants = new Instant[in.readInt()];
            for (int i = 0; i < instants.length; i++) {
                instants[i] = Instant.ofEpochSecond(in.readLong(), in.readInt());
            }
            CapacityUnit[] units = CapacityUnit.values();
            int stationCount = in.readInt();
            Map<String, AllocationPlanned.StationConnector> stations = new LinkedHashMap<>();
            for (int i = 0; i < stationCount; i++) {
                String evseId = in.readUTF();
                String stationId = in.readUTF();
                int connector = in.readInt();
                int phases = in.readByte();
                String transaction = in.readBoolean() ? in.readUTF() : null;
                stations.put(evseId, new AllocationPlanned.StationConnector(stationId, connector, phases, transaction, units[in.readByte()]));
            }
            int scheduleCount = in.readInt();
            Map<String, List<Plan.LimitPeriod>> schedules = new LinkedHashMap<>();
            for (int i = 0; i < scheduleCount; i++) {
                String evseId = in.readUTF();
                int periods = in.readInt();
                List<Plan.LimitPeriod> schedule = new ArrayList<>(periods);
                for (int p = 0; p < periods; p++) {
                    schedule.add(new Plan.LimitPeriod(instants[in.readInt()], instants[in.readInt()], in.readDouble()));
                }
                schedules.put(evseId, schedule);
            }
            return new AllocationPlanned(groupId, reason, stations, schedules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
