package org.gridcharge.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import org.gridcharge.platform.error.InvalidInputException;

/**
 * Refuses, before any resource runs, input no resource can take: a NUL character in a query or path
 * parameter (400 naming it; PostgreSQL cannot store or compare it), and a body whose
 * {@code Content-Type} is a wildcard such as {@code *}{@code /*} (415: a body must say what it is).
 */
@Provider
public class RequestGuard implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        check(request.getUriInfo().getQueryParameters(), "");
        check(request.getUriInfo().getPathParameters(), "");
        MediaType type = request.getMediaType();
        if (type != null && (type.isWildcardType() || type.isWildcardSubtype()) && request.hasEntity()) {
            request.abortWith(ProblemMapper.toProblem(new jakarta.ws.rs.NotSupportedException(Response.status(415).build()))
                    .toResponse());
        }
    }

    private static void check(MultivaluedMap<String, String> parameters, String prefix) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf('\0') >= 0) {
                throw new InvalidInputException("query", "a parameter name contains a NUL character");
            }
            for (String value : parameter.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    throw new InvalidInputException(prefix + parameter.getKey(), "contains a NUL character");
                }
            }
        }
    }
}
