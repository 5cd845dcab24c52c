package org.gridcharge.capacity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridcharge.group.boundary.GroupChanged;

/**
 * The server's MQTT subscriptions for site meters: one client per broker (and user), subscribed to the topic of every
 * group that reads its meter there and takes its capacity from it. The subscriptions follow the meters' settings and
 * the groups' capacity methods, are checked again every {@link #CHECK_SECONDS} seconds (a broker down at start is tried
 * again then), reconnect by themselves with their topics subscribed again, and end with the server.
 *
 * <p>Topics are subscribed as MQTT shared subscriptions ({@code $share/gridcharge-<client>/<topic>}, one share group per
 * broker, user and password): where several servers share the database, the broker gives each reading to one of them.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MeterSubscriber {

    private static final Logger LOG = Logger.getLogger(MeterSubscriber.class.getName());
    static final long CHECK_SECONDS = 30;
    private static final String CHECK = "meter-subscriptions";

    @EJB
    MeterService meters;

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService executor;

    /**
     * A broker connection, the groups of each topic on it, the topics the broker confirmed, and the readings on their
     * way (taken one after another, in the order they came).
     */
    private static final class Broker {
        final String url;
        final String share;
        final MqttAsyncClient client;
        final MqttConnectOptions options;
        final Map<String, Set<String>> groupsOfTopic = new ConcurrentHashMap<>();
        final Set<String> subscribed = ConcurrentHashMap.newKeySet();
        java.util.concurrent.CompletableFuture<Void> delivering = java.util.concurrent.CompletableFuture.completedFuture(null);

        Broker(String url, String share, MqttAsyncClient client, MqttConnectOptions options) {
            this.url = url;
            this.share = share;
            this.client = client;
            this.options = options;
        }
    }

    private final Map<String, Broker> brokers = new HashMap<>();
    /** The brokers as the last check left them, for readers that must not wait for a check. */
    private final Map<String, Broker> brokerView = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(2_000, CHECK_SECONDS * 1000, new TimerConfig(CHECK, false));
    }

    @PreDestroy
    synchronized void stop() {
        stopping = true;
        brokers.values().forEach(MeterSubscriber::close);
        brokers.clear();
        brokerView.clear();
    }

    @Timeout
    void timeout(Timer timer) {
        sync();
    }

    public void onMeterChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) MeterChanged change) {
        timers.createSingleActionTimer(1, new TimerConfig(CHECK + ":" + change.groupId(), false));
    }

    /** A meter changed on another server of the cluster, or signals may have been missed. */
    public void onClusterSignal(@Observes org.gridcharge.platform.cluster.ClusterSignal signal) {
        if (MeterChanged.SIGNAL.equals(signal.kind()) || org.gridcharge.platform.cluster.ClusterSignal.RESYNC.equals(signal.kind())) {
            timers.createSingleActionTimer(1, new TimerConfig(CHECK + ":" + signal.key(), false));
        }
    }

    public void onGroupChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) GroupChanged change) {
        timers.createSingleActionTimer(1, new TimerConfig(CHECK + ":" + change.groupId(), false));
    }

    /** Brings the subscriptions in line with the meters' settings. */
    synchronized void sync() {
        if (stopping) {
            return;
        }
        List<MeterService.Subscription> wanted;
        try {
            wanted = meters.subscriptions();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Meter subscriptions not checked: the meters could not be read (" + e + "); trying again in "
                    + CHECK_SECONDS + " s");
            return;
        }
        Map<String, Map<String, Set<String>>> byBroker = new HashMap<>();
        Map<String, MeterService.Subscription> sample = new HashMap<>();
        for (MeterService.Subscription s : wanted) {
            String key = key(s);
            byBroker.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(s.topic(), t -> new HashSet<>()).add(s.groupId());
            sample.putIfAbsent(key, s);
        }
        for (String key : List.copyOf(brokers.keySet())) {
            if (!byBroker.containsKey(key)) {
                close(brokers.remove(key));
            }
        }
        byBroker.forEach((key, topics) -> {
            Broker broker = brokers.get(key);
            if (broker == null) {
                broker = open(sample.get(key));
                if (broker == null) {
                    return;
                }
                brokers.put(key, broker);
            }
            Set<String> gone = new HashSet<>(broker.groupsOfTopic.keySet());
            gone.removeAll(topics.keySet());
            Set<String> added = new HashSet<>(topics.keySet());
            added.removeAll(broker.groupsOfTopic.keySet());
            topics.forEach(broker.groupsOfTopic::put);
            gone.forEach(broker.groupsOfTopic::remove);
            if (broker.client.isConnected()) {
                for (String topic : gone) {
                    broker.subscribed.remove(topic);
                    try {
                        broker.client.unsubscribe(broker.share + topic);
                    } catch (MqttException e) {
                        LOG.log(Level.FINE, "Unsubscribing " + topic + " failed", e);
                    }
                }
                Set<String> missing = new HashSet<>(broker.groupsOfTopic.keySet());
                missing.removeAll(broker.subscribed);
                subscribe(broker, missing); // new topics, and any the broker did not confirm before
            } else {
                connect(broker);
            }
        });
        brokerView.keySet().retainAll(brokers.keySet());
        brokerView.putAll(brokers);
    }

    private static String key(MeterService.Subscription s) {
        return s.brokerUrl() + "|" + (s.username() == null ? "" : s.username() + ":" + (s.password() == null ? "" : s.password().hashCode()));
    }

    private Broker open(MeterService.Subscription s) {
        try {
            MqttAsyncClient client = new MqttAsyncClient(s.brokerUrl(), "gridcharge-" + UUID.randomUUID().toString().substring(0, 13),
                    new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(true);
            options.setMaxReconnectDelay(10_000); // a broker back after a restart is used again within 10 s
            options.setConnectionTimeout(10);
            options.setKeepAliveInterval(30);
            if (s.username() != null) {
                options.setUserName(s.username());
                options.setPassword(s.password() == null ? new char[0] : s.password().toCharArray());
            }
            // one share group per client (broker, user and password): servers with the same settings share readings, and
            // clients with other credentials on the same topic each get every reading
            String share = "$share/gridcharge-" + Integer.toHexString(key(s).hashCode()) + "/";
            Broker broker = new Broker(s.brokerUrl(), share, client, options);
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    LOG.info("Meter broker " + serverUri + (reconnect ? " reconnected" : " connected") + "; subscribing "
                            + broker.groupsOfTopic.size() + " topic(s)");
                    subscribe(broker, broker.groupsOfTopic.keySet());
                }

                @Override
                public void connectionLost(Throwable cause) {
                    broker.subscribed.clear();
                    LOG.warning("Meter broker " + s.brokerUrl() + " lost (" + cause + "); reconnecting");
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    deliver(broker, topic, message.getPayload(), java.time.Instant.now());
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // nothing is published
                }
            });
            return broker;
        } catch (MqttException | IllegalArgumentException e) {
            LOG.warning("Meter broker " + s.brokerUrl() + " cannot be used: " + e);
            return null;
        }
    }

    private void connect(Broker broker) {
        try {
            broker.client.connect(broker.options);
        } catch (MqttException e) {
            // connecting already, or refused: the next check tries again
            LOG.log(e.getReasonCode() == MqttException.REASON_CODE_CONNECT_IN_PROGRESS ? Level.FINE : Level.WARNING,
                    "Meter broker " + broker.client.getServerURI() + " not connected: " + e);
        }
    }

    /** Subscribes the topics; a topic counts as subscribed once the broker grants it (a later check tries the others again). */
    private static void subscribe(Broker broker, Set<String> topics) {
        for (String topic : topics) {
            try {
                broker.client.subscribe(broker.share + topic, 1, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                    @Override
                    public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                        int[] granted = token.getGrantedQos();
                        if (granted != null && granted.length > 0 && granted[0] != 0x80) {
                            broker.subscribed.add(topic);
                        } else {
                            LOG.warning("Meter topic " + topic + " on " + broker.url + " refused by the broker (shared subscriptions"
                                    + " allowed?); trying again at the next check");
                        }
                    }

                    @Override
                    public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable e) {
                        LOG.warning("Meter topic " + topic + " on " + broker.url + " not subscribed: " + e + "; trying again at the next check");
                    }
                });
            } catch (MqttException e) {
                LOG.warning("Meter topic " + topic + " on " + broker.url + " not subscribed: " + e + "; trying again at the next check");
            }
        }
    }

    /**
     * Hands a reading to a managed thread, after the readings before it from the same broker: the broker's thread does not
     * wait, and readings are taken in the order they came, each with the time it came.
     */
    private void deliver(Broker broker, String topic, byte[] payload, java.time.Instant arrived) {
        Set<String> groups = broker.groupsOfTopic.get(topic);
        if (groups == null || stopping) {
            return;
        }
        synchronized (broker) {
            for (String groupId : groups) {
                broker.delivering = broker.delivering.thenRunAsync(() -> {
                    try {
                        meters.receive(groupId, broker.url, topic, payload, arrived);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Meter reading of group " + groupId + " from " + topic + " not taken: " + e);
                    }
                }, executor);
            }
        }
    }

    private static void close(Broker broker) {
        if (broker == null) {
            return;
        }
        try {
            if (broker.client.isConnected()) {
                broker.client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            LOG.log(Level.FINE, "Meter broker disconnect", e);
        }
        try {
            broker.client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "Meter broker close", e);
        }
    }

    /** How many brokers are in use, and how many of them are connected now (without waiting for a check in progress). */
    public int[] brokersConnected() {
        List<Broker> now = List.copyOf(brokerView.values());
        int connected = (int) now.stream().filter(b -> b.client.isConnected()).count();
        return new int[] {connected, now.size()};
    }
}
