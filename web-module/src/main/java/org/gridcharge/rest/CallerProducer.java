package org.gridcharge.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.security.Role;

/**
 * Turns the verified bearer token into a {@link Caller}: roles from {@code groups}, the managed
 * CPOs from {@code cpo_ids}, a capacity provider's identity from {@code client_id}.
 */
@RequestScoped
public class CallerProducer {

    static final String CPO_IDS_CLAIM = "cpo_ids";
    static final String CLIENT_ID_CLAIM = "client_id";

    @Inject
    HttpServletRequest request;

    /**
     * Dependent (a record cannot be proxied); JAX-RS resources live per request anyway. The token is the request's
     * principal, whether the container verified it by itself ({@code Bearer}) or on {@link Authenticated}'s request (another
     * spelling of the scheme); a request without one has a caller with no roles.
     */
    @Produces
    Caller caller() {
        return request.getUserPrincipal() instanceof JsonWebToken token ? of(token) : of(null, null, null, null);
    }

    /** The caller a verified token names. */
    public static Caller of(JsonWebToken token) {
        return of(token.getName(), token.getGroups(), token.getClaim(CPO_IDS_CLAIM), token.getClaim(CLIENT_ID_CLAIM));
    }

    /** The caller named by a verified token's claims: its name, {@code groups}, {@code cpo_ids} and {@code client_id}. */
    public static Caller of(String name, Set<String> groups, Object cpoIdsClaim, Object clientIdClaim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (groups != null) {
            groups.forEach(g -> Role.fromClaim(g).ifPresent(roles::add));
        }
        return new Caller(name == null ? "anonymous" : name, roles, strings(cpoIdsClaim), clientIdClaim == null ? null : text(clientIdClaim));
    }

    static Set<String> strings(Object claim) {
        Set<String> values = new HashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                values.add(text(value));
            }
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> values.add(text(value)));
        } else if (claim != null) {
            values.add(text(claim));
        }
        return values;
    }

    private static String text(Object value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        String s = String.valueOf(value);
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
