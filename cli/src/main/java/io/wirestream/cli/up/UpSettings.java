package io.wirestream.cli.up;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code wirestream up} needs to know. Ports of 0 mean "any free port"; the defaults are the usual ones
 * (Kafka 9092, registry 8081, ingest HTTP 8080, dashboard 8090) so a person can find things where they expect them.
 *
 * @param postgresUrl JDBC URL of PostgreSQL for the PostgreSQL sink, or null for the JSON Lines sink alone
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
    Duration timeout) {
}
