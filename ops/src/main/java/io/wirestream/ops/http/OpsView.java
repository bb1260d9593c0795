package io.wirestream.ops.http;

import io.wirestream.ops.alert.AlertState;
import io.wirestream.ops.history.OpsHistory;
import io.wirestream.ops.lag.LagSnapshot;
import io.wirestream.ops.pipeline.PipelineSnapshot;
import java.time.Duration;
import java.util.Map;

/** What the HTTP server shows; {@link io.wirestream.ops.OpsService} provides it. */
public interface OpsView {

    LagSnapshot lag();

    Map<String, AlertState> alerts();

    PipelineSnapshot pipeline();

    OpsHistory history();

    /** The status window, for the dashboard's legend. */
    Duration window();

    /** How often the data changes, so the dashboard refreshes at that pace. */
    Duration pollInterval();

    /** The {@code /metrics} body. */
    String metricsText();
}
