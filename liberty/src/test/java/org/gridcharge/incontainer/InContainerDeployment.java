package org.gridcharge.incontainer;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridcharge.group.boundary.GroupService;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the archive Arquillian deploys into the running server: the real EJB module (entities,
 * services, migrations, persistence unit on jdbc/gridcharge) with its libraries (Flyway, Paho), plus the tests.
 * Nothing is listed class by class.
 */
final class InContainerDeployment {

    private InContainerDeployment() {
    }

    static WebArchive withTests(Class<?>... testClasses) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "gridcharge-incontainer.war")
                .addClasses(testClasses)
                .addAsLibrary(ejbModule())
                .addAsLibrary(batchModule());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.endsWith(".jar") && (name.startsWith("flyway-") || name.startsWith("jackson-") || name.startsWith("org.eclipse.paho"))) {
                war.addAsLibrary(new File(entry));
            }
        }
        return war;
    }

    private static JavaArchive ejbModule() {
        return module(GroupService.class, "ejb-module.jar");
    }

    /** The batch jobs (job XML and artifacts). */
    private static JavaArchive batchModule() {
        return module(org.gridcharge.batch.Csv.class, "batch-module.jar");
    }

    private static JavaArchive module(Class<?> member, String name) {
        try {
            Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(location.toFile()).as(JavaArchive.class);
            }
            return ShrinkWrap.createFromZipFile(JavaArchive.class, location.toFile());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
