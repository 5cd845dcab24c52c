package org.gridcharge.capacity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.capacity.entity.CapacityFileSource;

/**
 * When capacity files are imported: the inbox is looked into every {@code gridcharge.capacity-files.poll-seconds}
 * (default 5), and each group's URL is fetched daily at its local time by a persistent calendar timer, kept in the
 * database, so the schedule survives a restart (and a fetch due while the server was down runs when it is back).
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CapacityFileScheduler {

    private static final Logger LOG = Logger.getLogger(CapacityFileScheduler.class.getName());
    static final String POLL = "capacity-files-inbox";
    static final String FETCH = "capacity-file-fetch:";
    static final String SYNC = "capacity-file-schedules";

    @EJB
    CapacityFileService files;

    @Resource
    TimerService timers;

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "gridcharge.capacity-files.poll-seconds", defaultValue = "5")
    long pollSeconds;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(3_000, Math.max(1, pollSeconds) * 1000, new TimerConfig(POLL, false));
        timers.createSingleActionTimer(2_000, new TimerConfig(SYNC, false));
    }

    @Timeout
    void timeout(Timer timer) {
        Object info = timer.getInfo();
        if (POLL.equals(info)) {
            try {
                files.pollInbox();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The capacity file inbox was not looked into: " + e + "; trying again in " + pollSeconds + " s");
            }
        } else if (SYNC.equals(info)) {
            sync();
        } else if (info instanceof String s && s.startsWith(FETCH)) {
            String groupId = s.substring(FETCH.length(), s.indexOf('@'));
            try {
                files.startFetch(groupId, "capacity-file-schedule");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The scheduled capacity file fetch of group " + groupId + " did not start: " + e
                        + "; the next is at its next time");
            }
        }
    }

    public void onSourceChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) FileSourceChanged change) {
        timers.createSingleActionTimer(1, new TimerConfig(SYNC, false));
    }

    /** One persistent calendar timer per group that fetches daily, as its source says; the others cancelled. */
    synchronized void sync() {
        Map<String, CapacityFileSource> wanted = new HashMap<>();
        try {
            for (CapacityFileSource source : em.createNamedQuery("CapacityFileSource.scheduled", CapacityFileSource.class).getResultList()) {
                if (source.dailyAt() != null) {
                    wanted.put(FETCH + source.groupId() + "@" + source.dailyAt() + " " + source.timeZone(), source);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Capacity file schedules not checked: " + e);
            return;
        }
        for (Timer timer : timers.getTimers()) {
            try {
                if (timer.getInfo() instanceof String info && info.startsWith(FETCH) && wanted.remove(info) == null) {
                    timer.cancel();
                }
            } catch (NoSuchObjectLocalException e) {
                // fired or cancelled meanwhile
            }
        }
        wanted.forEach((info, source) -> {
            try {
                String[] time = source.dailyAt().split(":");
                ScheduleExpression daily = new ScheduleExpression().hour(Integer.parseInt(time[0])).minute(Integer.parseInt(time[1]))
                        .second(0).timezone(source.timeZone());
                timers.createCalendarTimer(daily, new TimerConfig(info, true));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The capacity file schedule of group " + source.groupId() + " (" + info + ") was not set: " + e);
            }
        });
    }
}
