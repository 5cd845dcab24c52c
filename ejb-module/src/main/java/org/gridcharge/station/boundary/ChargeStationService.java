package org.gridcharge.station.boundary;

import org.gridcharge.group.control.Groups;
import org.gridcharge.evse.control.Evses;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.CapacityUpdateMethod;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.station.entity.ChargeStation;
import org.gridcharge.station.entity.ConnectorStatus;
import org.gridcharge.station.entity.EvseControl;
import org.gridcharge.station.entity.StationLink;

/**
 * Charge stations: their OCPP credentials, what they said at boot, which EVSEs sit in them, and
 * what the platform knows of its control over them. A station belongs to the CPO of its EVSEs.
 */
@Stateless
public class ChargeStationService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Evses evses;

    @Inject
    Groups groups;

    @Inject
    Clock clock;

    /**
     * The key the servers share for stations' login verifiers (at least 32 characters; see V19), or blank: every login
     * is then checked against the PBKDF2 hash alone.
     */
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "gridcharge.station.login-key")
    java.util.Optional<String> loginKey; // an empty value (GRIDCHARGE_STATION_LOGIN_KEY= ) is no key

    private byte[] loginKey() {
        String key = loginKey == null ? "" : loginKey.orElse("").strip();
        return key.length() < MIN_LOGIN_KEY ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The shortest login key taken: a shorter one is ignored (logins stay on PBKDF2). */
    static final int MIN_LOGIN_KEY = 32;

    /** What the API shows of a station. */
    public record StationView(String chargeStationId, String cpoId, boolean passwordSet, StationLink link, ChargeStation station,
                              List<EvseView> evses) {
    }

    /** One EVSE of a station and the last limit it was sent. */
    public record EvseView(Evse evse, EvseControl control) {
    }

    /** Sets the password the station authenticates with (HTTP Basic, OCPP security profiles 1 and 2). */
    public void setPassword(Caller caller, String chargeStationId, String password) {
        caller.requireManagerRole();
        String problem = passwordProblem(password);
        if (problem != null) {
            throw new InvalidInputException("password", problem);
        }
        ChargeStation station = stationFor(caller, chargeStationId);
        String salt = StationPasswords.newSalt();
        station.credentials(StationPasswords.hash(password, salt), salt, clock.instant());
    }

    /** Why a station password is not acceptable, or null if it is. */
    public static String passwordProblem(String password) {
        if (password == null) {
            return "is required";
        }
        if (password.length() < StationPasswords.MIN_LENGTH || password.length() > StationPasswords.MAX_LENGTH) {
            return "must be " + StationPasswords.MIN_LENGTH + " to " + StationPasswords.MAX_LENGTH
                    + " characters long (OCPP basic authentication)";
        }
        if (!password.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return "must consist of printable ASCII characters without spaces";
        }
        return null;
    }

    /**
     * Onboarding: gives the station of CPO {@code cpoId} this password (creating its record if
     * needed); the password must be acceptable and the station not another CPO's (callers check).
     * True if anything changed: the same password again changes nothing.
     */
    public boolean onboardPassword(String chargeStationId, String cpoId, String password) {
        ChargeStation station = em.find(ChargeStation.class, chargeStationId);
        if (station == null) {
            station = new ChargeStation(chargeStationId, cpoId);
            em.persist(station);
        } else if (StationPasswords.matches(password, station.passwordSalt(), station.passwordHash())) {
            return false;
        }
        String salt = StationPasswords.newSalt();
        station.credentials(StationPasswords.hash(password, salt), salt, clock.instant());
        return true;
    }

    /**
     * True if the station exists and the password is its password. With a login key, a station whose keyed verifier
     * matches is in at once; any other login (a wrong password included) costs the PBKDF2 work, and a right one writes
     * the verifier for next time.
     */
    public Login authenticate(String chargeStationId, String password) {
        ChargeStation station = chargeStationId == null ? null : em.find(ChargeStation.class, chargeStationId);
        boolean known = station != null && station.passwordHash() != null;
        byte[] key = loginKey();
        if (known && key != null && password != null && station.loginVerifier() != null && MessageDigest.isEqual(
                station.loginVerifier().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                StationPasswords.verifier(key, chargeStationId, station.passwordSalt(), password).getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return Login.ACCEPTED;
        }
        // the same work either way: a password is hashed even for an unknown station
        boolean matches = known ? StationPasswords.matches(password, station.passwordSalt(), station.passwordHash())
                : StationPasswords.matchesNothing(password);
        if (known && matches && key != null) {
            station.loginVerifier(StationPasswords.verifier(key, chargeStationId, station.passwordSalt(), password));
        }
        return !known ? Login.UNKNOWN : matches ? Login.ACCEPTED : Login.REFUSED;
    }

    /** How a station's login went: no such station (or none with a password), a wrong password, or in. */
    public enum Login {
        UNKNOWN, REFUSED, ACCEPTED
    }

    public void booted(String chargeStationId, String vendor, String model, String firmwareVersion) {
        ChargeStation station = em.find(ChargeStation.class, chargeStationId);
        if (station != null) {
            station.booted(vendor, model, firmwareVersion, clock.instant());
        }
    }

    /**
     * Records a connector's StatusNotification: OCPP 1.6 connectorId (sub-connector 0), or OCPP 2.0.1 evseId and
     * connectorId; connector 0 is the station. A report older than the one recorded is ignored; a station clock ahead
     * of ours counts as now, so it cannot pin a status.
     */
    public void statusReported(String chargeStationId, int connectorId, int subConnectorId, String status, String errorCode, Instant at) {
        Instant now = clock.instant();
        Instant when = at.isAfter(now) ? now : at;
        ConnectorStatus recorded = em.find(ConnectorStatus.class, new ConnectorStatus.Key(chargeStationId, connectorId, subConnectorId),
                LockModeType.PESSIMISTIC_WRITE);
        if (recorded == null) {
            recorded = new ConnectorStatus(chargeStationId, connectorId, subConnectorId);
            recorded.report(status, errorCode, when);
            em.persist(recorded);
        } else {
            recorded.report(status, errorCode, when);
        }
    }

    public StationView view(Caller caller, String chargeStationId) {
        ChargeStation station = em.find(ChargeStation.class, chargeStationId);
        List<Evse> evses = evsesAt(chargeStationId);
        String cpoId = station != null ? station.cpoId() : evses.isEmpty() ? null : evses.get(0).cpoId();
        if (cpoId == null || !caller.manages(cpoId)) {
            throw new NotFoundException("charge station", chargeStationId);
        }
        List<EvseView> views = new ArrayList<>();
        for (Evse evse : evses) {
            views.add(new EvseView(evse, em.find(EvseControl.class, evse.evseId())));
        }
        return new StationView(chargeStationId, cpoId, station != null && station.passwordHash() != null,
                em.find(StationLink.class, chargeStationId), station, views);
    }

    /** What the connectors of these stations last reported, in no particular order. */
    public List<ConnectorStatus> connectorStatusesOf(java.util.Collection<String> chargeStationIds) {
        List<String> ids = List.copyOf(chargeStationIds);
        List<ConnectorStatus> found = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i += 1000) { // IN lists stay within what every database takes
            found.addAll(em.createNamedQuery("ConnectorStatus.ofStations", ConnectorStatus.class)
                    .setParameter("stationIds", ids.subList(i, Math.min(ids.size(), i + 1000))).getResultList());
        }
        return found;
    }

    public List<Evse> evsesAt(String chargeStationId) {
        return evses.atStation(chargeStationId);
    }

    /** The EVSE at the station's connector (OCPP 1.6) or EVSE id (OCPP 2.0.1), or null. */
    public Evse evseAt(String chargeStationId, int connectorId) {
        List<Evse> found = evses.atConnector(chargeStationId, connectorId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Groups the station's EVSEs belong to. */
    public List<String> groupsOf(String chargeStationId) {
        return evsesAt(chargeStationId).stream().map(Evse::groupId).filter(g -> g != null).distinct().toList();
    }

    /**
     * The limit per connector a station falls back to once the schedules it was sent run out
     * (it lost the platform for longer than the planning horizon): for each of its EVSEs its
     * share of the group's default capacity, the smallest of them, 0 A if that is below the
     * group's minimum current; an EVSE in no group keeps its maximum. In a grid tree the share is the smallest over the
     * group and every group above it of that group's default capacity divided by the EVSEs below it (a group without a
     * capacity of its own sets none), so that failsafes alone never add up above any node's capacity; the minimum
     * current is the root's.
     */
    public double failsafeAmps(String chargeStationId) {
        return failsafe(chargeStationId).limit();
    }

    /** A station's failsafe limit per connector and its unit. */
    public record Failsafe(double limit, CapacityUnit unit) {
    }

    /**
     * The failsafe as {@link #failsafeAmps}, in amperes; for a station whose EVSEs are all in groups managed in watts
     * (DC chargers), in watts: each EVSE's share of its group's default capacity in watts, at most its maximum power.
     * A station mixing both falls back to 0 A.
     */
    public Failsafe failsafe(String chargeStationId) {
        double failsafe = Double.MAX_VALUE;
        double failsafeWatts = Double.MAX_VALUE;
        for (Evse evse : evsesAt(chargeStationId)) {
            double share = evse.maxCurrentAmps();
            if (evse.groupId() != null) {
                SmartChargingGroup group = groups.find(evse.groupId());
                if (group.algorithm() == Algorithm.NONE) {
                    // not managed: its sessions may draw their maximum, and so may it when the platform is gone
                    if (group.capacityUnit() == CapacityUnit.W) {
                        failsafeWatts = Math.min(failsafeWatts, evse.maxPowerWatts() == null ? 0 : evse.maxPowerWatts());
                    } else {
                        failsafe = Math.min(failsafe, evse.maxCurrentAmps());
                    }
                    continue;
                }
                SmartChargingGroup root = group;
                double perEvse = Double.MAX_VALUE;
                java.util.Set<String> walked = new java.util.HashSet<>();
                for (SmartChargingGroup at = group; at != null && walked.add(at.groupId());
                     at = at.parentGroupId() == null ? null : groups.find(at.parentGroupId())) {
                    root = at;
                    if (at.capacityUpdateMethod() != CapacityUpdateMethod.PARENTGROUP || at.parentGroupId() == null) {
                        long below = groups.evsesBelow(at);
                        perEvse = Math.min(perEvse, Math.floor(at.defaultCapacity() / Math.max(1, below) * 10) / 10);
                    }
                }
                if (group.capacityUnit() == CapacityUnit.W) {
                    failsafeWatts = Math.min(failsafeWatts, evse.maxPowerWatts() == null ? 0 : Math.min(perEvse, evse.maxPowerWatts()));
                    continue;
                }
                share = perEvse;
                Double minimum = root.algorithmParameters().get(Algorithm.Parameter.MIN_CURRENT.apiName());
                if (minimum != null && share < minimum) {
                    share = 0;
                }
                share = Math.min(share, evse.maxCurrentAmps());
            }
            failsafe = Math.min(failsafe, share);
        }
        if (failsafe == Double.MAX_VALUE && failsafeWatts != Double.MAX_VALUE) {
            return new Failsafe(failsafeWatts, CapacityUnit.W);
        }
        if (failsafeWatts != Double.MAX_VALUE) {
            // one station-wide failsafe cannot be in amperes for some connectors and in watts for others: stop them all
            return new Failsafe(0, CapacityUnit.A);
        }
        return new Failsafe(failsafe == Double.MAX_VALUE ? 0 : failsafe, CapacityUnit.A);
    }

    private ChargeStation stationFor(Caller caller, String chargeStationId) {
        ChargeStation station = em.find(ChargeStation.class, chargeStationId);
        if (station != null) {
            if (!caller.manages(station.cpoId())) {
                throw new NotFoundException("charge station", chargeStationId);
            }
            return station;
        }
        List<Evse> evses = evsesAt(chargeStationId);
        if (evses.isEmpty() || !caller.manages(evses.get(0).cpoId())) {
            throw new NotFoundException("charge station (register an EVSE with this charge_station_id first)", chargeStationId);
        }
        station = new ChargeStation(chargeStationId, evses.get(0).cpoId());
        em.persist(station);
        return station;
    }
}
