package org.gridcharge.ocpp;

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
import java.util.Collections;
import org.gridcharge.station.boundary.ChargeStationService;

/**
 * Guards the OCPP endpoint's handshake (OCPP security profiles 1 and 2): only a WebSocket upgrade
 * offering {@code ocpp1.6} or {@code ocpp2.0.1}, from a known station with its password
 * (HTTP Basic, user name = the station's identity), gets through. Refusals are problem+json.
 */
@WebFilter(urlPatterns = "/ocpp/*")
public class OcppHandshakeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @EJB
    ChargeStationService stations;

    @jakarta.inject.Inject
    org.gridcharge.ocpp.boundary.StationRegistry registry;

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
        boolean offered = false;
        for (String header : Collections.list(request.getHeaders("Sec-WebSocket-Protocol"))) {
            for (String protocol : header.split(",")) {
                offered |= OcppVersion.of(protocol.trim()) != null;
            }
        }
        if (!offered) {
            refuse(response, 400, "No supported OCPP version", "offer the WebSocket subprotocol ocpp1.6 or ocpp2.0.1");
            return;
        }
        String password = password(request.getHeader("Authorization"), stationId);
        if (password == null || !stations.authenticate(stationId, password)) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"OCPP\", charset=\"UTF-8\"");
            refuse(response, 401, "Unauthorized", "unknown charge station or wrong password (HTTP Basic, user name = charge station id)");
            return;
        }
        chain.doFilter(request, response);
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
