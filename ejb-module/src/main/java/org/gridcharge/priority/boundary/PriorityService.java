package org.gridcharge.priority.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridcharge.evse.control.Evses;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.group.control.Groups;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.priority.entity.PriorityRequest;
import org.gridcharge.session.boundary.SessionEnded;
import org.gridcharge.session.boundary.SessionService;
import org.gridcharge.session.entity.ChargingSession;
import org.gridcharge.tenancy.control.Tenancy;

/**
 * Priority requests ("Charge Assist"): a driver in a hurry asks for priority for a running
 * session in a group whose algorithm is {@code priority}; it lasts until the session ends or the
 * request is withdrawn, and stays in the history with what it brought.
 */
@Stateless
public class PriorityService {

    /** Search filters of the history; every one optional. */
    public record Filter(String groupId, String evseId, String evseUid, Instant from, Instant to, PriorityRequest.Status status,
                         java.util.Collection<String> cpoIds, boolean newestFirst) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    SessionService sessions;

    @Inject
    Evses evses;

    @Inject
    Groups groups;

    @Inject
    Tenancy tenancy;

    public PriorityRequest request(Caller caller, PriorityDraft draft) {
        return request(caller, draft, null);
    }

    /**
     * A priority request for the session on an EVSE that must be in group {@code groupId} (the vendor's
     * {@code capacitygroups/{id}/evses/{uid}/priority}): an EVSE the caller may not manage, or one in another group, is
     * not found. One access check, here.
     */
    public PriorityRequest requestInGroup(Caller caller, String groupId, PriorityDraft draft) {
        return request(caller, draft, groupId);
    }

    private PriorityRequest request(Caller caller, PriorityDraft draft, String inGroup) {
        caller.requireManagerRole();
        if (draft == null) {
            throw new InvalidInputException("body", "a JSON object {\"evse_id\" or \"session_id\", \"requested_by\"} is required");
        }
        int given = (draft.evseId() == null ? 0 : 1) + (draft.evseUid() == null ? 0 : 1) + (draft.sessionId() == null ? 0 : 1);
        if (given != 1) {
            throw new InvalidInputException("evse_id", "give one of evse_id, evse_uid or session_id");
        }
        if (draft.requestedBy() == null || draft.requestedBy().isBlank() || draft.requestedBy().length() > 128) {
            throw new InvalidInputException("requested_by", "is required: who asked (a driver or app id), at most 128 characters");
        }
        Instant departure = null;
        if (draft.departureTime() != null) {
            try {
                departure = org.gridcharge.platform.time.Times.inRange("departure_time", Instant.parse(draft.departureTime()));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("departure_time", "'" + draft.departureTime() + "' is not a UTC time such as 2026-01-01T18:00:00Z");
            }
        }
        if (draft.energyKwh() != null && !(draft.energyKwh() > 0 && draft.energyKwh() <= 1000)) {
            throw new InvalidInputException("energy_kwh", "must be more than 0 and at most 1000");
        }
        ChargingSession session = sessionFor(caller, draft, inGroup);
        Evse evse = evses.find(session.evseId());
        if (session.endedAt() != null) {
            throw new ConflictException("session '" + session.sessionId() + "' has ended; priority is for a running session");
        }
        if (evse.groupId() == null) {
            throw new ConflictException("EVSE '" + evse.evseId() + "' is in no smart charging group; priority applies within a group");
        }
        SmartChargingGroup group = groups.find(evse.groupId());
        if (group.algorithm() != Algorithm.PRIORITY) {
            throw new ConflictException("group '" + group.groupId() + "' uses the algorithm " + group.algorithm().apiName()
                    + ", which does not serve priority requests; its CPO can switch it to priority");
        }
        if (!em.createNamedQuery("PriorityRequest.activeForSession", PriorityRequest.class).setParameter("sessionId", session.sessionId())
                .getResultList().isEmpty()) {
            throw new ConflictException("session '" + session.sessionId() + "' already has an active priority request");
        }
        // in a grid tree the root's max_priority_sessions holds for the whole tree, as the allocation applies it
        SmartChargingGroup root = groups.rootOf(group);
        Double cap = root.algorithmParameters().get(Algorithm.Parameter.MAX_PRIORITY_SESSIONS.apiName());
        boolean alone = root.groupId().equals(group.groupId());
        List<String> tree = alone ? List.of(group.groupId()) : groups.subtree(root).stream().map(SmartChargingGroup::groupId).toList();
        long active = em.createNamedQuery("PriorityRequest.activeInGroups", PriorityRequest.class)
                .setParameter("groupIds", tree).getResultList().size();
        if (cap != null && active >= cap) {
            throw new ConflictException("group '" + root.groupId() + "'" + (alone ? "" : ", the root of group '" + group.groupId()
                    + "''s tree,") + " already serves " + active + " priority sessions, its max_priority_sessions; try again when one ends");
        }
        PriorityRequest request = new PriorityRequest(session.sessionId(), evse.evseId(), group.groupId(), group.cpoId(),
                draft.requestedBy(), clock.instant(), departure, draft.energyKwh(), session.meterWh());
        em.persist(request);
        sessions.prioritise(session, true, departure, draft.energyKwh() != null ? Double.valueOf(draft.energyKwh() * 1000) : null);
        return request;
    }

