package org.gridcharge.vendorapi;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.rest.Authenticated;
import org.gridcharge.rest.CallerProducer;
import org.gridcharge.rest.Problem;

/**
 * Authenticates callers of the vendor-compatible API. The container verifies the token, sent as the vendor's
 * {@code Authorization: Token <jwt>} or as {@code Bearer}, with the platform's one MicroProfile JWT verification
 * (server.xml reads both schemes); the caller is the same {@link Caller} as in {@code /api/v1}, with the same roles
 * and tenancy. A request without a verified token is answered here, as the vendor API's problem 401.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class VendorAuthentication implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Context
    HttpServletResponse servletResponse;

    @Inject
    VendorCaller holder;

    @Override
    public void filter(ContainerRequestContext request) {
        JsonWebToken verified = Authenticated.verified(request, servletRequest, servletResponse, "Token");
        if (verified == null) {
            request.abortWith(Authenticated.refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION), "Token"));
            return;
        }
        Caller caller = CallerProducer.of(verified);
        if (caller.roles().isEmpty()) {
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "forbidden",
                    "The token carries none of the roles platform-admin, cpo-admin or capacity-provider.", null).toResponse());
            return;
        }
        holder.set(caller);
    }
}
