package org.gridcharge.steering.boundary;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.gridcharge.allocation.Allocation;
import org.gridcharge.allocation.Phase;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.allocation.SocketAllocation;

/** Registers one {@link GroupMXBean} per group in the platform MBean server and keeps its figures current. */
final class GroupMBeans {

    private static final Logger LOG = Logger.getLogger(GroupMBeans.class.getName());

    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final Map<String, Boolean> paused;
    private final Consumer<String> reallocate;

    private final String application;

    GroupMBeans(String application, Map<String, Boolean> paused, Consumer<String> reallocate) {
        this.application = application;
        this.paused = paused;
        this.reallocate = reallocate;
    }

    ObjectName name(String groupId) throws JMException {
        return new ObjectName("org.gridcharge:type=SmartChargingGroup,application=" + ObjectName.quote(application) + ",name="
                + ObjectName.quote(groupId));
    }

    void allocated(String groupId, Allocation now, Instant at) {
        Group group = groups.computeIfAbsent(groupId, id -> {
            Group fresh = new Group(id);
            try {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                ObjectName name = name(id);
                if (!server.isRegistered(name)) {
                    server.registerMBean(fresh, name);
                }
            } catch (JMException e) {
                LOG.log(Level.WARNING, "Could not register the MBean of group " + id, e);
            }
            return fresh;
        });
        group.capacity = mostLoaded(now.capacity());
        group.allotted = mostLoaded(now.allotted());
        group.charging = (int) now.sockets().stream().filter(s -> (s.state() == SocketAllocation.State.CHARGING
                || s.state() == SocketAllocation.State.STARTED) && s.limit() > 0).count();
        group.last = at;
    }

    void removed(String groupId) {
        if (groups.remove(groupId) != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name(groupId));
            } catch (JMException e) {
                LOG.log(Level.FINE, "Group " + groupId + " had no MBean", e);
            }
        }
    }

    void unregisterAll() {
        groups.keySet().forEach(this::removed);
    }

    private static double mostLoaded(PerPhase amps) {
        return Math.max(amps.on(Phase.L1), Math.max(amps.on(Phase.L2), amps.on(Phase.L3)));
    }

    private final class Group implements GroupMXBean {
        private final String groupId;
        private volatile double capacity;
        private volatile double allotted;
        private volatile int charging;
        private volatile Instant last;

        Group(String groupId) {
            this.groupId = groupId;
        }

        @Override
        public double getCapacityAmps() {
            return capacity;
        }

        @Override
        public double getAllottedAmps() {
            return allotted;
        }

        @Override
        public int getSocketsCharging() {
            return charging;
        }

        @Override
        public String getLastAllocation() {
            return last == null ? "" : last.toString();
        }

        @Override
        public boolean isPaused() {
            return paused.containsKey(groupId);
        }

        @Override
        public void reallocate() {
            reallocate.accept(groupId);
        }

        @Override
        public void pause() {
            paused.put(groupId, Boolean.TRUE);
        }

        @Override
        public void resume() {
            paused.remove(groupId);
            reallocate.accept(groupId);
        }
    }
}
