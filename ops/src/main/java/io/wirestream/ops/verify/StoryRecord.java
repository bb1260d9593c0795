package io.wirestream.ops.verify;

/**
 * One version of one story as a stage holds it: a Kafka record on news.raw or news.enriched, a JSON line, a table
 * row. {@code version} is -1 for a tombstone (a deleted story), {@code contentHash} null where the stage does not
 * keep it.
 */
public record StoryRecord(String storyId, int version, String contentHash, Kind kind) {

    /** A usable story, a kill notice (canceled / withheld / withdrawn), or a tombstone. */
    public enum Kind { STORY, KILL, TOMBSTONE }

    public static StoryRecord tombstone(String storyId) {
        return new StoryRecord(storyId, -1, null, Kind.TOMBSTONE);
    }

    /** The identity of this record's content, for counting copies: {@code id@version/kind}. */
    public String key() {
        return storyId + "@" + (kind == Kind.TOMBSTONE ? "deleted" : version + "/" + kind.name().toLowerCase(java.util.Locale.ROOT));
    }
}
