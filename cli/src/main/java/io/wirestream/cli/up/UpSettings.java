package io.wirestream.cli.up;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.types.Password;

/**
 * Everything {@code wirestream up} needs to know. Ports of 0 mean "any free port"; the defaults are the usual ones
 * (Kafka 9092, registry 8081, ingest HTTP 8080, dashboard 8090) so a person can find things where they expect them.
 *
 * @param postgresUrl JDBC URL of PostgreSQL for the PostgreSQL sink, or null for the JSON Lines sink alone
 * @param registryUserInfo {@code USER:PASSWORD} the embedded registry requires (basic auth) of every client, which
 *     {@code up} then gives every client it creates; null for an open registry. A {@link Password}, so it never
 *     shows in a log or {@code toString()}.
 */
public record UpSettings(
    Path dataDir,
    Path inbox,
    Path outDir,
    List<Path> inputs,
    int kafkaPort,
    int registryPort,
    int httpPort,
    int dashboardPort,
    int partitions,
    Path taxonomy,
    String postgresUrl,
    String postgresUser,
    String postgresPassword,
    String postgresSchema,
    Duration timeout,
    Password registryUserInfo) {

    /** An open registry (no basic auth). */
    public UpSettings(Path dataDir, Path inbox, Path outDir, List<Path> inputs, int kafkaPort, int registryPort, int httpPort,
                      int dashboardPort, int partitions, Path taxonomy, String postgresUrl, String postgresUser,
                      String postgresPassword, String postgresSchema, Duration timeout) {
        this(dataDir, inbox, outDir, inputs, kafkaPort, registryPort, httpPort, dashboardPort, partitions, taxonomy, postgresUrl,
            postgresUser, postgresPassword, postgresSchema, timeout, null);
    }
}
