package io.wirestream.ingest.format;

import io.wirestream.ingest.format.anpa.AnpaParser;
import io.wirestream.ingest.format.feed.AtomParser;
import io.wirestream.ingest.format.feed.RssParser;
import io.wirestream.ingest.format.iptc7901.Iptc7901Parser;
import io.wirestream.ingest.format.newsml.NewsMlG2Parser;
import io.wirestream.ingest.format.ninjs.NinjsParser;
import io.wirestream.ingest.format.nitf.NitfParser;
import io.wirestream.ingest.format.plaintext.PlainTextParser;
import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.schemas.RawArticle;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the bytes, a parser returns articles or throws a {@link ParseException} with a location, never anything
 * else: random bytes, and the fixtures of each format mutated (bytes flipped, ranges cut, duplicated, truncated, markup
 * tokens spliced in), and no input may take longer than 10 s (a hang). Tries per property: {@code jqwik.tries.default}
 * (1000 in junit-platform.properties, the CI size; the documented large run passes {@code -Djqwik.tries.default=100000}).
 */
class ParserRobustnessTest {

    private static final String[] TOKENS = {"<", ">", "&", "&amp;", "&#0;", "&#xD800;", "\u0002", "\u0003", "\u0001", "\u0016",
            "\"", "{", "}", "[", "]", ":", ",", "]]>", "<![CDATA[", "<!ENTITY x \"y\">", "<!DOCTYPE a>", "\n", "\r\n", "\t", "^",
            "=", "<p>", "</p>", "null", "-1", "99999999999999999999", "\uFFFD", "\u00e9", "KILL", "1stLd-Writethru", " ", "\u0000"};

    @Property
    void anpaNeverThrowsAnythingButParseException(@ForAll @Size(max = 3000) byte[] random, @ForAll long seed) {
        check(new AnpaParser(), random, seed, "anpa-1312");
    }

    @Property
    void iptc7901NeverThrowsAnythingButParseException(@ForAll @Size(max = 3000) byte[] random, @ForAll long seed) {
        check(new Iptc7901Parser(), random, seed, "iptc-7901");
    }

    @Property
    void nitfNeverThrowsAnythingButParseException(@ForAll @Size(max = 3000) byte[] random, @ForAll long seed) {
        check(new NitfParser(), random, seed, "nitf");
    }

    @Property
    void newsMlNeverThrowsAnythingButParseException(@ForAll @Size(max = 3000) byte[] random, @ForAll long seed) {
        check(new NewsMlG2Parser(), random, seed, "newsml-g2");
    }

    @Property
    void ninjsNeverThrowsAnythingButParseException(@ForAll @Size(max = 3000) byte[] random, @ForAll long seed) {
        check(new NinjsParser(), random, seed, "ninjs");
    }

    @Property
    void newsMl1NeverThrowsAnythingButParseException(@ForAll @Size(max = 3000) byte[] random, @ForAll long seed) {
        check(new io.wirestream.ingest.format.newsml1.NewsMl1Parser(), random, seed, "newsml-1");
    }

    @Property
    void emailNeverThrowsAnythingButParseException(@ForAll @Size(max = 3000) byte[] random, @ForAll long seed) {
        check(new io.wirestream.ingest.format.email.EmailParser(), random, seed, "email");
    }

    @Property
    void rssNeverThrowsAnythingButParseException(@ForAll @Size(max = 3000) byte[] random, @ForAll long seed) {
        check(new RssParser(), random, seed, "rss");
    }

    @Property
    void atomNeverThrowsAnythingButParseException(@ForAll @Size(max = 3000) byte[] random, @ForAll long seed) {
        check(new AtomParser(), random, seed, "atom");
    }

    @Property
    void plainTextNeverThrowsAnythingButParseException(@ForAll @Size(max = 3000) byte[] random, @ForAll long seed) {
        check(new PlainTextParser(), random, seed, "plain-text");
    }

