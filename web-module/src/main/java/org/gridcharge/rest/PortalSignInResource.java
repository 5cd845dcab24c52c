package org.gridcharge.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.security.DevTokens;

/**
 * How the portal signs in, the only paths of the API that need no token. In the dev profile: pick a role and the server
 * mints a token with the repository's dev key. In the production profile: OpenID Connect (authorization code with PKCE)
 * at the operator's provider, named by {@code OIDC_ISSUER}, {@code OIDC_CLIENT_ID} and {@code OIDC_SCOPES}; there is no
 * token endpoint here then.
 */
@Path(PortalSignInResource.PATH)
@Tag(name = "Portal")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PortalSignInResource {

    static final String PATH = "portal";

    @Inject
    DevTokens devTokens;

    @Inject
    Clock clock;

    /** The identity provider the portal signs in at, in the production profile. */
    public record OidcJson(String issuer, String clientId, String scopes) {
    }

    /** {@code dev} with the roles one may pick, or {@code oidc} with its provider. */
    public record SignInJson(String method, List<String> roles, OidcJson oidc) {
    }

    public record DevTokenRequest(String role, List<String> cpoIds, String clientId) {
    }

    public record TokenJson(String accessToken, String tokenType, long expiresIn) {
    }

    @GET
    @Path("sign-in")
    @Operation(summary = "How the portal signs in: dev (pick a role; dev profile only) or oidc (the operator's OpenID provider)")
    public SignInJson signIn() {
        if (devTokens.enabled()) {
            return new SignInJson("dev", List.of("platform-admin", "cpo-admin", "capacity-provider"), null);
        }
        Config config = ConfigProvider.getConfig();
        return new SignInJson("oidc", List.of(), new OidcJson(config.getOptionalValue("OIDC_ISSUER", String.class).orElse(null),
                config.getOptionalValue("OIDC_CLIENT_ID", String.class).orElse("gridcharge-portal"),
                config.getOptionalValue("OIDC_SCOPES", String.class).orElse("openid")));
    }

    @POST
    @Path("dev-tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dev profile only: a token for a role (cpo-admin with cpo_ids, capacity-provider with client_id), valid 8 hours")
    public Response devToken(DevTokenRequest request) {
        if (!devTokens.enabled()) {
            throw new NotFoundException("endpoint", "portal/dev-tokens");
        }
        if (request == null) {
            throw new org.gridcharge.platform.error.InvalidInputException("role", "is required");
        }
        DevTokens.Minted minted = devTokens.mint(request.role(), request.cpoIds(), request.clientId(), clock.instant());
        return Response.status(Response.Status.CREATED).entity(new TokenJson(minted.token(), "Bearer", DevTokens.LIFETIME.toSeconds()))
                .build();
    }

    /** Whether a request to {@code path} (relative to the API's root) may come without a token. */
    static boolean open(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals(PATH + "/sign-in") || p.equals(PATH + "/dev-tokens");
    }
}
