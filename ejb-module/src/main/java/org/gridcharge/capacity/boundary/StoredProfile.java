package org.gridcharge.capacity.boundary;

import java.util.List;
import org.gridcharge.allocation.CapacityPeriod;
import org.gridcharge.capacity.entity.CapacityProfile;

/** A stored profile: its head and its periods in order. */
public record StoredProfile(CapacityProfile head, List<CapacityPeriod> periods) {
}
