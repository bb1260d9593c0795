package io.wirestream.enrich.topology;

import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** RawArticles built by hand for the enrich tests: the seed story, and small stories with a given version. */
public final class RawArticles {

    /** The first seed, relative to the enrich module (the working directory of its tests). */
    public static final Path SEED = Path.of("../seeds/000_22ebd5df95e2d1f5.txt");

    private RawArticles() {
    }

    /** The seed story (Asahi, Japan-Russia two-plus-two), its caption kept apart from the body as ingest does. */
    public static RawArticle seed(String storyId) {
        String text;
        try {
            text = Files.readString(SEED, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int split = text.indexOf("\n\n");
        String caption = text.substring(0, split).replaceFirst("^Photo/Illutration", "").strip();
        String body = text.substring(split + 2).strip();
        String headline = "Russia voices concern over Japan's Aegis Ashore plan at two-plus-two talks";
        return base(storyId, 1, headline, body).setCaption(caption).setDateline("MOSCOW").setSource("Asahi Shimbun").build();
    }

    /** A short usable story; a different {@code body} gives a different content hash. */
    public static RawArticle story(String storyId, int version, String body) {
        return base(storyId, version, "Headline of " + storyId, body).build();
    }

    /** A kill notice for a story. */
    public static RawArticle kill(String storyId, int version, PubStatus status) {
        return base(storyId, version, "KILL " + storyId, "Kill: " + storyId + " has been withdrawn. Do not use.")
            .setPubStatus(status).build();
    }

    private static RawArticle.Builder base(String storyId, int version, String headline, String body) {
        return RawArticle.newBuilder()
            .setStoryId(storyId)
            .setVersion(version)
            .setSource("test")
            .setFormat("plain-text")
            .setPubStatus(PubStatus.USABLE)
            .setReceived(Instant.parse("2018-08-01T03:00:00Z"))
            .setVersionCreated(Instant.parse("2018-07-31T18:00:00Z"))
            .setHeadline(headline)
            .setBody(body)
            .setLanguage("en")
            .setSubjects(List.of())
            .setContentHash(sha256(headline + "\n" + body))
            .setAttributes(Map.of());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
