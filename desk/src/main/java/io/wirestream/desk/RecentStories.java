package io.wirestream.desk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;

import io.wirestream.schemas.EnrichedArticle;

/**
 * The last N stories of news.enriched, latest version per story id, in memory: what {@code /v1/stories/{id}} and
 * {@code /v1/search} answer from when the desk has no PostgreSQL. One background consumer (no group,
 * read_committed) starts N records back from the end of each partition and follows the log; the map is bounded,
 * the least recently written story leaves first. Stories are kept as the bytes read and decoded when first asked for:
 * the desk is read far less often than news.enriched is written, and decoding every story as it passed cost the
 * pipeline a twentieth of its allocation (bench, issue 14). A story whose bytes do not decode is skipped, as the
 * streams do.
 */
public final class RecentStories implements AutoCloseable {

    private final DeskConfig config;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<EnrichedArticle> values;
    private final Map<String, Kept> stories;
    private final Thread thread;
    private volatile boolean running = true;

    RecentStories(DeskConfig config, KafkaConsumer<byte[], byte[]> consumer, Deserializer<EnrichedArticle> values) {
        this.config = config;
        this.consumer = consumer;
        this.values = values;
        int max = config.recentStories();
        this.stories = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
                return size() > max;
            }
        };
        this.thread = new Thread(this::run, "desk-recent");
        this.thread.setDaemon(true);
    }

    private volatile boolean started;

    void start() {
        started = true;
        thread.start();
    }

    private void run() {
        String topic = config.topics().enriched();
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(1000); // the topic does not exist yet: enrich creates it
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - config.recentStories()));
            }
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null || r.key() == null) {
                        continue;
                    }
                    Kept story = new Kept(r.topic(), r.value());
                    String id = new String(r.key(), StandardCharsets.UTF_8); // news.enriched is keyed by story id
                    synchronized (stories) {
                        Kept old = stories.remove(id);
                        stories.put(id, old == null || !old.isNewerThan(story) ? story : old);
                    }
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public EnrichedArticle get(String storyId) {
        Kept story;
        synchronized (stories) {
            story = stories.get(storyId);
        }
        return story == null ? null : story.article();
    }

    public int size() {
        synchronized (stories) {
            return stories.size();
        }
    }

    /** Every story kept, in arrival order (oldest first). */
    public List<EnrichedArticle> snapshot() {
        List<Kept> kept;
        synchronized (stories) {
            kept = new ArrayList<>(stories.values());
        }
        List<EnrichedArticle> all = new ArrayList<>(kept.size());
        for (Kept story : kept) {
            EnrichedArticle e = story.article();
            if (e != null) {
                all.add(e);
            }
        }
        return all;
    }

    /** The cluster {@code story} belongs to among the stories kept (issue 15: one story per event). */
    public Clusters.View clusterOf(EnrichedArticle story) {
        return Clusters.of(story, snapshot());
    }

    /**
     * Newest first (last written first): one page of the stories whose headline or body contains every word of
     * {@code q} (case-insensitive) and that match the filters; with {@code q.group()} one entry per cluster, under its
     * newest matching story, copies folded, its cluster in {@code wirestream.cluster}.
     */
    public SearchQuery.Page search(SearchQuery q) {
        List<EnrichedArticle> all = snapshot();
        String[] words = q.q() == null ? new String[0] : q.q().toLowerCase(Locale.ROOT).split("\\s+");
        List<EnrichedArticle> matches = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            EnrichedArticle e = all.get(i);
            if (StoryJson.isKill(e) || !StoryJson.matches(e, q.topic(), q.entity(), q.source())) {
                continue;
            }
            String text = ((e.getArticle().getHeadline() == null ? "" : e.getArticle().getHeadline()) + "\n" + e.getArticle().getBody())
                    .toLowerCase(Locale.ROOT);
            boolean every = true;
            for (String w : words) {
                every &= text.contains(w);
            }
            if (every) {
                matches.add(e);
            }
        }
        List<com.fasterxml.jackson.databind.node.ObjectNode> entries = new ArrayList<>();
        if (q.group()) {
            for (Clusters.Grouped g : Clusters.group(matches, all, Integer.MAX_VALUE)) {
                entries.add(StoryJson.toNinjs(g.lead(), g.cluster()));
            }
        } else {
            matches.forEach(e -> entries.add(StoryJson.toNinjs(e)));
        }
        long total = entries.size();
        int from = (int) Math.min(total, (long) q.page() * q.limit());
        List<com.fasterxml.jackson.databind.node.ObjectNode> page = entries.subList(from, (int) Math.min(total, from + (long) q.limit()));
        return new SearchQuery.Page("memory", q.page(), q.limit(), total, page);
    }

    /** One story as read from news.enriched: its value bytes, decoded once, on first use. */
    private final class Kept {
        private final String topic;
        private final byte[] value;
        private volatile EnrichedArticle decoded;
        private volatile boolean undecodable;

        Kept(String topic, byte[] value) {
            this.topic = topic;
            this.value = value;
        }

        /** The story, or null when its bytes do not decode. */
        EnrichedArticle article() {
            EnrichedArticle e = decoded;
            if (e == null && !undecodable) {
                try {
                    e = values.deserialize(topic, value);
                    decoded = e;
                } catch (RuntimeException bad) {
                    undecodable = true;
                }
            }
            return e;
        }

        /** Whether this holds a later version of the story than {@code other} (a story that does not decode is older). */
        boolean isNewerThan(Kept other) {
            EnrichedArticle mine = article();
            EnrichedArticle theirs = other.article();
            return mine != null && (theirs == null || mine.getArticle().getVersion() > theirs.getArticle().getVersion());
        }
    }

    @Override
    public void close() {
        running = false;
        if (!started) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
