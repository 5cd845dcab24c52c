package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A real HTTP client against the running server (port from the {@code http.port} system property). */
final class Api {

    static final String BASE = "http://localhost:" + System.getProperty("http.port", "9080");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static {
        awaitReadiness(Duration.ofMinutes(2));
    }

    private Api() {
    }

    /**
     * The server reports itself started before its application is ready to serve; every test
     * begins once readiness (application started, database reachable) says UP.
     */
    static void awaitReadiness(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                lastStatus = response.statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                lastStatus = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the server at " + BASE + " did not become ready within " + patience + " (last status " + lastStatus + ")");
    }

    /** A suffix that keeps this run's ids apart from earlier runs on the same database. */
    static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    static Reply get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    static Reply post(String path, String token, String json) {
        return send("POST", path, token, json, "application/json");
    }

    static Reply put(String path, String token) {
        return send("PUT", path, token, null, null);
    }

    static Reply put(String path, String token, String json) {
        return send("PUT", path, token, json, "application/json");
    }

    static Reply patch(String path, String token, String json) {
        return send("PATCH", path, token, json, "application/merge-patch+json");
    }

    static Reply delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    static Reply send(String method, String path, String token, String body, String contentType) {
        return sendAuthorized(method, path, token == null ? null : "Bearer " + token, body, contentType);
    }

    /** Sends with the Authorization header given as is (null: none). */
    static Reply sendAuthorized(String method, String path, String authorization, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.body(),
                    response.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Builds URL-safe paths from ids that contain '*'. */
    static String enc(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    record Reply(int status, String contentType, String location, String body, String challenge) {

        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        JsonArray jsonArray() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readArray();
            }
        }

        Reply expect(int expected) {
            assertEquals(expected, status, () -> "HTTP " + status + ": " + body);
            return this;
        }

        /** Asserts an RFC 9457 problem with this status; returns it. */
        JsonObject problem(int expected) {
            expect(expected);
            assertEquals("application/problem+json", contentType.split(";")[0].trim(), "problem content type");
            JsonObject problem = json();
            assertEquals(expected, problem.getInt("status"));
            return problem;
        }
    }
}
