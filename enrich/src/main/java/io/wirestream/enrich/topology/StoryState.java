package io.wirestream.enrich.topology;

import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the enricher remembers about one story: the last version and content hash it emitted, whether the
 * story was withdrawn by a kill notice, and the {@code news.topic.<slug>} topics its current version was
 * routed to (so a kill or a re-classified new version can withdraw it there).
 *
 * @param version     highest version emitted so far (a kill counts)
 * @param contentHash content hash of the last emitted record
 * @param withdrawn   true after a kill notice (pubStatus WITHHELD or CANCELED)
 * @param topics      slugs the current version was routed to; empty after a kill
 * @param emittedAtMs wall-clock time of the last emit; states older than the retention are purged
 */
record StoryState(int version, String contentHash, boolean withdrawn, List<String> topics, long emittedAtMs) {

    StoryState {
        Objects.requireNonNull(contentHash, "contentHash");
        topics = List.copyOf(topics);
    }

    /** What to do with an incoming version of a story, given what was emitted before. */
    enum Decision {
        /** Annotate and emit. */
        ENRICH,
        /** Emit as a withheld record to news.enriched and to every topic the story was routed to. */
        KILL,
        /** Same content as the last emitted record: drop. */
        DUPLICATE,
        /** Older than what was emitted (or not newer than a kill): drop. */
        STALE
    }

    static boolean isKill(RawArticle raw) {
        return raw.getPubStatus() == PubStatus.CANCELED || raw.getPubStatus() == PubStatus.WITHHELD;
    }

    /**
     * The dedupe rules, as a pure function.
     * <ul>
     *   <li>A story never seen: enrich it (or pass its kill through).</li>
     *   <li>A kill is never stale: a kill notice withdraws the story whatever version it carries, unless the
     *       story was already withdrawn by a kill with the same content (a repeated kill is a duplicate).</li>
     *   <li>After a kill, only a strictly newer version brings the story back; a replay of an older or the
     *       killed version is stale.</li>
     *   <li>Otherwise a version older than the last emitted one is stale, and a record with the same content
     *       hash as the last emitted one is an exact duplicate.</li>
     * </ul>
     */
    static Decision decide(StoryState previous, RawArticle raw) {
        boolean kill = isKill(raw);
        if (previous == null) {
            return kill ? Decision.KILL : Decision.ENRICH;
        }
        if (kill) {
            return previous.withdrawn() && previous.contentHash().equals(raw.getContentHash())
                ? Decision.DUPLICATE : Decision.KILL;
        }
        if (previous.withdrawn()) {
            return raw.getVersion() > previous.version() ? Decision.ENRICH : Decision.STALE;
        }
        if (raw.getVersion() < previous.version()) {
            return Decision.STALE;
        }
        if (previous.contentHash().equals(raw.getContentHash())) {
            return Decision.DUPLICATE;
        }
        return Decision.ENRICH;
    }

    /** State after emitting an enriched version routed to {@code slugs}. */
    static StoryState enriched(RawArticle raw, List<String> slugs, long nowMs) {
        return new StoryState(raw.getVersion(), raw.getContentHash(), false, slugs, nowMs);
    }

    /** State after passing a kill through. */
    static StoryState killed(StoryState previous, RawArticle raw, long nowMs) {
        int version = previous == null ? raw.getVersion() : Math.max(previous.version(), raw.getVersion());
        return new StoryState(version, raw.getContentHash(), true, List.of(), nowMs);
    }

    /** Slugs this state was routed to that {@code next} no longer includes. */
    List<String> topicsNotIn(List<String> next) {
        List<String> gone = new ArrayList<>(topics);
        gone.removeAll(next);
        return gone;
    }
}
