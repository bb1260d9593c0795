package io.wirestream.ops.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.serde.SpecificAvroDeserializer;
import io.wirestream.schemas.topic.Topics;

/**
 * Reconciles the pipeline end to end ({@code wirestream verify}): reads news.raw (the latest version of every story
 * id), news.enriched and news.dlq ({@code read_committed}, no consumer group) and each configured sink, and compares
 * them by {@link Reconciler}'s rules. Meant for a pipeline at rest (after {@code up --once}, a test, or with
 * ingest stopped and {@code lag} at zero): stories still in flight show as missing or stale.
 */
public final class Verifier {

    /** What to verify: the cluster, and the sinks to read (a null directory or URL leaves that sink out). */
    public record Settings(String bootstrapServers, String schemaRegistryUrl, Topics topics, Path jsonlDir,
                           String postgresUrl, String postgresUser, String postgresPassword, String postgresSchema,
                           Duration timeout, Map<String, Object> clientProps) {

        public Settings {
            clientProps = clientProps == null ? Map.of() : Map.copyOf(clientProps);
        }

        /** Without client properties: a cluster and registry that let anyone in. */
        public Settings(String bootstrapServers, String schemaRegistryUrl, Topics topics, Path jsonlDir, String postgresUrl,
                        String postgresUser, String postgresPassword, String postgresSchema, Duration timeout) {
            this(bootstrapServers, schemaRegistryUrl, topics, jsonlDir, postgresUrl, postgresUser, postgresPassword, postgresSchema,
                timeout, Map.of());
        }
    }

    private final Settings settings;

    public Verifier(Settings settings) {
        this.settings = settings;
    }

    public VerifyReport verify() throws Exception {
        // the client properties (security, --command-config) go to the consumer; the registry's keys to the deserializers too
        TopicReader reader = new TopicReader(settings.bootstrapServers(), settings.timeout(), settings.clientProps());
        Map<String, Object> serde = io.wirestream.schemas.registry.RegistryClientSecurity.serdeConfig(settings.clientProps(),
            settings.schemaRegistryUrl());
        List<StoryRecord> raw;
        List<StoryRecord> enriched;
        try (SpecificAvroDeserializer<RawArticle> rawValues = new SpecificAvroDeserializer<>(RawArticle.class);
             SpecificAvroDeserializer<EnrichedArticle> enrichedValues = new SpecificAvroDeserializer<>(EnrichedArticle.class)) {
            rawValues.configure(serde, false);
            enrichedValues.configure(serde, false);
            String rawTopic = settings.topics().raw();
            String enrichedTopic = settings.topics().enriched();
            raw = reader.read(rawTopic, (key, value) -> value == null ? StoryRecord.tombstone(key)
                    : of(rawValues.deserialize(rawTopic, value)));
            enriched = reader.read(enrichedTopic, (key, value) -> value == null ? StoryRecord.tombstone(key)
                    : of(enrichedValues.deserialize(enrichedTopic, value).getArticle()));
        }
        Set<String> deadLettered = new HashSet<>(reader.read(settings.topics().dlq(),
                (key, value) -> key == null ? "" : key));

        List<StageReport> stages = new ArrayList<>();
        stages.add(Reconciler.enriched(settings.topics().enriched(), raw, enriched, deadLettered));
        if (settings.jsonlDir() != null) {
            stages.add(Reconciler.sink("jsonl", settings.jsonlDir().toAbsolutePath().toString(), enriched,
                    SinkReaders.jsonLines(settings.jsonlDir()), true));
        }
        if (settings.postgresUrl() != null) {
            String schema = settings.postgresSchema() == null ? "public" : settings.postgresSchema();
            stages.add(Reconciler.sink("postgres", settings.postgresUrl() + " schema " + schema, enriched,
                    SinkReaders.postgres(settings.postgresUrl(), settings.postgresUser(), settings.postgresPassword(), schema), false));
        }
        long rawStories = raw.stream().filter(r -> r.kind() != StoryRecord.Kind.TOMBSTONE).map(StoryRecord::storyId).distinct().count();
        long nullRaw = raw.stream().filter(r -> r.kind() == StoryRecord.Kind.TOMBSTONE).count();
        return new VerifyReport(settings.topics().raw(), raw.size(), rawStories, nullRaw, stages);
    }

    static StoryRecord of(RawArticle a) {
        boolean kill = a.getPubStatus() == PubStatus.CANCELED || a.getPubStatus() == PubStatus.WITHHELD;
        return new StoryRecord(a.getStoryId(), a.getVersion(), a.getContentHash() == null ? null : a.getContentHash().toString(),
                kill ? StoryRecord.Kind.KILL : StoryRecord.Kind.STORY);
    }

}
