package org.gridcharge.platform.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * This server's part in the cluster (PostgreSQL only): it joins as a member and writes its heartbeat; it claims
 * members that fell silent, whose stations then count offline; and it listens for the other servers' signals on one
 * connection of its own ({@code jdbc/gridcharge-listen}, outside any transaction, as LISTEN needs), handing each to
 * this server's components as a {@link ClusterSignal}. When that connection breaks it connects again and signals
 * {@link ClusterSignal#RESYNC}, since NOTIFY keeps nothing for a listener that was away.
 *
 * <p>The driver's {@code PGConnection} is reached through Liberty's {@code unwrap}, which needs the application to see
 * the server's own driver classes (the EAR's class loader has the JDBC library as a common library). It is called
 * reflectively, so that an application without them (the in-container tests' archive) still deploys, only deaf.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterListener {

    private static final Logger LOG = Logger.getLogger(ClusterListener.class.getName());
    private static final long WAIT_MILLIS = 2_000;
    private static final long CHECK_MILLIS = 15_000;

    @Inject
    ClusterNode node;

    @EJB
    Members members;

    @Inject
    Event<ClusterSignal> signals;

    @Inject
    Event<MemberEvicted> evicted;

    @Inject
    Event<Judged> judged;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile boolean running;
    private volatile Connection listening;
    private volatile Thread listener;
    private ScheduledFuture<?> heartbeat;

    @PostConstruct
    void start() {
        if (!node.clustered()) {
            return;
        }
        String nodeName = System.getenv("GRIDCHARGE_CLUSTER_NODE_NAME");
        if ("on".equals(System.getenv("TIMER_FAILOVER")) && (nodeName == null || nodeName.isBlank())) {
            LOG.severe("TIMER_FAILOVER=on without GRIDCHARGE_CLUSTER_NODE_NAME: the batch container cannot tell this server from"
                    + " the others started from the same directory, and a restart of one fails the others' running jobs."
                    + " Give each server a name of its own.");
        }
        members.join(node.nodeId(), node.name());
        running = true;
        listener = threads.newThread(this::listen);
        listener.setName("gridcharge-cluster-listener");
        listener.setDaemon(true);
        listener.start();
        long every = node.heartbeat().toMillis();
        heartbeat = scheduler.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Joined the cluster as " + node.nodeId());
    }

    @PreDestroy
    void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        try {
            members.announceGone(node.nodeId()); // whatever is still recorded as connected here is not, once this server is gone
            members.leave(node.nodeId());
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "Could not leave the cluster cleanly (the others will after the member timeout): " + e);
        }
    }

    /** True while this server listens for the others' signals (PostgreSQL), false alone or while reconnecting. */
    public boolean listening() {
        return listening != null;
    }

    /** Since when this server's heartbeats have been written without a failure; null after one failed. */
    private Instant beatingSince;

    private void beat() {
        try {
            Instant before = clock.instant();
            if (!members.beat(node.nodeId(), node.name())) {
                LOG.warning(() -> "The other servers took this one for dead (its heartbeat was late): its stations are closed, to come back");
                evicted.fire(new MemberEvicted(node.nodeId()));
            }
            Instant now = clock.instant();
            if (Duration.between(before, now).compareTo(node.heartbeat()) > 0) {
                // the database answered late (an outage that hung rather than failed): as good as a failed heartbeat, since
                // the others' heartbeats could not be written meanwhile either
                beatingSince = null;
                return;
            }
            if (beatingSince == null) {
                beatingSince = now;
            }
            // Only a server that has itself been writing its heartbeat for a whole member timeout judges the others: after
            // an outage of the database, every server was silent, and the first one back must not take the others for
            // dead (and close all their stations) before they had the time to write theirs again.
            if (!now.isBefore(beatingSince.plus(node.memberTimeout()))) {
                for (String gone : members.claimSilent(node.nodeId(), node.memberTimeout())) {
                    LOG.warning(() -> "Server " + gone + " fell silent: its stations count offline until they reconnect");
                    members.announceGone(gone);
                }
                try {
                    judged.fire(new Judged(now));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A check on the work of servers gone from the cluster failed; the next heartbeat tries again", e);
                }
            }
        } catch (RuntimeException e) {
            beatingSince = null;
            LOG.log(Level.WARNING, "Cluster heartbeat failed (" + e + "); the next one tries again");
        }
    }

    private void listen() {
        Class<?> driverConnection;
        Method getNotifications;
        Method getParameter;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            driverConnection = Class.forName("org.postgresql.PGConnection", false, loader);
            getNotifications = driverConnection.getMethod("getNotifications", int.class);
            getParameter = Class.forName("org.postgresql.PGNotification", false, loader).getMethod("getParameter");
        } catch (ReflectiveOperationException e) {
            LOG.warning(() -> "This application does not see the PostgreSQL driver (" + e + "): it hears no other server of the cluster");
            return;
        }
        boolean missed = false;
        while (running) {
            try (Connection connection = ((DataSource) InitialContext.doLookup("jdbc/gridcharge-listen")).getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + Coordination.CHANNEL);
                }
                Object postgres;
                try {
                    postgres = connection.unwrap(driverConnection);
                } catch (SQLException e) {
                    LOG.warning(() -> "The PostgreSQL connection cannot be unwrapped (" + e + "; does the application share the server's"
                            + " JDBC library?): this server hears no other server of the cluster");
                    return;
                }
                listening = connection;
                if (missed) {
                    LOG.info("Listening to the cluster again: catching up");
                    dispatch(new ClusterSignal(ClusterSignal.RESYNC, "", node.nodeId()));
                }
                long checked = System.nanoTime();
                while (running) {
                    Object notifications = getNotifications.invoke(postgres, (int) WAIT_MILLIS);
                    if (notifications != null) {
                        for (int i = 0; i < Array.getLength(notifications); i++) {
                            Object notification = Array.get(notifications, i);
                            ClusterSignal signal = ClusterSignal.parse((String) getParameter.invoke(notification));
                            if (signal != null && !signal.origin().equals(node.nodeId())) {
                                dispatch(signal);
                            }
                        }
                    } else if (System.nanoTime() - checked > TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS)) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("SELECT 1"); // a half-open connection says nothing until it is used
                        }
                        checked = System.nanoTime();
                    }
                }
            } catch (InvocationTargetException e) {
                listening = null;
                if (running) {
                    missed = true;
                    LOG.log(Level.WARNING, "Lost the cluster's signals (" + e.getCause() + "); connecting again");
                    pause();
                }
            } catch (SQLException | NamingException | ReflectiveOperationException | RuntimeException e) {
                listening = null;
                if (running) {
                    missed = true;
                    LOG.log(Level.WARNING, "Lost the cluster's signals (" + e + "); connecting again");
                    pause();
                }
            } finally {
                listening = null;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void dispatch(ClusterSignal signal) {
        try {
            signals.fire(signal);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Handling the cluster signal " + signal + " failed", e);
        }
    }
}
