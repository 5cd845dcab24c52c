package org.gridcharge.rest;

/** Role names as they appear in the token's {@code groups} claim and in {@code @RolesAllowed}. */
public final class Roles {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String CPO_ADMIN = "cpo-admin";
    public static final String CAPACITY_PROVIDER = "capacity-provider";

    private Roles() {
    }
}
