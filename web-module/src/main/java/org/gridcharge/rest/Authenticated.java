package org.gridcharge.rest;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Lets a request into {@code /api/v1} only with a token the container verified (MicroProfile JWT, the one
 * verification both APIs use), and answers every other request itself, before the roles are checked: a problem
 * document with {@code WWW-Authenticate}, where the container would answer an empty 401. It says whether the token
 * was missing, sent under a scheme the API does not read, or refused. It runs before the request is matched, so that
 * the resource (and the {@code Caller} injected into it) is made after the token is verified.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class Authenticated implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Context
    HttpServletResponse servletResponse;

    @Override
    public void filter(ContainerRequestContext request) {
        if (PortalSignInResource.open(request.getUriInfo().getPath())) {
            return; // how to get a token in the first place
        }
        if (verified(request, servletRequest, servletResponse, "Bearer") == null) {
            request.abortWith(refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION), "Bearer"));
        }
    }

    /**
     * The token the container verified for this request, sent under {@code scheme} or {@code Bearer} (as written, in
     * lower or upper case), or null. The container tries a token by itself when it is sent as exactly {@code Bearer}
     * (Liberty authenticates an unprotected request only then); one under another spelling is handed to it here
     * ({@link HttpServletRequest#authenticate}), and server.xml picks the MicroProfile JWT configuration that reads it.
     */
    public static JsonWebToken verified(ContainerRequestContext request, HttpServletRequest servletRequest,
            HttpServletResponse servletResponse, String scheme) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !(readable(authorization, scheme) || readable(authorization, "Bearer"))) {
            return null; // a token under a scheme this API does not read is not taken, whoever verified it
        }
        if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token) {
            return token;
        }
        if (authorization.startsWith("Bearer ")) {
            return null; // the container tried it already, and refused it
        }
        try {
            if (servletRequest.authenticate(servletResponse) && servletRequest.getUserPrincipal() instanceof JsonWebToken token) {
                return token;
            }
        } catch (ServletException | java.io.IOException e) {
            return null;
        }
        return null;
    }

    /**
     * The 401 for a request whose {@code authorization} header (possibly null) gave the container no token it accepts,
     * for an API that reads tokens under {@code scheme} (in any of the spellings the server is configured to read: as
     * written, lower and upper case).
     */
    public static Response refusal(String authorization, String scheme) {
        String detail;
        String challenge = scheme;
        if (authorization == null || authorization.isBlank()) {
            detail = "a token is required: Authorization: " + scheme + " <token>";
        } else if (!readable(authorization, scheme) && !readable(authorization, "Bearer")) {
            detail = "write the scheme as '" + scheme + "': Authorization: " + scheme + " <token>";
        } else {
            detail = "the token was refused: its signature, issuer, validity period or claims did not pass verification (the"
                    + " server's log names the reason)";
            challenge = scheme + " error=\"invalid_token\"";
        }
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail, null).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }

    private static boolean readable(String authorization, String scheme) {
        return authorization.startsWith(scheme + " ") || authorization.startsWith(scheme.toLowerCase(Locale.ROOT) + " ")
                || authorization.startsWith(scheme.toUpperCase(Locale.ROOT) + " ");
    }
}
