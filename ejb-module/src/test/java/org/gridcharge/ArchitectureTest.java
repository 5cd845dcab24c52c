package org.gridcharge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules between components ({@code org.gridcharge.<component>}): no import cycles, the allocation engine
 * and the platform depend on no component, and a component queries and changes only its own entities and tables, in
 * JPQL or native SQL (another component asks its boundary or control). The web and batch modules' adapters are held by
 * their own AdapterRulesTest.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/org/gridcharge");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.gridcharge");
    }

    @Test
    void componentsDependOnEachOtherWithoutCycles() {
        slices().matching("org.gridcharge.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theAllocationEngineIsPureJava() {
        noClasses().that().resideInAPackage("org.gridcharge.allocation..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "org.eclipse..")
                .orShould().dependOnClassesThat().resideOutsideOfPackages("org.gridcharge.allocation..", "java..")
                .check(classes);
    }

    @Test
    void thePlatformDependsOnNoComponent() {
        noClasses().that().resideInAPackage("org.gridcharge.platform..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.gridcharge..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("org.gridcharge.platform..")))
                .check(classes);
    }

    @Test
    void aComponentQueriesOnlyItsOwnEntities() {
        Map<String, String> componentOfEntity = entities();
        Pattern finds = Pattern.compile("em\\.(?:find|getReference)\\((\\w+)\\.class");
        Pattern named = Pattern.compile("createNamedQuery\\(\"(\\w+)\\.");
        // case-insensitive: entity names are what count, so English words after "from" in prose match nothing
        Pattern jpql = Pattern.compile("(?i)\\b(?:FROM|JOIN|UPDATE|INTO)\\s+(\\w+)(?:\\s+(?:AS\\s+)?\\w+)?((?:\\s*,\\s*\\w+\\s+(?:AS\\s+)?\\w+)*)");
        Pattern moreInFrom = Pattern.compile("(?i),\\s*(\\w+)\\s+(?:AS\\s+)?\\w+");
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String component = SOURCES.relativize(file).getName(0).toString();
            String source = read(file);
            List<String> touched = new ArrayList<>();
            collect(finds.matcher(source), touched);
            collect(named.matcher(source), touched);
            Matcher m = jpql.matcher(source);
            while (m.find()) {
                touched.add(m.group(1));
                collect(moreInFrom.matcher(m.group(2) == null ? "" : m.group(2)), touched);
            }
            for (String entity : touched) {
                String owner = componentOfEntity.get(entity);
                if (owner != null && !owner.equals(component)) {
                    violations.add(SOURCES.relativize(file) + " queries " + entity + " of component " + owner);
                }
            }
        }
        assertEquals(List.of(), violations.stream().distinct().toList());
    }

    @Test
    void aComponentChangesOnlyItsOwnEntities() {
        // a method changes an entity when it sets one of the entity's fields, itself or through another method of the
        // entity it calls; another component asks the owner's boundary or control to change it
        List<String> violations = new ArrayList<>();
        EntityWrites writes = new EntityWrites();
        for (JavaClass type : classes) {
            String component = componentOf(type.getPackageName());
            type.getMethodCallsFromSelf().forEach(call -> {
                JavaClass target = call.getTargetOwner();
                if (!componentOf(target.getPackageName()).equals(component) && writes.changesAnEntity(call)) {
                    violations.add(type.getSimpleName() + " (" + component + ") calls " + target.getSimpleName() + "." + call.getName()
                            + " of component " + componentOf(target.getPackageName()));
                }
            });
        }
        assertEquals(List.of(), violations.stream().distinct().sorted().toList());
    }

    private static String componentOf(String packageName) {
        String rest = packageName.startsWith("org.gridcharge.") ? packageName.substring("org.gridcharge.".length()) : packageName;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static void collect(Matcher m, List<String> into) {
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    /**
     * Entity class name, and its table's name (native SQL counts too), to the component that owns it.
     */
    private static Map<String, String> entities() {
        Map<String, String> owners = new HashMap<>();
        Pattern table = Pattern.compile("@Table\\(name\\s*=\\s*\"(\\w+)\"");
        for (Path file : javaFiles()) {
            String source = read(file);
            if (source.contains("@Entity")) {
                String component = SOURCES.relativize(file).getName(0).toString();
                owners.put(file.getFileName().toString().replace(".java", ""), component);
                Matcher m = table.matcher(source);
                if (m.find()) {
                    owners.put(m.group(1), component);
                }
            }
        }
        return owners;
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
