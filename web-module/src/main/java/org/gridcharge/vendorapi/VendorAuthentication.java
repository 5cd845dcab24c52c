package org.gridcharge.vendorapi;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.rest.CallerProducer;
import org.gridcharge.rest.Problem;

/**
 * Authenticates callers of the vendor-compatible API. A JWT the container already verified ({@code Bearer}) is
 * used as is; one sent as {@code Authorization: Token <jwt>} is verified by {@link TokenVerifier}. Either way
 * the caller is the same {@link Caller} as in {@code /api/v1}, with the same roles and tenancy.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class VendorAuthentication implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(VendorAuthentication.class.getName());
    private static final String TOKEN = "Token ";
    private static final String BEARER = "Bearer ";

    @Inject
    JsonWebToken verified;

    @Inject
    TokenVerifier verifier;

    @Inject
    VendorCaller holder;

    @Inject
    Clock clock;

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller;
        if (verified.getRawToken() != null) {
            caller = CallerProducer.of(verified);
        } else {
            String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            String jwt = header == null ? null : header.regionMatches(true, 0, TOKEN, 0, TOKEN.length()) ? header.substring(TOKEN.length())
                    : header.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? header.substring(BEARER.length()) : null;
            if (jwt == null || jwt.isBlank()) {
                request.abortWith(refuse(401, "Send the token as 'Authorization: Token <token>' (or 'Bearer <token>')."));
                return;
            }
            try {
                caller = verifier.verify(jwt.trim(), clock);
            } catch (TokenVerifier.InvalidTokenException e) {
                request.abortWith(refuse(401, "The token was refused: " + e.getMessage() + "."));
                return;
            } catch (TokenVerifier.UnavailableException e) {
                // the platform's configuration, not the caller's token, is at fault: say so, and tell the operators what to set
                LOG.log(Level.SEVERE, "Tokens sent as 'Authorization: Token' cannot be verified: " + e.getMessage(), e);
                request.abortWith(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "unavailable", "Tokens cannot be verified at the"
                        + " moment; the operators have been told.", null).toResponse());
                return;
            }
        }
        if (caller.roles().isEmpty()) {
            request.abortWith(refuse(403, "The token carries none of the roles platform-admin, cpo-admin or capacity-provider."));
            return;
        }
        holder.set(caller);
    }

    private static Response refuse(int status, String detail) {
        Response problem = Problem.of(Response.Status.fromStatusCode(status), status == 401 ? "unauthorized" : "forbidden", detail, null)
                .toResponse();
        return status == 401 ? Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Token").build() : problem;
    }
}
