package io.wirestream.sink.article;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What one sink record asks of a sink: store a version of a story, withdraw it (kill notice), or delete it
 * (tombstone). {@link #of(SinkRecord)} throws {@link DataException} for a record that cannot be understood; the task
 * hands such records to Connect's errant record reporter.
 */
public sealed interface ArticleChange {

    String storyId();

    SinkRecord record();

    /** A usable version of a story. */
    record Upsert(String storyId, ArticleDocument document, SinkRecord record) implements ArticleChange { }

    /** A kill notice (pubStatus WITHHELD or CANCELED). */
    record Kill(String storyId, ArticleDocument document, SinkRecord record) implements ArticleChange { }

    /** A tombstone: the key's story is gone. */
    record Delete(String storyId, SinkRecord record) implements ArticleChange { }

    static ArticleChange of(SinkRecord record) {
        String key = keyString(record.key());
        if (record.value() == null) {
            if (key == null || key.isBlank()) {
                throw new DataException("Tombstone without a story id key at " + record.topic() + "-" + record.kafkaPartition()
                        + "@" + record.kafkaOffset());
            }
            return new Delete(key, record);
        }
        ArticleDocument document = ArticleDocument.from(record.value());
        if (key != null && !key.isBlank() && !key.equals(document.storyId())) {
            throw new DataException("Record key '" + key + "' differs from the story id '" + document.storyId() + "'");
        }
        return document.isKill()
                ? new Kill(document.storyId(), document, record)
                : new Upsert(document.storyId(), document, record);
    }

    private static String keyString(Object key) {
        if (key == null) {
            return null;
        }
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (key instanceof ByteBuffer buffer) {
            return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        }
        return key.toString();
    }
}
