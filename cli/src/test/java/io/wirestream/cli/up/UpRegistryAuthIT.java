package io.wirestream.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirestream up --registry-auth}: the embedded registry answers 401 to a client without the credentials, and
 * every client up starts (ingest's serializer, enrich's serdes, the Connect worker's Avro converter, the desk) presents
 * them, so a story still goes all the way to the JSON Lines sink and the desk.
 */
class UpRegistryAuthIT {

    private static final String SEED_ID = "wirestream:russia-expressed-concerns-about-japan-s-plan-to-deploy-the-d1ede3b2db6c93fd";

    @Test
    void theLockedRegistryRefusesAClientWithoutCredentialsAndUpsOwnClientsGetThrough(@TempDir Path work) throws Exception {
        Path authFile = work.resolve("registry.properties");
        RegistryAuthFile.create(authFile);
        Password userInfo = RegistryAuthFile.userInfo(authFile, io.wirestream.cli.ClientProperties.load(authFile).all());
        UpSettings settings = new UpSettings(work.resolve("data"), work.resolve("inbox"), work.resolve("out"), List.of(),
            0, 0, 0, 0, 1, null, null, null, null, null, Duration.ofMinutes(2), userInfo);
        List<String> progress = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        try (LocalPipeline pipeline = LocalPipeline.start(settings, progress::add)) {
            assertThat(progress).anyMatch(line -> line.contains("schema registry (basic auth required)"));
            URI subjects = URI.create(pipeline.registryUrl() + "/subjects");
            assertThat(http.send(HttpRequest.newBuilder(subjects).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no credentials").isEqualTo(401);
            String wrong = "Basic " + Base64.getEncoder().encodeToString("wirestream:not-it".getBytes(StandardCharsets.UTF_8));
            assertThat(http.send(HttpRequest.newBuilder(subjects).header("Authorization", wrong).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("wrong password").isEqualTo(401);
            String right = "Basic " + Base64.getEncoder().encodeToString(userInfo.value().getBytes(StandardCharsets.UTF_8));
            assertThat(http.send(HttpRequest.newBuilder(subjects).header("Authorization", right).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the file's credentials").isEqualTo(200);

            LocalIngest ingest = pipeline.own(new LocalIngest(pipeline.bootstrapServers(), pipeline.registryUrl(),
                pipeline.registryClientProps(), pipeline.topics().raw()));
            assertThat(ingest.ingest(List.of(Path.of("..", "seeds", "000_22ebd5df95e2d1f5.txt")), System.in))
                .allMatch(io.wirestream.ingest.source.Ingestor.Outcome::accepted);

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(pipeline.sinkFailure()).isNull();
                assertThat(jsonLines(settings.outDir())).as("the story in the JSON Lines sink").contains(SEED_ID);
            });
            assertThat(EnrichedLog.read(pipeline.bootstrapServers(), pipeline.serdeConfig(), pipeline.topics().enriched()).latest())
                .containsKey(SEED_ID);
            URI story = URI.create(pipeline.deskUrl() + "v1/stories/" + java.net.URLEncoder.encode(SEED_ID, StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                http.send(HttpRequest.newBuilder(story).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("the desk decoded the story").isEqualTo(200));
        }
    }

    private static String jsonLines(Path out) throws java.io.IOException {
        if (!Files.isDirectory(out)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
