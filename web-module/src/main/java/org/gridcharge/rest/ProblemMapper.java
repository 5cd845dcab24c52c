package org.gridcharge.rest;

import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridcharge.platform.error.AccessDeniedException;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.DomainException;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.error.PayloadTooLargeException;

/**
 * Every error the API answers is an {@code application/problem+json} document that says what was
 * wrong. Domain rule violations keep their message; unreadable JSON says where it broke; anything
 * unexpected is logged and answered 500 without internals.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        return toProblem(thrown).toResponse();
    }

    static Problem toProblem(Throwable thrown) {
        DomainException domain = find(thrown, DomainException.class);
        if (domain != null) {
            return fromDomain(domain);
        }
        if (databaseUnreachable(thrown)) {
            LOG.log(Level.WARNING, "The database is unreachable: answered 503", thrown);
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "database-unavailable",
                    "the platform's database cannot be reached just now; try again in a few seconds", null);
        }
        if (deadlockVictim(thrown)) {
            return Problem.of(Response.Status.CONFLICT, "concurrent-change",
                    "the change collided with another one made at the same time; send it again", null);
        }
        if (find(thrown, OptimisticLockException.class) != null) {
            return Problem.of(Response.Status.CONFLICT, "concurrent-change",
                    "the resource was changed by another request at the same time; read it again and retry", null);
        }
        Throwable json = find(thrown, JsonParsingException.class);
        if (json == null) {
            json = find(thrown, JsonbException.class);
        }
        if (json != null) {
            return Problem.of(Response.Status.BAD_REQUEST, "unreadable-json",
                    "the request body is not valid JSON for this resource: " + rootMessage(json), null);
        }
        if (thrown instanceof WebApplicationException web && !(thrown.getCause() instanceof EJBException)) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            if (status.getStatusCode() < 500) {
                return Problem.of(status, null, describe(web), null);
            }
        }
        LOG.log(Level.SEVERE, "Unexpected error while serving a request", thrown);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, null,
                "an unexpected error occurred; it has been logged for the operators", null);
    }

    private static Problem fromDomain(DomainException e) {
        if (e instanceof InvalidInputException invalid) {
            return Problem.of(Response.Status.BAD_REQUEST, "invalid-input", e.getMessage(), invalid.field());
        }
        if (e instanceof NotFoundException) {
            return Problem.of(Response.Status.NOT_FOUND, "not-found", e.getMessage(), null);
        }
        if (e instanceof ConflictException) {
            return Problem.of(Response.Status.CONFLICT, "conflict", e.getMessage(), null);
        }
        if (e instanceof PayloadTooLargeException) {
            return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", e.getMessage(), null);
        }
        if (e instanceof AccessDeniedException) {
            return Problem.of(Response.Status.FORBIDDEN, "forbidden", e.getMessage(), null);
        }
        return Problem.of(Response.Status.BAD_REQUEST, null, e.getMessage(), null);
    }

    private static String describe(WebApplicationException web) {
        int code = web.getResponse().getStatus();
        return switch (code) {
            case 401 -> "a valid bearer token is required";
            case 403 -> "your role may not perform this operation";
            case 404 -> "there is no resource at this address";
            case 405 -> "this method is not allowed here" + allowed(web);
            case 406 -> "this resource answers application/json (errors application/problem+json); adjust the Accept header";
            case 415 -> "send the request body as application/json";
            default -> web.getMessage() == null ? web.getResponse().getStatusInfo().getReasonPhrase() : web.getMessage();
        };
    }

    private static String allowed(WebApplicationException web) {
        if (web instanceof NotAllowedException && !web.getResponse().getAllowedMethods().isEmpty()) {
            return "; allowed: " + String.join(", ", web.getResponse().getAllowedMethods());
        }
        return "";
    }

    /**
     * True if the failure is the database being gone: a connection that could not be made or was lost (SQLState class
     * 08, PostgreSQL's 57P01-57P03 shutdown codes), or the pool could not hand one out in time.
     */
    static boolean databaseUnreachable(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** True if the database chose this request as a deadlock victim (SQLState 40001 or 40P01) or timed out on a lock (40XL1/2). */
    static boolean deadlockVictim(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01") || sql.getSQLState().startsWith("40XL"))) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && root.getCause().getMessage() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? t.getClass().getSimpleName() : root.getMessage();
    }
}
