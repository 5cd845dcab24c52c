package org.gridcharge.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * A request to {@code /api/v1} without a bearer token is answered here, as a problem document with
 * {@code WWW-Authenticate: Bearer}, before the container's authentication (which would answer an
 * empty 401). A token is the container's to verify (MicroProfile JWT).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BearerRequired implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return;
        }
        String detail = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? "write the scheme as 'Bearer' (the container reads it so): Authorization: Bearer <token>"
                : "a bearer token is required: Authorization: Bearer <token>";
        request.abortWith(Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail, null).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
    }
}
