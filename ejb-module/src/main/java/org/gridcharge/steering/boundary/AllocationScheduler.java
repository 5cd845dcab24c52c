package org.gridcharge.steering.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridcharge.capacity.boundary.CapacityChanged;
import org.gridcharge.session.boundary.SessionChanged;

/**
 * When allocation runs: every minute for every group (meter values move demand; a new day moves
 * the horizon), and at once when a group's capacity profile or sessions change.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AllocationScheduler {

    private static final Logger LOG = Logger.getLogger(AllocationScheduler.class.getName());

    @EJB
    AllocationService allocations;

    @Schedule(second = "0", minute = "*", hour = "*", persistent = false, info = "allocation sweep")
    void sweep() {
        for (String groupId : allocations.allGroupIds()) {
            run(groupId, "timer");
        }
    }

    public void onCapacityChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CapacityChanged change) {
        run(change.groupId(), "capacity_changed");
    }

    public void onSessionChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionChanged change) {
        run(change.groupId(), "session_changed");
    }

    private void run(String groupId, String reason) {
        try {
            allocations.allocate(groupId, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Allocation of group " + groupId + " (" + reason + ") failed; the next sweep retries", e);
        }
    }
}
