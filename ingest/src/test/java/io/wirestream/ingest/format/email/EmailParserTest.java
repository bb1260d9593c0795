package io.wirestream.ingest.format.email;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.ingest.testutil.Golden;
import io.wirestream.schemas.ParseWarning;
import io.wirestream.schemas.RawArticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailParserTest {

    private final EmailParser parser = new EmailParser();

    private RawArticle parse(String name) throws ParseException {
        List<RawArticle> articles = parser.parse(Fixtures.bytes("email", name), Fixtures.context(name));
        assertThat(articles).hasSize(1);
        return articles.get(0);
    }

    private RawArticle parseText(String mail) throws ParseException {
        return parser.parse(mail.getBytes(StandardCharsets.UTF_8), Fixtures.context("x.eml")).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart-cp1252-qp.eml", "plain-utf8-base64.eml", "html-only-no-message-id.eml"})
    void fixturesMatchTheirGoldenOutput(String name) throws ParseException {
        Golden.assertMatches(getClass(), name, List.of(parse(name)));
    }

    @Test
    void multipartWindows1252QuotedPrintableGivesThePlainPartAndHeaders() throws ParseException {
        RawArticle a = parse("multipart-cp1252-qp.eml");

        assertThat(a.getStoryId()).isEqualTo("20260112091457.4711@port-example.org");
        assertThat(a.getHeadline()).isEqualTo("New ferry terminal opens in March \u2013 two months late");
        assertThat(a.getByline()).isEqualTo("Ana Mart\u00edn");
        assertThat(a.getSource()).isEqualTo("port-example.org");
        assertThat(a.getVersionCreated()).isEqualTo(Instant.parse("2026-01-12T08:14:57Z"));
        assertThat(a.getLanguage()).isEqualTo("en");
        assertThat(a.getBody()).startsWith("Citt\u00e0 del Porto \u2013 Press release\n\nThe harbour authority said")
                .contains("\u201cWe wanted to get the safety checks right,\u201d said director Ana Mart\u00edn.")
                .endsWith("Tickets cost \u20ac12 for adults.");
        assertThat(a.getWarnings()).extracting(ParseWarning::getKind).containsExactly("attachment-ignored");
        assertThat(a.getWarnings().get(0).getMessage()).contains("terminal-plan.pdf");
    }

    @Test
    void base64Utf8BodyAndBEncodedLatin1SubjectAreDecoded() throws ParseException {
        RawArticle a = parse("plain-utf8-base64.eml");

        assertThat(a.getHeadline()).isEqualTo("Stadtrat beschlie\u00dft Haushalt");
        assertThat(a.getByline()).isEqualTo("Rathaus Pressestelle");
        assertThat(a.getBody()).isEqualTo("Der Stadtrat hat am Dienstag den Haushalt f\u00fcr 2026 beschlossen.\n\nDie Opposition stimmte dagegen.");
    }

    @Test
    void anHtmlOnlyMailWithoutMessageIdGetsAContentHashIdAndTheHtmlText() throws ParseException {
        RawArticle a = parse("html-only-no-message-id.eml");

        assertThat(a.getStoryId()).startsWith("email:").hasSize("email:".length() + 32);
        assertThat(a.getBody()).contains("record 4.2 terawatt hours").doesNotContain("<p>").doesNotContain("ignored");
        assertThat(a.getWarnings()).extracting(ParseWarning::getKind).contains("html-only", "no-message-id");
        assertThat(parse("html-only-no-message-id.eml").getStoryId()).isEqualTo(a.getStoryId());
    }

    @Test
    void lfLineEndingsFoldedHeadersAndAnMboxFromLineAreRead() throws ParseException {
        RawArticle a = parseText("From press@x.org Mon Jan 12 09:00:00 2026\nFrom: Desk <press@x.org>\nSubject: A long\n  folded subject\n"
                + "Message-ID: <m1@x.org>\n\nFirst paragraph\nwrapped here.\n\nSecond.\n");
        assertThat(a.getHeadline()).isEqualTo("A long folded subject");
        assertThat(a.getStoryId()).isEqualTo("m1@x.org");
        assertThat(a.getBody()).isEqualTo("First paragraph wrapped here.\n\nSecond.");
    }

    @Test
    void bytesThatAreNoHeaderAreRejectedAsNotAnEmail() {
        assertThatThrownBy(() -> parseText("Hello there\nSubject: no\n\nbody"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.reason()).startsWith("not an e-mail");
                    assertThat(e.line()).isEqualTo(1);
                });
    }

    @Test
    void aMailWithNeitherSubjectNorTextIsRejectedAsNoStoryText() {
        assertThatThrownBy(() -> parseText("From: a@b.c\nMessage-ID: <x@b.c>\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.reason()).startsWith("no story text"));
    }

    @Test
    void malformedEncodingsAreReadLeniently() throws ParseException {
        RawArticle a = parseText("From: a@b.c\nSubject: =?bogus-charset?Q?x?= and =?UTF-8?B?***?=\nMessage-ID: <y@b.c>\n"
                + "Content-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: quoted-printable\n\nCost =3D 5 =ZZ and more\n");
        assertThat(a.getHeadline()).isEqualTo("=?bogus-charset?Q?x?= and =?UTF-8?B?***?=");
        assertThat(a.getBody()).isEqualTo("Cost = 5 =ZZ and more");
        assertThat(a.getWarnings()).extracting(ParseWarning::getKind).contains("malformed-quoted-printable", "unterminated-multipart");
    }

    @Test
    void theSnifferPicksEmailForMailHeadersButNotForPlainCopy() {
        FormatSniffer sniffer = FormatSniffer.defaults();
        assertThat(sniffer.sniff(Fixtures.bytes("email", "multipart-cp1252-qp.eml"))).get()
                .extracting(p -> p.name()).isEqualTo(EmailParser.NAME);
        assertThat(sniffer.sniff(Fixtures.bytes("email", "html-only-no-message-id.eml"))).get()
                .extracting(p -> p.name()).isEqualTo(EmailParser.NAME);
        assertThat(sniffer.sniff("TOKYO (AP) - Japan said on Tuesday...\n".getBytes(StandardCharsets.UTF_8))).get()
                .extracting(p -> p.name()).isNotEqualTo(EmailParser.NAME);
        assertThat(sniffer.byName("eml")).get().extracting(p -> p.name()).isEqualTo(EmailParser.NAME);
    }

    @Test
    void theSnifferPicksNeitherNewFormatForAnyOtherFixtureOrTheSeed() throws Exception {
        FormatSniffer sniffer = FormatSniffer.defaults();
        try (var formats = java.nio.file.Files.list(Fixtures.ROOT)) {
            for (java.nio.file.Path dir : formats.filter(java.nio.file.Files::isDirectory).toList()) {
                String format = dir.getFileName().toString();
                if (format.equals("email") || format.equals("newsml-1") || format.equals("bad")) {
                    continue;
                }
                for (String name : Fixtures.names(format)) {
                    assertThat(sniffer.sniff(Fixtures.bytes(format, name))).as(format + "/" + name).get()
                            .extracting(p -> p.name()).isNotIn(EmailParser.NAME, "newsml-1");
                }
            }
        }
        assertThat(sniffer.sniff(Fixtures.seed("000_22ebd5df95e2d1f5.txt"))).get().extracting(p -> p.name()).isEqualTo("plain-text");
    }
}