    @Property
    void snifferNeverThrowsAnythingButParseException(@ForAll("texty") String text, @ForAll long seed) {
        FormatSniffer sniffer = FormatSniffer.defaults();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            List<RawArticle> articles = sniffer.parse(bytes, Fixtures.context("fuzz"), null).articles();
            assertThat(articles).isNotEmpty();
        } catch (ParseException e) {
            assertThat(e.location()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> texty() {
        return Arbitraries.strings().withChars("<>&;{}[]\":,\n\t^=/ \u0001\u0002\u0003\u0016abcdefXYZ0123456789").ofMaxLength(400);
    }

    /** Each call checks the random bytes and one mutant of every fixture of the format. */
    private static void check(WireFormatParser parser, byte[] random, long seed, String format) {
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(random);
        Random rnd = new Random(seed);
        for (String name : Fixtures.names(format)) {
            inputs.add(mutate(Fixtures.bytes(format, name), rnd));
        }
        for (byte[] input : inputs) {
            try {
                List<RawArticle> articles = withinTimeLimit(() -> parser.parse(input, Fixtures.context("fuzz." + format)));
                assertThat(articles).allSatisfy(a -> {
                    assertThat(a.getStoryId()).isNotBlank();
                    assertThat(a.getBody()).isNotNull();
                    assertThat(a.getContentHash()).hasSize(64);
                });
            } catch (ParseException e) {
                assertThat(e.location()).isNotBlank();
                assertThat(e.reason()).isNotBlank();
                assertThat(e.format()).isEqualTo(parser.name());
            }
        }
    }

    /** One long-lived worker thread (parsers keep per-thread XML builders), so a hang fails the try instead of the build. */
    private static final java.util.concurrent.ExecutorService WORKER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "robustness-worker");
        t.setDaemon(true);
        return t;
    });
    private static final long LIMIT_SECONDS = 10;

    private static List<RawArticle> withinTimeLimit(java.util.concurrent.Callable<List<RawArticle>> parse) throws ParseException {
        java.util.concurrent.Future<List<RawArticle>> f = WORKER.submit(parse);
        try {
            return f.get(LIMIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("parser did not return within " + LIMIT_SECONDS + " s (a hang)");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ParseException pe) {
                throw pe;
            }
            throw new AssertionError("parser threw something other than ParseException", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static byte[] mutate(byte[] original, Random rnd) {
        return mutate(original, rnd, TOKENS);
    }

    static byte[] mutate(byte[] original, Random rnd, String[] tokens) {
        byte[] b = original.clone();
        int ops = 1 + rnd.nextInt(6);
        for (int i = 0; i < ops && b.length > 0; i++) {
            int pos = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> b[pos] = (byte) rnd.nextInt(256);
                case 1 -> { // delete a range
                    int len = Math.min(b.length - pos, 1 + rnd.nextInt(40));
                    byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, pos);
                    System.arraycopy(b, pos + len, n, pos, b.length - pos - len);
                    b = n;
                }
                case 2 -> b = java.util.Arrays.copyOf(b, pos); // truncate
                case 3 -> { // duplicate a range
                    int len = Math.min(b.length - pos, 1 + rnd.nextInt(80));
                    byte[] n = new byte[b.length + len];
                    System.arraycopy(b, 0, n, 0, pos + len);
                    System.arraycopy(b, pos, n, pos + len, b.length - pos);
                    b = n;
                }
                default -> { // splice in a token
                    byte[] t = tokens[rnd.nextInt(tokens.length)].getBytes(StandardCharsets.UTF_8);
                    byte[] n = new byte[b.length + t.length];
                    System.arraycopy(b, 0, n, 0, pos);
                    System.arraycopy(t, 0, n, pos, t.length);
                    System.arraycopy(b, pos, n, pos + t.length, b.length - pos);
                    b = n;
                }
            }
        }
        return b;
    }
}
