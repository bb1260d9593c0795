package io.wirestream.ingest.source;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.schemas.RawArticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** E-mail and NewsML 1.2 files need nothing from the sources: the sniffer picks their parser (in-memory sink). */
class NewFormatsTransportTest {

    private final List<RawArticle> delivered = new CopyOnWriteArrayList<>();
    private final ArticleSink sink = article -> CompletableFuture.completedFuture(
            new Delivery(article.getStoryId(), article.getVersion(), "t", 0, delivered.size())).whenComplete((d, e) -> delivered.add(article));
    private final Ingestor ingestor = new Ingestor(FormatSniffer.defaults(), sink, null, Duration.ofSeconds(5));

    @Test
    void aHotFolderTakesAnEmailAndANewsMl1FileByTheirContentWhateverTheirNames(@TempDir Path dir) throws Exception {
        HotFolderSource hot = new HotFolderSource(dir, ingestor, ParseContext.of("hot").withClock(Fixtures.CLOCK), null,
                Duration.ofMillis(100), Duration.ZERO);
        Files.write(dir.resolve("release.txt"), Fixtures.bytes("email", "multipart-cp1252-qp.eml"));
        Files.write(dir.resolve("ansa.dat"), Fixtures.bytes("newsml-1", "ansa-two-items-nitf.xml"));

        assertThat(hot.scanOnce()).isEqualTo(2);

        assertThat(delivered).extracting(RawArticle::getFormat).containsExactlyInAnyOrder("email", "newsml-1", "newsml-1");
        assertThat(hot.doneDir().resolve("release.txt")).exists();
        assertThat(hot.doneDir().resolve("ansa.dat")).exists();
    }

    @Test
    void filesAndStdinTakeThemToo(@TempDir Path dir) throws Exception {
        Path kill = dir.resolve("kill.xml");
        Files.write(kill, Fixtures.bytes("newsml-1", "afp-kill.xml"));
        FileSource files = new FileSource(ingestor, ParseContext.of("cli").withClock(Fixtures.CLOCK), null);

        List<Ingestor.Outcome> outcomes = files.ingest(List.of(kill.toString(), "-"),
                new ByteArrayInputStream(Fixtures.bytes("email", "plain-utf8-base64.eml")));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.accepted()).isTrue());
        assertThat(outcomes).extracting(Ingestor.Outcome::format).containsExactly("newsml-1", "email");
    }
}
