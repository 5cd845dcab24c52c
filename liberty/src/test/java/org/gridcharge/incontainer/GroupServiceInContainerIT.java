package org.gridcharge.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJB;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.evse.boundary.EvseDraft;
import org.gridcharge.evse.boundary.EvseService;
import org.gridcharge.evse.entity.PhaseRotation;
import org.gridcharge.group.boundary.AlgorithmChoice;
import org.gridcharge.group.boundary.GroupDraft;
import org.gridcharge.group.boundary.GroupListing;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.platform.security.Role;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The EJB services, JPA mappings and named queries, in the container, on the server's real datasource. */
@ExtendWith(ArquillianExtension.class)
class GroupServiceInContainerIT {

    private static final Caller ADMIN = Caller.platformAdmin("in-container-test");

    @Deployment
    static WebArchive deployment() {
        return InContainerDeployment.withTests(GroupServiceInContainerIT.class);
    }

    @EJB
    CpoService cpos;

    @EJB
    EvseService evses;

    @EJB
    GroupService groups;

    private String cpo() {
        String cpoId = "IC*" + UUID.randomUUID().toString().substring(0, 8);
        cpos.create(ADMIN, cpoId, "In-container CPO");
        return cpoId;
    }

    private String evse(String cpoId, int phases, String rotation) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return evses.create(ADMIN, new EvseDraft("NL*ICX*E" + suffix, cpoId, "IC-" + suffix, 1, 16.0, phases, rotation, null, null)).evseId();
    }

    @Test
    void aGroupAndItsEvsesRoundTripThroughTheDatabase() {
        String cpoId = cpo();
        String a = evse(cpoId, 1, "L3");
        String b = evse(cpoId, 3, "STR");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SmartChargingGroup created = groups.create(ADMIN, new GroupDraft(cpoId, "Round trip",
                new AlgorithmChoice("priority", Map.of("min_current_amps", 10)), 48.5, List.of(a, b), null, null, null));

        SmartChargingGroup read = groups.get(ADMIN, created.groupId());
        assertEquals(Algorithm.PRIORITY, read.algorithm());
        assertEquals(Map.of("min_current_amps", 10.0, "redistribution_margin_amps", 1.0, "max_priority_sessions", 100_000.0,
                        "session_started_seconds", 0.0),
                read.algorithmParameters());
        assertEquals(48.5, read.defaultCapacity());
        assertEquals(created.createdAt(), read.createdAt(), "instants survive the database unchanged");
        assertTrue(!read.createdAt().isBefore(before));
        assertEquals(PhaseRotation.L3, evses.get(ADMIN, a).phaseRotation());
        assertEquals(PhaseRotation.STR, evses.get(ADMIN, b).phaseRotation());
        assertEquals(Map.of(created.groupId(), 2L), groups.evseCounts(List.of(created.groupId())));
    }

    @Test
    void theLastEvseRuleHoldsAndRollsBack() {
        String cpoId = cpo();
        String a = evse(cpoId, 3, null);
        String b = evse(cpoId, 3, null);
        String groupId = groups.create(ADMIN, new GroupDraft(cpoId, "Two", new AlgorithmChoice("equal_share", null), 32.0,
                List.of(a, b), null, null, null)).groupId();
        groups.removeEvse(ADMIN, groupId, a);
        ConflictException refused = assertThrows(ConflictException.class, () -> groups.removeEvse(ADMIN, groupId, b));
        assertTrue(refused.getMessage().contains("last EVSE"));
        assertThrows(ConflictException.class, () -> evses.delete(ADMIN, b));
        assertEquals(groupId, evses.get(ADMIN, b).groupId());
        assertEquals(null, evses.get(ADMIN, a).groupId());
    }

    @Test
    void namedQueriesFilterByCpoAndByGrant() {
        String mine = cpo();
        String other = cpo();
        String mineGroup = groups.create(ADMIN, new GroupDraft(mine, "Mine", new AlgorithmChoice("equal_share", null), 32.0,
                List.of(evse(mine, 1, null)), null, null, null)).groupId();
        String otherGroup = groups.create(ADMIN, new GroupDraft(other, "Other", new AlgorithmChoice("first_come_first_served", null),
                32.0, List.of(evse(other, 1, null)), null, null, null)).groupId();

        Caller cpoAdmin = new Caller("ic-cpo", Set.of(Role.CPO_ADMIN), Set.of(mine), null);
        Page<SmartChargingGroup> visible = groups.list(cpoAdmin, GroupListing.ALL, Page.Request.of(null, "500"));
        assertEquals(List.of(mineGroup), visible.items().stream().map(SmartChargingGroup::groupId).toList());

        String client = "ic-" + UUID.randomUUID().toString().substring(0, 8);
        groups.grant(ADMIN, otherGroup, client);
        Caller provider = new Caller("ic-provider", Set.of(Role.CAPACITY_PROVIDER), Set.of(), client);
        Page<SmartChargingGroup> granted = groups.list(provider, GroupListing.ALL, Page.Request.of(null, null));
        assertEquals(1, granted.total());
        assertEquals(otherGroup, granted.items().get(0).groupId());
    }
}
