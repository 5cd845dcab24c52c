package org.gridcharge.capacity.boundary;

import java.util.List;

/** The body of {@code PUT .../capacity-profile}: a type and the periods, replacing any earlier profile. */
public record ProfileDraft(String type, List<PeriodDraft> periods) {
}
