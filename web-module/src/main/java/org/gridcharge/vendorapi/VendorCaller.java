package org.gridcharge.vendorapi;

import jakarta.enterprise.context.RequestScoped;
import org.gridcharge.platform.security.Caller;

/** The caller of the current vendor-API request, as {@link VendorAuthentication} found it. */
@RequestScoped
public class VendorCaller {

    private Caller caller;

    void set(Caller verified) {
        this.caller = verified;
    }

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("the request was not authenticated");
        }
        return caller;
    }
}