    public PriorityRequest get(Caller caller, String requestId) {
        PriorityRequest request = requestId == null ? null : em.find(PriorityRequest.class, requestId);
        if (request == null || !visible(caller, request)) {
            throw new NotFoundException("priority request", requestId);
        }
        return request;
    }

    /** Withdraws an active request: the session is served like the others again. */
    public PriorityRequest cancel(Caller caller, String requestId) {
        caller.requireManagerRole();
        PriorityRequest request = get(caller, requestId);
        if (request.status() != PriorityRequest.Status.ACTIVE) {
            throw new ConflictException("priority request '" + requestId + "' is already " + request.status().name().toLowerCase());
        }
        ChargingSession session = sessions.find(request.sessionId());
        request.finish(PriorityRequest.Status.CANCELLED, clock.instant(), session.meterWh());
        sessions.prioritise(session, false, null, null);
        return request;
    }

    /** The history, oldest first, restricted to what the caller may see. */
    public Page<PriorityRequest> list(Caller caller, Filter filter, Page.Request page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (caller.isPlatformAdmin()) {
            // everything
        } else if (caller.isCpoAdmin()) {
            where.append(" AND p.cpoId IN :cpoIds");
            parameters.put("cpoIds", caller.cpoIds().isEmpty() ? List.of("") : new ArrayList<>(caller.cpoIds()));
        } else if (caller.isCapacityProvider()) {
            where.append(" AND " + Tenancy.grantedTo("p.groupId"));
            parameters.put(Tenancy.GRANTED_TO, caller.clientId());
        } else {
            return new Page<>(List.of(), page.offset(), page.limit(), 0);
        }
        condition(where, parameters, "p.groupId = :groupId", "groupId", filter.groupId());
        condition(where, parameters, "p.evseId = :evseId", "evseId", filter.evseId());
        if (filter.evseUid() != null) {
            // an unknown uid matches nothing, as the EVSE's id would
            condition(where, parameters, "p.evseId = :evseIdOfUid", "evseIdOfUid", evses.byUid(filter.evseUid()).map(Evse::evseId).orElse(""));
        }
        condition(where, parameters, "p.requestedAt >= :from", "from", filter.from());
        condition(where, parameters, "p.requestedAt < :to", "to", filter.to());
        condition(where, parameters, "p.status = :status", "status", filter.status());
        if (filter.cpoIds() != null && !filter.cpoIds().isEmpty()) {
            condition(where, parameters, "p.cpoId IN :cpoFilter", "cpoFilter", new ArrayList<>(filter.cpoIds()));
        }
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(p) FROM PriorityRequest p" + where, Long.class);
        TypedQuery<PriorityRequest> items = em.createQuery("SELECT p FROM PriorityRequest p" + where
                + (filter.newestFirst() ? " ORDER BY p.requestedAt DESC, p.requestId DESC" : " ORDER BY p.requestedAt, p.requestId"),
                PriorityRequest.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            items.setParameter(name, value);
        });
        return new Page<>(items.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList(), page.offset(), page.limit(),
                count.getSingleResult());
    }

    /**
     * The uids of the EVSEs of these requests (which the caller was allowed to see), by evse_id; an EVSE deleted since
     * is missing.
     */
    public Map<String, String> uidsOf(List<PriorityRequest> requests) {
        Map<String, String> uids = new HashMap<>();
        List<String> evseIds = requests.stream().map(PriorityRequest::evseId).distinct().toList();
        evses.byIds(evseIds).forEach(e -> uids.put(e.evseId(), e.uid()));
        return uids;
    }

    /** The latest energy register reading of a request's session (for requests still active). */
    public Double meterNow(PriorityRequest request) {
        ChargingSession session = sessions.findOrNull(request.sessionId());
        return session == null ? null : session.meterWh();
    }

    /** Records, for each session served with priority, its limit now and what it would have had without priority. */
    public void allotted(List<String> groupIds, Map<String, double[]> withAndWithoutBySession) {
        for (PriorityRequest request : em.createNamedQuery("PriorityRequest.activeInGroups", PriorityRequest.class)
                .setParameter("groupIds", groupIds).getResultList()) {
            double[] limits = withAndWithoutBySession.get(request.sessionId());
            if (limits != null) {
                request.allotted(limits[0], limits[1]);
            }
        }
    }

    public void onSessionEnded(@Observes SessionEnded ended) {
        for (PriorityRequest request : em.createNamedQuery("PriorityRequest.activeForSession", PriorityRequest.class)
                .setParameter("sessionId", ended.sessionId()).getResultList()) {
            request.finish(PriorityRequest.Status.ENDED, ended.at(), ended.meterWh());
        }
    }

    private ChargingSession sessionFor(Caller caller, PriorityDraft draft, String inGroup) {
        if (draft.sessionId() != null) {
            ChargingSession session = sessions.findOrNull(draft.sessionId());
            Evse evse = session == null ? null : evses.find(session.evseId());
            if (evse == null || !tenancy.manages(caller, evse.cpoId())) {
                throw new NotFoundException("session", draft.sessionId());
            }
            return session;
        }
        Evse evse;
        if (draft.evseUid() != null) {
            evse = evses.byUid(draft.evseUid()).orElse(null);
        } else {
            evse = evses.find(draft.evseId());
        }
        if (evse == null || !tenancy.manages(caller, evse.cpoId())) {
            throw draft.evseUid() != null ? new NotFoundException("EVSE with uid", draft.evseUid()) : new NotFoundException("EVSE", draft.evseId());
        }
        if (inGroup != null && !inGroup.equals(evse.groupId())) {
            throw draft.evseUid() != null ? new NotFoundException("EVSE in capacity group " + inGroup + " with uid", draft.evseUid())
                    : new NotFoundException("EVSE in capacity group " + inGroup, draft.evseId());
        }
        List<ChargingSession> open = sessions.openOn(evse.evseId());
        if (open.isEmpty()) {
            throw new ConflictException("no session is running on EVSE '" + evse.evseId() + "'; priority is for a running session");
        }
        return open.get(0);
    }

    private boolean visible(Caller caller, PriorityRequest request) {
        return tenancy.sees(caller, request.cpoId(), request.groupId());
    }

    private static void condition(StringBuilder where, Map<String, Object> parameters, String clause, String name, Object value) {
        if (value != null) {
            where.append(" AND ").append(clause);
            parameters.put(name, value);
        }
    }
}
