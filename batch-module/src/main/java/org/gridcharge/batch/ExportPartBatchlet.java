package org.gridcharge.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.time.Instant;
import org.gridcharge.export.boundary.ExportService;

/** Streams one group's allocation rows into its part file. */
@Named("exportPartBatchlet")
@Dependent
public class ExportPartBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty(name = "groupId")
    String groupId;

    @Inject
    @BatchProperty(name = "part")
    String part;

    @Inject
    @BatchProperty(name = "from")
    String from;

    @Inject
    @BatchProperty(name = "to")
    String to;

    @Inject
    @BatchProperty(name = "format")
    String format;

    @Inject
    ExportService exports;

    @Override
    public String process() throws Exception {
        int rows = exports.writePart(groupId, Instant.parse(from), Instant.parse(to), format, Path.of(part));
        return "EXPORTED " + rows;
    }
}
