package org.gridcharge.steering.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gridcharge.allocation.EnergyPlan;
import org.gridcharge.allocation.Socket;

/**
 * The energy plan of a grid tree's latest allocation run under time of use: each planned session's need and the windows
 * it is to charge in.
 */
@Entity
@Table(name = "energy_plan")
public class StoredEnergyPlan {

    /** One planned session: what it wanted, and its windows in order. */
    public record SessionPlan(String evseId, String sessionId, double wantedWh, List<EnergyPlan.Window> windows) {
    }

    @Id
    @Column(name = "root_group_id", length = 36)
    private String rootGroupId;

    @Column(name = "planned_at", nullable = false)
    private Instant plannedAt;

    @Column(name = "goal", nullable = false, length = 16)
    private String goal;

    /** "S evse session wantedWh" for each planned session, then "W evse session startMs endMs limit energyWh price" per window. */
    @Lob
    @Basic(fetch = FetchType.EAGER)
    @Column(name = "body", nullable = false)
    private byte[] body;

    protected StoredEnergyPlan() {
        // for JPA
    }

    public StoredEnergyPlan(String rootGroupId) {
        this.rootGroupId = Objects.requireNonNull(rootGroupId, "rootGroupId");
    }

    /** The plan of the run at {@code at} replaces the last one; an unchanged plan keeps its time and is not written again. */
    public void replace(Instant at, String newGoal, List<Socket> sockets, EnergyPlan plan) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sockets.size(); i++) {
            if (plan.wantedWh(i) > 0) {
                Socket socket = sockets.get(i);
                text.append("S\t").append(socket.evseId()).append('\t').append(socket.session().sessionId()).append('\t')
                        .append(plan.wantedWh(i)).append('\n');
            }
        }
        for (EnergyPlan.Window w : plan.windows()) {
            text.append("W\t").append(w.evseId()).append('\t').append(w.sessionId()).append('\t').append(w.start().toEpochMilli())
                    .append('\t').append(w.end().toEpochMilli()).append('\t').append(w.limit()).append('\t').append(w.energyWh())
                    .append('\t').append(w.price()).append('\n');
        }
        byte[] newBody = text.toString().getBytes(StandardCharsets.UTF_8);
        if (body != null && java.util.Arrays.equals(body, newBody) && newGoal.equals(goal)) {
            return;
        }
        plannedAt = at;
        goal = newGoal;
        body = newBody;
    }

    public Instant plannedAt() {
        return plannedAt;
    }

    public String goal() {
        return goal;
    }

    /** The planned sessions, in the order planned (by EVSE). */
    public List<SessionPlan> sessions() {
        Map<String, SessionPlan> sessions = new LinkedHashMap<>();
        Map<String, List<EnergyPlan.Window>> windows = new LinkedHashMap<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split("\t");
            if (f[0].equals("S")) {
                List<EnergyPlan.Window> own = new ArrayList<>();
                windows.put(f[2], own);
                sessions.put(f[2], new SessionPlan(f[1], f[2], Double.parseDouble(f[3]), own));
            } else if (f[0].equals("W") && windows.containsKey(f[2])) {
                windows.get(f[2]).add(new EnergyPlan.Window(f[1], f[2], Instant.ofEpochMilli(Long.parseLong(f[3])),
                        Instant.ofEpochMilli(Long.parseLong(f[4])), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                        Double.parseDouble(f[7])));
            }
        }
        return new ArrayList<>(sessions.values());
    }
}
