package io.wirestream.ingest.format;

import io.wirestream.ingest.format.email.EmailParser;
import io.wirestream.ingest.format.newsml1.NewsMl1Parser;
import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.schemas.RawArticle;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The NewsML 1.2 and e-mail parsers against their fixtures mutated with their own syntax (MIME boundaries, encoded
 * words, transfer encodings; NewsML elements): articles or a located {@link ParseException}, never another exception.
 * {@code -Dfuzz.large=100000} runs that many mutants per format, each under a time limit, so a hang fails too
 * (see ingest/README.md for the documented run).
 */
class NewFormatsFuzzTest {

    private static final String[] EMAIL_TOKENS = {"\r\n", "\n", "\r\n\r\n", "--", "--==outer-1==", "--alt-2--", "=", "=\r\n", "=E9",
            "=?", "?=", "=?UTF-8?Q?", "=?UTF-8?B?", "=?x?Q?a?=", "Content-Type: multipart/mixed; boundary=\"b\"\r\n",
            "Content-Transfer-Encoding: base64\r\n", "Content-Transfer-Encoding: quoted-printable\r\n", "charset=utf-16",
            "charset=\"", ";", ":", " ", "\t", "\u0000", "\u00ff", "From: ", "Subject: ", "<", ">", "@", "\"", "boundary=", "*="};
    private static final String[] NEWSML_TOKENS = {"<", ">", "&", "&amp;", "<NewsItem>", "</NewsItem>", "<NewsComponent>",
            "</NewsComponent>", "<DataContent>", "<RevisionId>0</RevisionId>", "<RevisionId>x</RevisionId>", "<Status FormalName='Canceled'/>",
            "<nitf>", "<html>", "xmlns:", "xsi:", "<!DOCTYPE NewsML [<!ENTITY e 'x'>]>", "&e;", "]]>", "<![CDATA[", "\u0000", "\"", "'"};

    @Property(tries = 500)
    void emailWithMimeMutationsNeverThrowsAnythingButParseException(@ForAll long seed) {
        Random rnd = new Random(seed);
        for (String name : Fixtures.names("email")) {
            check(new EmailParser(), ParserRobustnessTest.mutate(Fixtures.bytes("email", name), rnd, EMAIL_TOKENS));
        }
    }

    @Property(tries = 500)
    void newsMl1WithMarkupMutationsNeverThrowsAnythingButParseException(@ForAll long seed) {
        Random rnd = new Random(seed);
        for (String name : Fixtures.names("newsml-1")) {
            check(new NewsMl1Parser(), ParserRobustnessTest.mutate(Fixtures.bytes("newsml-1", name), rnd, NEWSML_TOKENS));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "fuzz.large", matches = "\\d+")
    void largeRunOfMutantsPerFormatWithAHangLimit() throws Exception {
        int n = Integer.parseInt(System.getProperty("fuzz.large"));
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            for (String format : List.of("email", "newsml-1")) {
                WireFormatParser parser = format.equals("email") ? new EmailParser() : new NewsMl1Parser();
                String[] tokens = format.equals("email") ? EMAIL_TOKENS : NEWSML_TOKENS;
                List<byte[]> fixtures = Fixtures.names(format).stream().map(f -> Fixtures.bytes(format, f)).toList();
                Random rnd = new Random(20261206L);
                int articles = 0;
                int rejected = 0;
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    byte[] input;
                    if (i % 10 == 0) {
                        input = new byte[rnd.nextInt(3000)];
                        rnd.nextBytes(input);
                    } else {
                        input = ParserRobustnessTest.mutate(fixtures.get(i % fixtures.size()), rnd, tokens);
                    }
                    byte[] in = input;
                    Future<Boolean> f = worker.submit(() -> check(parser, in));
                    try {
                        if (f.get(10, TimeUnit.SECONDS)) {
                            articles++;
                        } else {
                            rejected++;
                        }
                    } catch (TimeoutException e) {
                        fail(format + ": input " + i + " took longer than 10 s");
                    }
                }
                System.out.printf("fuzz.large %s: %d inputs, %d parsed, %d rejected with a located ParseException, %.1f s%n",
                        format, n, articles, rejected, (System.nanoTime() - start) / 1e9);
            }
        } finally {
            worker.shutdownNow();
        }
    }

    /** True when articles came out, false for a located ParseException; anything else fails. */
    private static boolean check(WireFormatParser parser, byte[] input) {
        try {
            List<RawArticle> articles = parser.parse(input, Fixtures.context("fuzz." + parser.name()));
            assertThat(articles).isNotEmpty().allSatisfy(a -> {
                assertThat(a.getStoryId()).isNotBlank();
                assertThat(a.getContentHash()).hasSize(64);
            });
            return true;
        } catch (ParseException e) {
            assertThat(e.location()).isNotBlank();
            assertThat(e.reason()).isNotBlank();
            assertThat(e.format()).isEqualTo(parser.name());
            return false;
        }
    }
}
