package io.wirestream.sink.testutil;

import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.serde.SpecificAvroSerializer;

/** Sends enriched articles (Avro, Confluent wire format, key = story id) and raw bytes to the test cluster, synchronously. */
public final class ArticleProducer implements AutoCloseable {

    private final KafkaProducer<String, EnrichedArticle> articles;
    private final KafkaProducer<byte[], byte[]> bytes;

    public ArticleProducer(Map<String, Object> producerProps) {
        SpecificAvroSerializer<EnrichedArticle> serializer = new SpecificAvroSerializer<>();
        serializer.configure(producerProps, false);
        this.articles = new KafkaProducer<>(producerProps, new StringSerializer(), serializer);
        this.bytes = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void send(String topic, EnrichedArticle... batch) {
        try {
            for (EnrichedArticle a : batch) {
                articles.send(new ProducerRecord<>(topic, null, a.getEnrichedAt().toEpochMilli(), a.getArticle().getStoryId(), a)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the article under another key than its story id (a record the sinks refuse inside put()). */
    public void sendWithKey(String topic, String key, EnrichedArticle article) {
        try {
            articles.send(new ProducerRecord<>(topic, key, article)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void tombstone(String topic, String storyId) {
        try {
            articles.send(new ProducerRecord<>(topic, storyId, null)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void sendBytes(String topic, byte[] key, byte[] value) {
        try {
            bytes.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        articles.close();
        bytes.close();
    }
}
