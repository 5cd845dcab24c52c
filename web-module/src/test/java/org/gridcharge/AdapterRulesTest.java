package org.gridcharge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapters of the web module (REST, the vendor API, OCPP's WebSocket edge, health) and of the batch module (the
 * jobs' readers, writers and batchlets) only translate: they neither query nor change entities themselves, but ask the
 * components' boundaries in the EJB module. (The web module sees the batch module's classes, so both are held here.)
 */
class AdapterRulesTest {

    private static final String[] ADAPTERS = {"org.gridcharge.rest..", "org.gridcharge.vendorapi..", "org.gridcharge.health..",
        "org.gridcharge.ocpp.websocket..", "org.gridcharge.batch.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.gridcharge");
    }

    @Test
    void adaptersQueryNoEntities() {
        noClasses().that().resideInAnyPackage(ADAPTERS).should().dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.persistence.EntityManager").orShould().dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.persistence.Query").orShould().dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.persistence.TypedQuery").orShould().dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.persistence.PersistenceContext").check(classes);
    }

    @Test
    void adaptersChangeNoEntities() {
        // a call changes an entity when the entity's method sets one of its fields (EntityWrites, shared with the EJB module)
        List<String> violations = new ArrayList<>();
        EntityWrites writes = new EntityWrites();
        for (JavaClass type : classes.that(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(ADAPTERS))) {
            type.getMethodCallsFromSelf().forEach(call -> {
                JavaClass target = call.getTargetOwner();
                if (writes.changesAnEntity(call)) {
                    violations.add(type.getSimpleName() + " calls " + target.getSimpleName() + "." + call.getName());
                }
            });
        }
        assertEquals(List.of(), violations.stream().distinct().sorted().toList());
    }
}
