package org.gridcharge.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * The web container's error page (web.xml): an error it answers without the API, such as an unknown
 * path or a refused bearer token, becomes an RFC 9457 problem like every other error the platform
 * serves. No internals are shown.
 */
@WebServlet("/problem")
public class ProblemServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus() >= 400 ? response.getStatus() : 404;
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = switch (status) {
            case 400 -> "the request could not be read (its path, headers or encoding)";
            case 401 -> "a valid bearer token is required";
            case 403 -> "your role may not perform this operation";
            case 404 -> "there is no resource at this address";
            case 405 -> "this method is not allowed here";
            default -> status >= 500 ? "an unexpected error occurred; it has been logged for the operators" : title;
        };
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
                + "\"}");
    }
}
