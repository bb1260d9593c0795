package io.wirestream.ingest.source;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.schemas.RawArticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Hot folder rules with an in-memory sink; the broker round trip is in IngestIT. */
class HotFolderSourceTest {

    private final List<RawArticle> delivered = new CopyOnWriteArrayList<>();
    private final AtomicBoolean brokerDown = new AtomicBoolean();
    private final ArticleSink sink = article -> brokerDown.get()
            ? CompletableFuture.failedFuture(new IllegalStateException("broker unavailable"))
            : CompletableFuture.completedFuture(new Delivery(article.getStoryId(), article.getVersion(), "t", 0, delivered.size()))
                    .whenComplete((d, e) -> delivered.add(article));

    private HotFolderSource folder(Path dir, Duration stableFor) throws IOException {
        return new HotFolderSource(dir, new Ingestor(FormatSniffer.defaults(), sink, null, Duration.ofSeconds(5)),
                ParseContext.of("hot").withClock(Fixtures.CLOCK), null, Duration.ofMillis(100), stableFor);
    }

    @Test
    void aSubDirectoryAndADanglingLinkAreEachLoggedOnceAndLeftAlone(@TempDir Path dir) throws Exception {
        HotFolderSource hot = folder(dir, Duration.ZERO);
        Files.createDirectory(dir.resolve("nested"));
        Files.createSymbolicLink(dir.resolve("gone.xml"), dir.resolve("no-such-file.xml"));
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(HotFolderSource.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            assertThat(hot.scanOnce()).isZero();
            assertThat(hot.scanOnce()).isZero();
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).containsExactlyInAnyOrder(
            "nested in " + dir + " is a directory (sub-directories are not read); it is left where it is and not ingested",
            "gone.xml in " + dir + " is a symbolic link to nothing; it is left where it is and not ingested");
        assertThat(dir.resolve("nested")).isDirectory();
        assertThat(Files.isSymbolicLink(dir.resolve("gone.xml"))).isTrue();
    }

    @Test
    void partialFilesAreIgnoredUntilRenamed(@TempDir Path dir) throws Exception {
        HotFolderSource hot = folder(dir, Duration.ZERO);
        Files.write(dir.resolve("story.xml.tmp"), Fixtures.bytes("nitf", "ap-japan-russia-doctype.xml"));
        Files.write(dir.resolve(".hidden.xml"), Fixtures.bytes("nitf", "ap-japan-russia-doctype.xml"));

        assertThat(hot.scanOnce()).isZero();
        Files.move(dir.resolve("story.xml.tmp"), dir.resolve("story.xml"));
        assertThat(hot.scanOnce()).isEqualTo(1);

        assertThat(delivered).singleElement().extracting(RawArticle::getFormat).isEqualTo("nitf");
        assertThat(hot.doneDir().resolve("story.xml")).exists();
        assertThat(dir.resolve(".hidden.xml")).exists();
    }

    @Test
    void aFileWithOneBadStoryPublishesTheOthersAndListsTheBadOneBesideItInDone(@TempDir Path dir) throws Exception {
        HotFolderSource hot = folder(dir, Duration.ZERO);
        Files.write(dir.resolve("takes.anpa"), Fixtures.bytes("anpa-1312", "three-stories-one-bad.anpa"));

        assertThat(hot.scanOnce()).isEqualTo(1);

        assertThat(delivered).extracting(RawArticle::getStoryId).containsExactly("AP:Weather-Outlook:12-06", "AP:Holiday-Advisory:12-06");
        assertThat(names(hot.doneDir())).containsExactlyInAnyOrder("takes.anpa", "takes.anpa.error");
        assertThat(Files.readString(hot.doneDir().resolve("takes.anpa.error")))
                .contains("file: takes.anpa").contains("format: anpa-1312").contains("story 2: location: line").contains("no STX");
    }

    @Test
    void aFileIsTakenOnlyOnceItsSizeAndMtimeHoldStill(@TempDir Path dir) throws Exception {
        HotFolderSource hot = folder(dir, Duration.ofMillis(300));
        Files.write(dir.resolve("seed.txt"), Fixtures.seed("000_22ebd5df95e2d1f5.txt"));

        assertThat(hot.scanOnce()).isZero();
        assertThat(delivered).isEmpty();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hot.scanOnce() == 1);
        assertThat(delivered).hasSize(1);
    }

    @Test
    void badFileGoesToRejectedWithAnErrorFileAndAFailedDeliveryStaysForRetry(@TempDir Path dir) throws Exception {
        HotFolderSource hot = folder(dir, Duration.ZERO);
        Files.write(dir.resolve("xxe.xml"), Fixtures.bytes("bad", "xxe.xml"));
        Files.write(dir.resolve("dpa.txt"), Fixtures.bytes("iptc-7901", "dpa-basic.txt"));
        brokerDown.set(true);

        hot.scanOnce();

        assertThat(names(hot.rejectedDir())).containsExactlyInAnyOrder("xxe.xml", "xxe.xml.error");
        assertThat(Files.readString(hot.rejectedDir().resolve("xxe.xml.error")))
                .contains("file: xxe.xml").contains("format: nitf").contains("location: line").contains("external entit");
        assertThat(dir.resolve("dpa.txt")).exists();

        brokerDown.set(false);
        assertThat(hot.scanOnce()).isEqualTo(1);
        assertThat(hot.doneDir().resolve("dpa.txt")).exists();
        assertThat(delivered).hasSize(1);
    }

    @Test
    void aSecondFileOfTheSameNameDoesNotOverwriteTheFirstInDone(@TempDir Path dir) throws Exception {
        HotFolderSource hot = folder(dir, Duration.ZERO);
        for (int i = 0; i < 2; i++) {
            Files.write(dir.resolve("dpa.txt"), Fixtures.bytes("iptc-7901", "dpa-basic.txt"));
            hot.scanOnce();
        }
        assertThat(names(hot.doneDir())).containsExactlyInAnyOrder("dpa.txt", "dpa.txt.1");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
