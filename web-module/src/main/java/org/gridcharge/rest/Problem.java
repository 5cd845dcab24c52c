package org.gridcharge.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document. {@code field} (an extension member) names the offending input
 * field, in the API's snake_case spelling, when one is to blame.
 */
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(Response.StatusType status, String kind, String detail, String field) {
        String type = kind == null ? "about:blank" : "urn:gridcharge:problem:" + kind;
        return new Problem(type, status.getReasonPhrase(), status.getStatusCode(), detail, field);
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA).entity(this);
        if (status == 503 || status == 429) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    /** What a 503 (the database is unreachable) or 429 asks a client to wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 5;
}
