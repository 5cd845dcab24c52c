package org.gridcharge.platform.security;

import java.util.Optional;

/** The roles a bearer token can carry (its {@code groups} claim). */
public enum Role {
    PLATFORM_ADMIN("platform-admin"),
    CPO_ADMIN("cpo-admin"),
    CAPACITY_PROVIDER("capacity-provider");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    public static Optional<Role> fromClaim(String value) {
        for (Role role : values()) {
            if (role.claimValue.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
