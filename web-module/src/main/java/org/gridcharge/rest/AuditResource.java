package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.audit.boundary.AuditService;
import org.gridcharge.audit.entity.AuditRecord;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.rest.Json.PageJson;

/** The audit trail of capacity-profile changes and grants. */
@Path("audit-records")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class AuditResource {

    @EJB
    AuditService audit;

    @Inject
    Caller caller;

    public record AuditJson(String auditId, Instant at, String actor, String action, String groupId, String cpoId, String detail) {
        static AuditJson of(AuditRecord r) {
            return new AuditJson(r.auditId(), r.at(), r.actor(), r.action(), r.groupId(), r.cpoId(), r.detail());
        }
    }

    @GET
    @Operation(summary = "Who changed which capacity profile or grant, and when; oldest first. Filters group_id, action "
            + "(capacity_profile.replaced, capacity_profile.deleted, grant.added, grant.revoked), from, to")
    public PageJson<AuditJson> list(@QueryParam("group_id") String groupId, @QueryParam("action") String action,
                                    @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("offset") String offset,
                                    @QueryParam("limit") String limit) {
        AuditService.Filter filter = new AuditService.Filter(groupId, action, from == null ? null : AllocationResource.instant("from", from),
                to == null ? null : AllocationResource.instant("to", to));
        return PageJson.of(audit.list(caller, filter, Page.Request.of(offset, limit)), AuditJson::of);
    }
}
