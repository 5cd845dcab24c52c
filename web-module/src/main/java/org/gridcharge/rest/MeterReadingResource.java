package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.capacity.boundary.MeterReadingOutcome;
import org.gridcharge.capacity.boundary.MeterService;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.security.Caller;

/**
 * Readings of a group's site meter posted by REST, by its CPO or a capacity provider granted the group. A reading that
 * cannot be taken (unreadable, older than the last, too far ahead) is 400 naming the field, and is counted.
 */
@Path("smart-charging-groups/{group_id}/meter-readings")
@Tag(name = "Capacity profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class MeterReadingResource {

    @EJB
    MeterService meters;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a reading of the group's site meter: {\"timestamp\", \"currents\": [l1, l2, l3]} in amperes, or"
            + " {\"timestamp\", \"power\"} in watts for a group in watts; import positive, export negative")
    public MeterResource.MeterJson read(@PathParam("group_id") String groupId, byte[] reading) {
        MeterReadingOutcome outcome = meters.record(caller, groupId, reading);
        if (!outcome.taken()) {
            throw new InvalidInputException(outcome.field(), outcome.refusal());
        }
        return MeterResource.MeterJson.of(outcome.meter());
    }
}
