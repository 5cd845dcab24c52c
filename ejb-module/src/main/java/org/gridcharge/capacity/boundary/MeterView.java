package org.gridcharge.capacity.boundary;

import java.time.Instant;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.capacity.entity.GroupMeter;

/**
 * A group's site meter as it stands: its settings (never its password), the capacity it gives now, whether it is stale
 * (silent for longer than its stale time, so the fallback applies), and what it has read and refused.
 *
 * @param active     whether the group takes its capacity from it (capacity_update_method EXTERNALMETER)
 * @param capacity   the capacity it gives per phase now
 * @param riseDueAt  when more room, if it holds, is taken into the capacity; null when none is waiting
 */
public record MeterView(GroupMeter meter, double fallbackCapacity, boolean active, boolean stale, PerPhase capacity, Instant riseDueAt) {
}
