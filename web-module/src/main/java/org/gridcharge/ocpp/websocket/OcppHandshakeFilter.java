package org.gridcharge.ocpp.websocket;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.gridcharge.station.boundary.ChargeStationService;

/**
 * Guards the OCPP endpoint's handshake (OCPP security profiles 1 and 2): only a WebSocket upgrade
 * from a known station with its password (HTTP Basic, user name = the station's identity) gets
 * through; an unknown station gets 404, a wrong password 401, and repeated failures 429. Refusals
 * are problem+json. The subprotocol is the container's business ({@link OcppEndpoint}).
 */
@WebFilter(urlPatterns = "/ocpp/*")
public class OcppHandshakeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @EJB
    ChargeStationService stations;

    @jakarta.inject.Inject
    org.gridcharge.ocpp.boundary.StationRegistry registry;

    @jakarta.inject.Inject
    java.time.Clock clock;

    /** Failed logins: 30 per source address, 5 per station at an address, halving every minute. */
    private final LoginThrottle throttle = new LoginThrottle(30, 5, 60_000);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String stationId = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        if (registry.draining()) {
            response.setHeader("Retry-After", "30");
            refuse(response, 503, "Draining", "this server is about to stop; connect to another server or again later");
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            refuse(response, 400, "Not a WebSocket handshake", "the OCPP endpoint speaks OCPP-J over WebSocket only");
            return;
        }
        String address = request.getRemoteAddr();
        long now = clock.millis();
        long retryAfter = throttle.retryAfterSeconds(address, stationId, now);
        if (retryAfter > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfter));
            refuse(response, 429, "Too many failed logins", "too many wrong passwords from this address; try again in " + retryAfter + " s");
            return;
        }
        String password = password(request.getHeader("Authorization"), stationId);
        if (password == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"OCPP\", charset=\"UTF-8\"");
            refuse(response, 401, "Unauthorized", "HTTP Basic credentials are required: user name = charge station id, and its password");
            return;
        }
        switch (stations.authenticate(stationId, password)) {
            case UNKNOWN -> {
                // OCPP-J 1.6 and 2.0.1 part 4: an identity the central system does not know SHOULD get 404
                throttle.failed(address, stationId, now);
                refuse(response, 404, "Unknown charge station", "no charge station '" + json(stationId) + "' with a password is known here");
                return;
            }
            case REFUSED -> {
                throttle.failed(address, stationId, now);
                response.setHeader("WWW-Authenticate", "Basic realm=\"OCPP\", charset=\"UTF-8\"");
                refuse(response, 401, "Unauthorized", "wrong password (HTTP Basic, user name = charge station id)");
                return;
            }
            case ACCEPTED -> {
                // A handshake offering no OCPP version we speak goes through too: the container completes it without a
                // Sec-WebSocket-Protocol header and the endpoint closes the connection at once, as OCPP-J requires.
                chain.doFilter(request, response);
            }
        }
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The password of a Basic authorization for the station, or null. */
    private static String password(String authorization, String stationId) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 || !decoded.substring(0, colon).equals(stationId) ? null : decoded.substring(colon + 1);
    }

    private static void refuse(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
