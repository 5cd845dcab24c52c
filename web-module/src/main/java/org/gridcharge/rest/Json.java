package org.gridcharge.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gridcharge.cpo.entity.Cpo;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.tenancy.entity.GroupGrant;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.paging.Page;

/** The API's JSON representations (serialised in snake_case). */
public final class Json {

    private Json() {
    }

    public record PageJson<T>(List<T> items, int offset, int limit, long total) {
        static <S, T> PageJson<T> of(Page<S> page, java.util.function.Function<S, T> mapper) {
            return new PageJson<>(page.items().stream().map(mapper).toList(), page.offset(), page.limit(), page.total());
        }
    }

    public record CpoDraft(String cpoId, String name) {
    }

    public record CpoJson(String cpoId, String name, Instant createdAt) {
        static CpoJson of(Cpo cpo) {
            return new CpoJson(cpo.cpoId(), cpo.name(), cpo.createdAt());
        }
    }

    public record EvseJson(String evseId, String uid, String cpoId, String chargeStationId, int connectorId, double maxCurrentAmps,
                           int phases, String phaseRotation, Double maxPowerWatts, String groupId, Instant createdAt) {
        static EvseJson of(Evse e) {
            return new EvseJson(e.evseId(), e.uid(), e.cpoId(), e.chargeStationId(), e.connectorId(), e.maxCurrentAmps(), e.phases(),
                    e.phaseRotation().name(), e.maxPowerWatts(), e.groupId(), e.createdAt());
        }
    }

    public record AlgorithmJson(String name, Map<String, Double> parameters) {
    }

    /** {@code incomplete}: the group holds no EVSE yet (made through the vendor's API) and is not allocated. */
    /**
     * A group; {@code evse_count} counts its own EVSEs, and it is {@code incomplete} (not allocated) while neither it nor a
     * group below it holds one. {@code capacity_source} says where its capacity comes from now: {@code default},
     * {@code api}, {@code parent_group}, {@code file}, {@code meter}, or {@code meter_stale} while its meter is silent and
     * its fallback applies. {@code has_children}: groups you see hang under it (list them with {@code ?parent_group_id=});
     * {@code parent_group_id} is named only if you see that group.
     */
    public record GroupJson(String groupId, String cpoId, String name, String remarks, AlgorithmJson algorithm, double defaultCapacityAmps,
                            String capacityUnit, String capacityUpdateMethod, String capacitySource, long evseCount, boolean incomplete,
                            Instant createdAt, String parentGroupId, String parentPhaseRotation, boolean hasChildren) {
        /**
         * @param hasChildren     groups hang under it (it is complete without EVSEs of its own)
         * @param childrenSeen    groups the caller sees hang under it
         * @param parentSeen      the caller sees its parent; if not, the parent is not named
         */
        static GroupJson of(SmartChargingGroup g, long evseCount, boolean hasChildren, boolean childrenSeen, boolean parentSeen,
                            String capacitySource) {
            return new GroupJson(g.groupId(), g.cpoId(), g.name(), g.remarks(), new AlgorithmJson(g.algorithm().apiName(),
                    g.algorithmParameters()), g.defaultCapacity(), g.capacityUnit().name(), g.capacityUpdateMethod().name(), capacitySource,
                    evseCount, evseCount == 0 && !hasChildren, g.createdAt(), parentSeen ? g.parentGroupId() : null,
                    parentSeen ? g.parentPhaseRotation() : null, childrenSeen);
        }
    }

    public record GrantJson(String groupId, String clientId, Instant grantedAt, String grantedBy) {
        static GrantJson of(GroupGrant g) {
            return new GrantJson(g.groupId(), g.clientId(), g.grantedAt(), g.grantedBy());
        }
    }
}
