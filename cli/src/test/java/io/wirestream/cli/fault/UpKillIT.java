package io.wirestream.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirestream.ops.verify.Verifier;
import io.wirestream.ops.verify.VerifyReport;
import io.wirestream.schemas.topic.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's scenario 1 as a test: {@code wirestream up} (broker, registry, enrich, Connect with the JSON Lines and
 * PostgreSQL sinks, hot folder) in a child JVM, SIGKILLed while the 100 files just dropped into its inbox are being
 * processed, then started again on the same data directory, inbox and output: once the inbox is empty, {@code verify}
 * must find every story exactly once in news.enriched (read committed), the JSON Lines files and PostgreSQL.
 */
class UpKillIT {

    static final int FILES = 100;
    /** A bound for each wait, not the expected time: generous because CI machines may be loaded (load 45-69 seen on two cores). */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void upKilledWhileItsInboxIsProcessedAndStartedAgainLeavesEveryStoryOnceInEverySink() throws Exception {
        String schema = "upkill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        int kafka = freePort();
        int registry = freePort();
        HotFolder folder = new HotFolder(work.resolve("inbox"));
        Path out = work.resolve("out");
        Path nothing = Files.createDirectories(work.resolve("no-seeds"));
        List<String> args = new ArrayList<>(List.of("up", nothing.toString(), "--data-dir", work.resolve("data").toString(),
            "--inbox", folder.inbox.toString(), "--out", out.toString(), "--kafka-port", String.valueOf(kafka),
            "--registry-port", String.valueOf(registry), "--http-port", "0", "--dashboard-port", "0",
            "--postgres-url", FaultHarness.POSTGRES_URL, "--postgres-user", "postgres", "--postgres-schema", schema));
        try (ChildJvm children = new ChildJvm(work.resolve("logs"))) {
            ChildJvm.Child up = children.start("up", 768, args);
            ChildJvm.awaitOutput(up, "for new wire copy", TIMEOUT);
            List<String> files = folder.drop(FaultHarness.corpus("up-" + schema.replace("_", "-")), FILES);
            // kill while the folder is being worked through: some files published and in done/, the rest not yet
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> folder.inDone().size() >= FILES / 5);
            FaultHarness.kill(up.process());
            int doneAtKill = folder.inDone().size();

            ChildJvm.Child again = children.start("up", 768, args);
            long restarted = System.nanoTime();
            ChildJvm.awaitOutput(again, "for new wire copy", TIMEOUT);
            System.out.printf("up kill: the restarted up was watching again after %d s%n", (System.nanoTime() - restarted) / 1_000_000_000L);
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> folder.waiting().isEmpty());
            Verifier verifier = new Verifier(new Verifier.Settings("127.0.0.1:" + kafka, "http://127.0.0.1:" + registry,
                Topics.defaults(), out, FaultHarness.POSTGRES_URL, "postgres", null, schema, Duration.ofSeconds(60)));
            VerifyReport report;
            try {
                report = FaultHarness.awaitVerified(verifier, TIMEOUT, 3);
            } catch (AssertionError lost) {
                // the children's logs go with the temporary folder: keep what the transaction repair and Kafka said
                throw new AssertionError(lost.getMessage() + "\nthe restarted up on transactions:\n"
                    + String.join("\n", again.output().lines()
                        .filter(l -> l.contains("Aborted a transaction") || l.contains("HangingTransactions")
                            || l.contains("TransactionMarker") || l.contains("COMPLETE_COMMIT") || l.contains("PREPARE_COMMIT"))
                        .limit(200).toList()), lost);
            }
            System.out.println("up kill (" + doneAtKill + " of " + FILES + " files in done/ at the kill):\n" + report.toText());

            assertThat(doneAtKill).as("killed while the inbox was being processed").isBetween(1, FILES - 1);
            assertThat(folder.inDone()).containsExactlyInAnyOrderElementsOf(files);
            FaultHarness.assertEveryStoryOnce(report, FILES);
        } finally {
            FaultHarness.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
