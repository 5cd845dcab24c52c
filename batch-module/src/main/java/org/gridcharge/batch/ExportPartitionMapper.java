package org.gridcharge.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;

/** One partition per group; as many threads as the machine has cores, at most one per group. */
@Named("exportPartitionMapper")
@Dependent
public class ExportPartitionMapper implements PartitionMapper {

    @Inject
    @BatchProperty(name = "groupIds")
    String groupIds;

    @Inject
    @BatchProperty(name = "file")
    String file;


    @Override
    public PartitionPlan mapPartitions() throws Exception {
        String[] groups = groupIds.split(",");
        Properties[] properties = new Properties[groups.length];
        for (int i = 0; i < groups.length; i++) {
            properties[i] = new Properties();
            properties[i].setProperty("groupId", groups[i]);
            properties[i].setProperty("part", partFile(file, i));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(groups.length);
        plan.setThreads(Math.max(1, Math.min(groups.length, Runtime.getRuntime().availableProcessors())));
        plan.setPartitionProperties(properties);
        return plan;
    }

    static String partFile(String file, int index) {
        return file + ".part" + index;
    }
}
