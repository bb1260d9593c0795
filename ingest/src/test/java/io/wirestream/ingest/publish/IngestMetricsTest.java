package io.wirestream.ingest.publish;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.ParseResult;
import io.wirestream.ingest.testutil.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngestMetricsTest {

    @Test
    void warningsAreCountedPerFormatAndKindAndBadStoriesApart() throws ParseException {
        ParseResult r = FormatSniffer.defaults().parse(Fixtures.bytes("anpa-1312", "three-stories-one-bad.anpa"), Fixtures.context("t.anpa"), null);
        try (IngestMetrics m = new IngestMetrics()) {
            m.storiesRejected("t.anpa", r.format(), r.failures());
            m.accepted("t.anpa", r.format(), r.articles(), List.of());
            m.accepted("c.txt", "plain-text", FormatSniffer.defaults().parse(Fixtures.bytes("plain-text", "cp1252-headline.txt"),
                    Fixtures.context("c.txt"), null).articles(), List.of());

            assertThat(m.snapshot())
                    .containsEntry("parse-warnings-total{format=anpa-1312,kind=derived-id}", 2.0)
                    .containsEntry("parse-warnings-total{format=plain-text,kind=charset-fallback}", 1.0)
                    .containsEntry("parse-warnings-total{format=plain-text,kind=derived-id}", 1.0)
                    .containsEntry("stories-rejected-total", 1.0);
        }
    }
}
