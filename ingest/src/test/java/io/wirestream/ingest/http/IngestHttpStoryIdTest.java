package io.wirestream.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.source.ArticleSink;
import io.wirestream.ingest.source.Delivery;
import io.wirestream.ingest.source.Ingestor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Story ids and warnings over HTTP: the transport may name a story; otherwise the copy keys itself the same way everywhere. */
class IngestHttpStoryIdTest {

    private static final Path SEED = Path.of("..", "seeds", "000_22ebd5df95e2d1f5.txt");
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private IngestHttpServer server;

    @BeforeEach
    void start() throws Exception {
        ArticleSink sink = article -> CompletableFuture.completedFuture(
                new Delivery(article.getStoryId(), article.getVersion(), "news.raw", 0, 7));
        server = new IngestHttpServer(new InetSocketAddress("127.0.0.1", 0),
                new Ingestor(FormatSniffer.defaults(), sink, null, Duration.ofSeconds(5)), ParseContext.of("http"), null).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String query, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/articles" + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSeedGetsOneIdByHotFolderFileNameAndByPlainPost() throws Exception {
        byte[] seed = Files.readAllBytes(SEED);
        String fromFolder = FormatSniffer.defaults().parse(seed, ParseContext.of(SEED.toString()), null).articles().get(0).getStoryId();

        JsonNode plain = json.readTree(post("", seed).body());
        JsonNode named = json.readTree(post("?filename=000_22ebd5df95e2d1f5.txt", seed).body());
        JsonNode disposed = json.readTree(post("", seed, "Content-Disposition", "attachment; filename=\"in/000_22ebd5df95e2d1f5.txt\"").body());

        assertThat(plain.get("id").asText()).isEqualTo(fromFolder).doesNotContain("000_22ebd5df95e2d1f5");
        assertThat(named.get("id").asText()).isEqualTo(fromFolder);
        assertThat(disposed.get("id").asText()).isEqualTo(fromFolder);
    }

    @Test
    void anIdGivenByHeaderOrQueryNamesTheStory() throws Exception {
        byte[] seed = Files.readAllBytes(SEED);
        HttpResponse<String> byHeader = post("", seed, "X-Story-Id", "desk:seed-1");
        HttpResponse<String> byQuery = post("?id=desk:seed-2", seed);

        assertThat(byHeader.statusCode()).isEqualTo(202);
        assertThat(json.readTree(byHeader.body()).get("id").asText()).isEqualTo("desk:seed-1");
        assertThat(json.readTree(byQuery.body()).get("id").asText()).isEqualTo("desk:seed-2");
    }

    @Test
    void anOverlongGivenIdIsA400ThatSaysSo() throws Exception {
        HttpResponse<String> response = post("", Files.readAllBytes(SEED), "X-Story-Id", "x".repeat(600));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("error").asText()).contains("longer than 512");
    }

    @Test
    void whatWasReadLenientlyComesBackAsWarningsInThe202() throws Exception {
        byte[] latin = "M\u00fcller wins \u00a3 5 prize\n\nBERLIN -- Anna M\u00fcller won the \u20ac5 prize \u2013 a first.\n"
                .getBytes(Charset.forName("windows-1252"));

        HttpResponse<String> response = post("", latin);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode warnings = json.readTree(response.body()).get("warnings");
        assertThat(warnings).isNotEmpty();
        assertThat(warnings.findValuesAsText("kind")).contains("charset-fallback");
    }

    @Test
    void aContentDispositionFileNameIsReadWithoutItsPath() {
        assertThat(IngestHttpServer.dispositionFilename("attachment; filename=\"a/b/dpa.iptc\"")).isEqualTo("dpa.iptc");
        assertThat(IngestHttpServer.dispositionFilename("inline;filename=story.xml")).isEqualTo("story.xml");
        assertThat(IngestHttpServer.dispositionFilename("attachment")).isNull();
        assertThat(IngestHttpServer.dispositionFilename(null)).isNull();
    }
}
