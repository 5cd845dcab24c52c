package org.gridcharge.ocpp.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import org.gridcharge.ocpp.StationConnection;
import org.gridcharge.ocpp.entity.RelayedCommand;
import org.gridcharge.platform.cluster.Coordination;

/**
 * The rows through which servers of a cluster hand each other CALLs for stations (see {@link StationCommands}), each
 * change in a transaction of its own, with the signal that tells the other server once it commits.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CommandRelay {

    /** A server asks the holder of a station's connection to send a CALL: the key is the holder's node id, a space and the command's id. */
    public static final String REQUEST_SIGNAL = "command";

    /** The holder is done with a command: the key is its id. */
    public static final String DONE_SIGNAL = "command_done";

    /** The error code of a relayed command whose station was no longer connected to its holder. */
    static final String NOT_CONNECTED = "NotConnected";

    /** The longest answer a row holds. */
    private static final int MAX_RESULT = 32_000;

    @PersistenceContext
    EntityManager em;

    @EJB
    Coordination coordination;

    @Inject
    Clock clock;

    /** Writes the request, and signals its holder once committed. Rows a gone requester left behind go after an hour. */
    public void request(RelayedCommand command) {
        em.createNamedQuery("RelayedCommand.removeOlderThan").setParameter("cutoff", clock.instant().minus(Duration.ofHours(1)))
                .executeUpdate();
        em.persist(command);
        coordination.publish(REQUEST_SIGNAL, command.holderId() + " " + command.commandId());
    }

    /** The ids of the commands addressed to this holder that are not done. */
    public java.util.List<String> pendingFor(String holderId) {
        return em.createNamedQuery("RelayedCommand.pendingFor", String.class).setParameter("holderId", holderId).getResultList();
    }

    /** The command as stored, or null if there is none (any more). */
    public RelayedCommand find(String commandId) {
        return em.find(RelayedCommand.class, commandId);
    }

    /** Stores what became of the CALL, and signals the requester once committed. */
    public void done(String commandId, StationConnection.Outcome outcome) {
        RelayedCommand command = em.find(RelayedCommand.class, commandId);
        if (command == null) {
            return; // the requester gave up on it
        }
        String result = outcome.answered() ? outcome.result().toString() : null;
        if (result != null && result.length() > MAX_RESULT) {
            command.done(null, "InternalError", "the station's answer is too long to relay (" + result.length() + " characters)");
        } else {
            command.done(result, outcome.errorCode(), outcome.errorDescription());
        }
        coordination.publish(DONE_SIGNAL, commandId);
    }

    public void remove(String commandId) {
        RelayedCommand command = em.find(RelayedCommand.class, commandId);
        if (command != null) {
            em.remove(command);
        }
    }
}
