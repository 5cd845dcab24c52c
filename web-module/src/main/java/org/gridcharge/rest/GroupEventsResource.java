package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.security.Caller;

/**
 * A group's allocation data as it is written, as server-sent events: an {@code allocation} event per new allocation record
 * (the same JSON as {@code GET .../allocation-data}, its {@code valid_from} as the event id). A client that reconnects
 * with {@code Last-Event-ID} (or {@code ?since=}) gets what it missed; without either the stream starts now. Any server
 * of a cluster serves it: the stream reads the records from the database.
 */
@Path("smart-charging-groups/{group_id}/events")
@Tag(name = "Allocation data")
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class GroupEventsResource {

    @EJB
    GroupService groups;

    @Inject
    AllocationEventStreams streams;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The group's new allocation records as server-sent events (event allocation), from now or from since / Last-Event-ID")
    public void events(@PathParam("group_id") String groupId, @QueryParam("since") String since,
                       @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        // the caller is checked before the stream opens: an unknown or hidden group is a 404 problem, not an empty stream
        SmartChargingGroup group = groups.get(caller, groupId);
        Instant from = lastEventId != null && !lastEventId.isBlank() ? AllocationResource.instant("Last-Event-ID", lastEventId.trim())
                : since != null ? AllocationResource.instant("since", since) : clock.instant();
        streams.follow(caller, group.groupId(), from, lastEventId != null && !lastEventId.isBlank(), sink, sse);
    }
}
