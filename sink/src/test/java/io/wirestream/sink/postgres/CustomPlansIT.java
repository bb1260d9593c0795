package io.wirestream.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.sink.testutil.Postgres;
import java.sql.Connection;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The session setting against the real PostgreSQL (12 and later have it). */
class CustomPlansIT {

    @Test
    void theSessionPlansEveryRunForItsOwnParameters() throws Exception {
        Properties props = new Properties();
        props.setProperty("user", Postgres.USER);
        try (Connection c = PostgresWriter.connect(Postgres.URL, props)) {
            assertThat(CustomPlans.force(c)).isTrue();
            try (var rs = c.createStatement().executeQuery("SHOW plan_cache_mode")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("force_custom_plan");
            }
        }
    }
}
