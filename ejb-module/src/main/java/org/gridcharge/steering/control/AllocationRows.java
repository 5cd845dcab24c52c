package org.gridcharge.steering.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The steering component's door for reading allocation data in bulk: one row per record and EVSE, streamed from the
 * database in order (a year of a large group is millions of rows, more than a persistence context should hold).
 * Runs in the caller's transaction, if any.
 */
@ApplicationScoped
public class AllocationRows {

    private static final int FETCH_SIZE = 1000;

    @Resource(lookup = "jdbc/gridcharge")
    DataSource dataSource;

    /**
     * One EVSE's limit in one allocation record.
     *
     * @param capacity  the group's capacity of the record; the allotted fields are per phase; all in the group's unit
     * @param state     the limit's state, upper case as stored
     */
    public record Row(Instant validFrom, String profileType, double capacity, double allottedL1, double allottedL2, double allottedL3,
                      String trigger, String evseId, double limit, String state, boolean priority, String sessionId) {
    }

    /** What takes the rows, one at a time. */
    @FunctionalInterface
    public interface Consumer {
        void accept(Row row) throws IOException;
    }

    /** Hands {@code consumer} the group's rows with valid_from in [from, to), oldest first; returns how many. */
    public int forEach(String groupId, Instant from, Instant to, Consumer consumer) throws IOException, SQLException {
        int rows = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT r.valid_from, r.profile_type, r.capacity_amps, "
                     + "r.allotted_l1_amps, r.allotted_l2_amps, r.allotted_l3_amps, r.trigger_reason, l.evse_id, l.limit_amps, l.state, "
                     + "l.priority, l.session_id FROM allocation_record r JOIN allocation_limit l ON l.record_id = r.record_id "
                     + "WHERE r.group_id = ? AND r.valid_from >= ? AND r.valid_from < ? ORDER BY r.valid_from, r.record_id, l.evse_id")) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setString(1, groupId);
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(new Row(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getDouble(6), rs.getString(7), rs.getString(8), rs.getDouble(9), rs.getString(10),
                            rs.getBoolean(11), rs.getString(12)));
                    rows++;
                }
            }
        }
        return rows;
    }
}
