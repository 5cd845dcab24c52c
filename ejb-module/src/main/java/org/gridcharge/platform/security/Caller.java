package org.gridcharge.platform.security;

import org.gridcharge.platform.error.AccessDeniedException;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: the subject, its roles, the CPOs a {@code cpo-admin} manages and the client id
 * of a {@code capacity-provider}. Built by the web tier from the bearer token; every service
 * method takes one and decides visibility with it, so tenancy is enforced in one layer.
 */
public record Caller(String subject, Set<Role> roles, Set<String> cpoIds, String clientId) {

    public Caller {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
        cpoIds = Set.copyOf(cpoIds);
    }

    public static Caller platformAdmin(String subject) {
        return new Caller(subject, Set.of(Role.PLATFORM_ADMIN), Set.of(), null);
    }

    public boolean isPlatformAdmin() {
        return roles.contains(Role.PLATFORM_ADMIN);
    }

    public boolean isCpoAdmin() {
        return roles.contains(Role.CPO_ADMIN);
    }

    public boolean isCapacityProvider() {
        return roles.contains(Role.CAPACITY_PROVIDER) && clientId != null;
    }

    /** May this caller create, change and delete the CPO's EVSEs, groups and grants? */
    public boolean manages(String cpoId) {
        return isPlatformAdmin() || (isCpoAdmin() && cpoIds.contains(cpoId));
    }

    /** Refuses, with 403, a caller whose role cannot manage any CPO data at all. */
    public void requireManagerRole() {
        if (!isPlatformAdmin() && !isCpoAdmin()) {
            throw new AccessDeniedException("this operation needs the role platform-admin or cpo-admin");
        }
    }

    public void requirePlatformAdmin() {
        if (!isPlatformAdmin()) {
            throw new AccessDeniedException("this operation needs the role platform-admin");
        }
    }
}
