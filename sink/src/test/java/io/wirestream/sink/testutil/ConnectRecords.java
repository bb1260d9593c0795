package io.wirestream.sink.testutil;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.serde.SpecificAvroSerializer;
import io.wirestream.sink.converter.AvroConverter;

/**
 * Sink records as Connect hands them to a task: the article serialized in Confluent's wire format, then read by the
 * {@link AvroConverter}, against an in-memory registry scope of its own.
 */
public final class ConnectRecords implements AutoCloseable {

    private final String scope = "connect-records-" + UUID.randomUUID();
    private final SpecificAvroSerializer<EnrichedArticle> serializer = new SpecificAvroSerializer<>();
    private final AvroConverter converter = new AvroConverter();
    private final String topic;

    public ConnectRecords(String topic) {
        this.topic = topic;
        serializer.configure(Map.of("schema.registry.url", "mock://" + scope), false);
        converter.configure(Map.of("schema.registry.url", "mock://" + scope), false);
    }

    public SinkRecord record(EnrichedArticle article, long offset) {
        return record(article, 0, offset);
    }

    public SinkRecord record(EnrichedArticle article, int partition, long offset) {
        SchemaAndValue value = converter.toConnectData(topic, serializer.serialize(topic, article));
        return new SinkRecord(topic, partition, Schema.STRING_SCHEMA, article.getArticle().getStoryId(), value.schema(),
                value.value(), offset, article.getEnrichedAt().toEpochMilli(), org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

    public SinkRecord tombstone(String storyId, long offset) {
        return new SinkRecord(topic, 0, Schema.STRING_SCHEMA, storyId, null, null, offset);
    }

    @Override
    public void close() throws Exception {
        serializer.close();
        converter.close();
        SchemaRegistryClients.dropMockScope(scope);
    }
}
