package org.gridcharge.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.gridcharge.job.control.Jobs;
import org.gridcharge.export.boundary.ExportService;

/** Joins the part files, in the order of the groups, into the export file; counts its rows. */
@Named("exportAssembleBatchlet")
@Dependent
public class ExportAssembleBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty(name = "groupIds")
    String groupIds;

    @Inject
    @BatchProperty(name = "file")
    String file;

    @Inject
    @BatchProperty(name = "format")
    String format;

    @Inject
    @BatchProperty(name = "gzip")
    String gzip;

    @Inject
    JobContext job;

    @Inject
    ExportService exports;

    @Override
    public String process() throws Exception {
        int parts = groupIds.split(",").length;
        int rows = 0;
        Path target = Path.of(file);
        Path partial = Path.of(file + ".assembling");
        try (OutputStream raw = new java.io.BufferedOutputStream(Files.newOutputStream(partial), 64 * 1024);
             OutputStream out = "true".equals(gzip) ? new GZIPOutputStream(raw, 64 * 1024) : raw) {
            if ("csv".equals(format)) {
                out.write((ExportService.CSV_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < parts; i++) {
                Path part = Path.of(ExportPartitionMapper.partFile(file, i));
                try (BufferedReader lines = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        rows++;
                    }
                }
            }
        }
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (int i = 0; i < parts; i++) {
            Files.deleteIfExists(Path.of(ExportPartitionMapper.partFile(file, i)));
        }
        exports.exported(Jobs.jobIdOf(job.getProperties(), job.getInstanceId()), rows);
        return "ROWS " + rows;
    }
}
