package org.gridcharge.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gridcharge.allocation.Phase;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.allocation.Session;
import org.gridcharge.allocation.Socket;

/**
 * Random but reproducible groups for the benchmarks: 70 % three-phase and 30 % single-phase
 * sockets (spread over L1/L2/L3), 6 to 32 A; 80 % with a session, a third of those drawing less
 * than their maximum, 5 % with priority; the capacity 10 A per socket, so that they compete.
 */
public final class Groups {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");
    private static final Phase[] PHASES = Phase.values();

    private Groups() {
    }

    public static List<Socket> sockets(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Socket> sockets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double max = 6 + random.nextInt(27);
            Session session = null;
            if (random.nextInt(10) < 8) {
                session = Session.started("s" + i, T0.plusSeconds(random.nextInt(36_000)));
                if (random.nextInt(3) == 0) {
                    session = session.withMeasuredAmps((double) (1 + random.nextInt((int) max)));
                }
                if (random.nextInt(20) == 0) {
                    session = session.withPriority(true);
                }
            }
            String evseId = String.format("NL*GRD*E%07d", i); // in evse_id order, as the platform gives them
            sockets.add(random.nextInt(10) < 7 ? Socket.threePhase(evseId, max, session)
                    : Socket.singlePhase(evseId, max, PHASES[random.nextInt(3)], session));
        }
        return sockets;
    }

    public static PerPhase capacity(int sockets) {
        return PerPhase.balanced(10.0 * sockets);
    }
}
