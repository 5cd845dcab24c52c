package org.gridcharge.group.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gridcharge.group.boundary.GroupFilter;
import org.gridcharge.group.boundary.GroupFilter.Key;
import org.gridcharge.group.boundary.GroupFilter.Sort;
import org.gridcharge.group.boundary.Management;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.CapacityUnit;
import org.junit.jupiter.api.Test;

class GroupQueryTest {

    private static GroupFilter all(List<Sort> sort) {
        return new GroupFilter(null, null, null, sort, 0, 10);
    }

    @Test
    void noFilterAndNoScopeSelectsEveryGroupInIdOrder() {
        GroupQuery q = GroupQuery.of(all(null), GroupQuery.Scope.everything());
        assertEquals("SELECT g FROM SmartChargingGroup g ORDER BY g.groupId ASC", q.select());
        assertEquals("SELECT COUNT(g) FROM SmartChargingGroup g", q.count());
        assertEquals(Map.of(), q.parameters());
    }

    @Test
    void theScopeAndEveryFilterAreConditionsWithParameters() {
        GroupQuery q = GroupQuery.of(new GroupFilter("Roof", List.of("NL*A"), Management.WATTS, null, 0, 10),
                new GroupQuery.Scope(List.of("NL*A", "NL*B"), null));
        assertEquals("SELECT COUNT(g) FROM SmartChargingGroup g WHERE g.cpoId IN :visibleCpoIds AND g.name LIKE :namePrefix ESCAPE '!'"
                + " AND g.cpoId IN :cpoIds AND g.algorithm <> :none AND g.algorithm <> :timeOfUse AND g.capacityUnit = :unit", q.count());
        assertEquals(List.of("NL*A", "NL*B"), q.parameters().get("visibleCpoIds"));
        assertEquals("Roof%", q.parameters().get("namePrefix"));
        assertEquals(Algorithm.NONE, q.parameters().get("none"));
        assertEquals(CapacityUnit.W, q.parameters().get("unit"));
        assertTrue(q.select().startsWith("SELECT g FROM SmartChargingGroup g WHERE "), q.select());
    }

    @Test
    void unmanagedGroupsAreThoseWithoutAlgorithmWhateverTheirUnit() {
        GroupQuery q = GroupQuery.of(new GroupFilter(null, null, Management.UNMANAGED, null, 0, 10),
                new GroupQuery.Scope(null, "dso-1"));
        assertEquals("SELECT COUNT(g) FROM SmartChargingGroup g WHERE g.groupId IN (SELECT tg.groupId FROM GroupGrant tg WHERE"
                + " tg.clientId = :grantedTo) AND g.algorithm = :none", q.count());
        assertEquals("dso-1", q.parameters().get("grantedTo"));
        assertFalse(q.parameters().containsKey("unit"));
    }

    @Test
    void aNamePrefixMatchesItsWildcardsLiterally() {
        assertEquals("50!%!_off!!%", GroupQuery.likePrefix("50%_off!"));
    }

    @Test
    void sortKeysApplyInTheOrderGivenAndTiesFallBackToTheId() {
        assertEquals("g.cpoId DESC, g.name ASC, g.groupId ASC", GroupQuery.orderBy(List.of(new Sort(Key.CPO_ID, true),
                new Sort(Key.NAME, false))));
        assertEquals("g.groupId DESC", GroupQuery.orderBy(List.of(new Sort(Key.ID, true))), "the id is unique: no tie to break");
    }

    @Test
    void managementSortsInTheOrderTheEnumDeclares() {
        String order = GroupQuery.orderBy(List.of(new Sort(Key.MANAGEMENT, false)));
        assertEquals("CASE WHEN g.algorithm = org.gridcharge.group.entity.Algorithm.NONE THEN 3"
                + " WHEN g.algorithm = org.gridcharge.group.entity.Algorithm.TIME_OF_USE THEN 2"
                + " WHEN g.capacityUnit = org.gridcharge.group.entity.CapacityUnit.W THEN 0 ELSE 1 END ASC, g.groupId ASC", order);
        assertEquals(List.of(Management.WATTS, Management.AMPERES, Management.TIME_OF_USE, Management.UNMANAGED),
                List.of(Management.values()));
    }

    @Test
    void aPageOutsideTheLimitsIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new GroupFilter(null, null, null, null, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new GroupFilter(null, null, null, null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new GroupFilter(null, null, null, null, 0, GroupFilter.MAX_LIMIT + 1));
    }
}
