package io.wirestream.cli.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything one {@code wirestream bench} run needs.
 *
 * @param articles      stories to send and measure
 * @param warmup        stories per warm-up round, sent and waited for before measuring (JIT, schema registration,
 *                      Streams start-up)
 * @param warmupMax     keep warming up in rounds until the JIT compilers are quiet, at most this long; zero for one round
 * @param ratePerSecond target send rate; 0 sends as fast as the publisher takes them
 * @param partitions    partitions of the pipeline's topics
 * @param seedsDir      folder with plain-text seed stories used as templates besides the built-in ones, or null
 * @param seed          seed of the synthetic corpus
 * @param dataDir       where the pipeline keeps its data; null for a temporary folder deleted after the run
 * @param postgresUrl   JDBC URL for the PostgreSQL sink, or null for the JSON Lines sink alone
 * @param timeout       give up when the run (after start-up) takes longer than this
 * @param baseline      before the measured run, measure the raw ceiling for the same bytes on the same broker
 */
public record BenchSettings(
    int articles,
    int warmup,
    double ratePerSecond,
    int partitions,
    Path seedsDir,
    long seed,
    Path dataDir,
    String postgresUrl,
    String postgresUser,
    String postgresPassword,
    String postgresSchema,
    Duration timeout,
    boolean baseline,
    Duration warmupMax) {

    public BenchSettings {
        if (articles < 1) {
            throw new IllegalArgumentException("articles must be at least 1");
        }
        if (warmup < 0 || ratePerSecond < 0 || partitions < 1 || warmupMax.isNegative()) {
            throw new IllegalArgumentException("warm-up, its longest time and rate must not be negative, partitions at least 1");
        }
    }
}
