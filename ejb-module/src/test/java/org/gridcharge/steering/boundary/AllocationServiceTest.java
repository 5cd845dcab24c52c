package org.gridcharge.steering.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gridcharge.allocation.Allocation;
import org.gridcharge.allocation.AllocationParameters;
import org.gridcharge.allocation.Grid;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.allocation.Plan;
import org.gridcharge.allocation.Session;
import org.gridcharge.allocation.Socket;
import org.gridcharge.allocation.Strategy;
import org.junit.jupiter.api.Test;

/** The pure parts of making a group's allocation: what a priority brings, and what an unsteered socket is told. */
class AllocationServiceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    @Test
    void aPrioritySessionIsComparedWithWhatItWouldHaveHadWithoutPriority() {
        AllocationParameters parameters = AllocationParameters.defaults(Strategy.PRIORITY);
        List<Socket> sockets = List.of(Socket.threePhase("a", 32, Session.started("sa", T0)),
                Socket.threePhase("b", 32, Session.started("sb", T0.plusSeconds(60)).withPriority(true)));
        Grid grid = new Grid(List.of(Grid.Node.root("g")), sockets, new int[2]);
        Allocation current = grid.allocate(new PerPhase[] {PerPhase.balanced(20)}, parameters, null);
        Map<String, double[]> compared = AllocationService.withAndWithoutPriority(grid, current, parameters);
        assertEquals(1, compared.size(), "only the priority session");
        assertArrayEquals(new double[] {14.0, 10.0}, compared.get("sb"));
    }

    @Test
    void anUnsteeredSocketIsToldItsShareButNeverMoreThanItMayAlreadyDraw() {
        Socket held = new Socket("held", 32, Socket.threePhase("x", 32, null).gridPhases(), false, 8, Session.started("s", T0));
        Socket steered = Socket.threePhase("free", 32, Session.started("t", T0));
        Instant end = T0.plusSeconds(3600);
        Map<String, List<Plan.LimitPeriod>> planned = Map.of("held", List.of(new Plan.LimitPeriod(T0, end, 8)),
                "free", List.of(new Plan.LimitPeriod(T0, end, 12)));
        Map<String, List<Plan.LimitPeriod>> ifSteered = Map.of("held", List.of(new Plan.LimitPeriod(T0, T0.plusSeconds(60), 10),
                new Plan.LimitPeriod(T0.plusSeconds(60), end, 4)), "free", List.of(new Plan.LimitPeriod(T0, end, 10)));
        Map<String, List<Plan.LimitPeriod>> sent = AllocationService.toSend(List.of(held, steered), planned, ifSteered);
        assertEquals(List.of(new Plan.LimitPeriod(T0, T0.plusSeconds(60), 8), new Plan.LimitPeriod(T0.plusSeconds(60), end, 4)),
                sent.get("held"), "its share, capped at the 8 A it is counted at");
        assertEquals(planned.get("free"), sent.get("free"), "a steered socket is told its plan");
    }
}
