package io.wirestream.sink.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a connection plan every execution of the sink's statements for its own parameters ({@code plan_cache_mode =
 * force_custom_plan}, PostgreSQL 12 and later) instead of settling on a generic plan.
 *
 * <p>The sink looks rows up by a batch of story ids ({@code story_id = ANY(?)}) in its reads of stored versions and its
 * deletes of child rows. The driver prepares them on the server after five runs, and PostgreSQL then keeps a generic
 * plan when it costs no more than the custom ones so far. On tables created moments before and never analysed
 * (autovacuum off, or not yet run) those first runs see a few rows, so the generic plan is a sequential scan, and it
 * stays cached as the tables grow: every batch then read each table whole. In the bench that was one sequential scan
 * of each table per batch (2.8 million article rows and 37 million entity rows read for 45,000 stories) and 93-308
 * stories/s committed by the sink (sink/README.md, "Custom plans"). A custom plan sees the batch's ids and the table's
 * current size, and takes the primary key's index; planning these short statements costs far less than one scan.
 */
final class CustomPlans {

    private CustomPlans() {
    }

    /**
     * Sets {@code force_custom_plan} for this session where the server has the setting; returns whether it did. Must
     * run outside a transaction (in auto-commit), so that a later rollback does not undo it.
     */
    static boolean force(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_settings WHERE name = 'plan_cache_mode'")) {
                if (!rs.next()) {
                    return false; // before PostgreSQL 12: no such setting; generic plans are chosen the same way
                }
            }
            st.execute("SET plan_cache_mode = force_custom_plan");
            return true;
        }
    }
}
