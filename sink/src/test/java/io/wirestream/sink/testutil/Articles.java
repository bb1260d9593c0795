package io.wirestream.sink.testutil;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.schemas.DateMention;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.Evidence;
import io.wirestream.schemas.Amount;
import io.wirestream.schemas.Lineage;
import io.wirestream.schemas.MentionSpan;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.TopicTag;

/** Enriched articles for tests: a seed-like story (the Aegis Ashore missile defense piece), kills, variants. */
public final class Articles {

    public static final String SEED_BODY = "Russia expressed concerns about Japan's plan to deploy the Aegis Ashore ballistic "
            + "missile defense system during the \"two-plus-two\" meeting between Russian and Japanese foreign and defense "
            + "ministers here on July 31.\n\nJapan plans to spend 466.4 billion yen ($4.2 billion) to deploy the Aegis Ashore "
            + "system manufactured by Lockheed Martin. Missiles launched from the disputed Northern Territories could also be detected.";

    private Articles() {
    }

    /**
     * Creates topics for these articles (and their dead letter queues) without time retention. Their Kafka
     * timestamps are their enrichment times in 2018, so under the default {@code retention.ms} (7 days) the broker
     * deletes them at its first retention check (about 30 s after it starts, then every 5 minutes), possibly before
     * a sink has read them: a consumer behind the new log start offset then silently skips to it.
     */
    public static void createTopics(KafkaEnv env, String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, 1, env.replicationFactor()).configs(Map.of("retention.ms", "-1")));
        }
        env.createTopics(topics);
    }

    /** The seed-like story, version {@code version}, with entities, topics, amounts and dates. */
    public static EnrichedArticle seed(String storyId, int version) {
        return enriched(storyId, version, PubStatus.USABLE,
                "Russia voices concern over Japan's Aegis Ashore missile defense plan" + (version > 1 ? " (update " + version + ")" : ""),
                SEED_BODY + (version > 1 ? "\n\nUpdated in version " + version + "." : ""));
    }

    /** The seed story (like a long enriched story) with 30 entities (3 mentions each) and 10 topics (2 pieces of evidence each). */
    public static EnrichedArticle large(String storyId, int version) {
        EnrichedArticle seed = seed(storyId, version);
        String body = seed.getArticle().getBody();
        String[] types = {"PERSON", "ORGANIZATION", "LOCATION", "NATIONALITY", "EVENT"};
        List<Entity> entities = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            List<MentionSpan> mentions = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                int start = (i * 37 + m * 101) % (body.length() - 12);
                mentions.add(MentionSpan.newBuilder().setStart(start).setEnd(start + 12).setText(body.substring(start, start + 12)).build());
            }
            entities.add(Entity.newBuilder().setId("entity:" + i).setName("Entity Name " + i).setType(types[i % types.length])
                    .setRoles(i % 4 == 0 ? List.of("Minister") : List.of()).setLinkedTo(i % 3 == 0 ? "loc:iso3166:JP" : null)
                    .setSalience(1.0 / (i + 1)).setMentions(mentions).build());
        }
        List<TopicTag> topics = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<Evidence> evidence = new ArrayList<>();
            for (int e = 0; e < 2; e++) {
                evidence.add(Evidence.newBuilder().setKind(e == 0 ? "PHRASE" : "TERM").setText("term " + e).setWeight(1.5 + e)
                        .setSpans(List.of(entities.get(i).getMentions().get(0))).build());
            }
            topics.add(TopicTag.newBuilder().setCode("topic-" + i).setLabel("Topic " + i).setIptc(i % 2 == 0 ? "medtop:2000" + i : null)
                    .setScore(5.0 - i * 0.25).setEvidence(evidence).build());
        }
        seed.setEntities(entities);
        seed.setTopics(topics);
        return seed;
    }

    /** A kill notice for the story. */
    public static EnrichedArticle kill(String storyId, int version) {
        return enriched(storyId, version, PubStatus.CANCELED, "KILL: story withdrawn", "The story has been withdrawn.");
    }

    /** A plain story about something else, for bulk tests. */
    public static EnrichedArticle plain(String storyId, int version, String headline) {
        return enriched(storyId, version, PubStatus.USABLE, headline, "Markets rallied on " + headline + ". Analysts were unsure.");
    }

    public static EnrichedArticle enriched(String storyId, int version, PubStatus status, String headline, String body) {
        Instant received = Instant.parse("2018-08-01T03:00:00Z").plusSeconds(version);
        RawArticle raw = RawArticle.newBuilder()
                .setStoryId(storyId)
                .setVersion(version)
                .setSource("Asahi")
                .setFormat("plain-text")
                .setPubStatus(status)
                .setUrgency(version == 1 ? 3 : null)
                .setReceived(received)
                .setVersionCreated(received.minusSeconds(60))
                .setEmbargoed(null)
                .setHeadline(headline)
                .setByline("Dai Nagata and Takashi Kida")
                .setDateline("MOSCOW")
                .setCaption("Defense Minister Itsunori Onodera shakes hands with Sergei Shoigu. (AP Photo)")
                .setBody(body)
                .setLanguage("en")
                .setSubjects(List.of("medtop:11000000"))
                .setContentHash("ab".repeat(32))
                .setAttributes(Map.of("service", "world", "wordCount", "420"))
                .build();
        List<Entity> entities = new ArrayList<>();
        List<TopicTag> topics = new ArrayList<>();
        if (status == PubStatus.USABLE) {
            int at = body.indexOf("Japan");
            MentionSpan japan = span(body, at < 0 ? 0 : at, at < 0 ? 0 : at + 5);
            entities.add(Entity.newBuilder().setId("loc:iso3166:JP").setName("Japan").setType("LOCATION")
                    .setRoles(List.of()).setLinkedTo(null).setSalience(0.8).setMentions(List.of(japan)).build());
            entities.add(Entity.newBuilder().setId("person:itsunori-onodera").setName("Itsunori Onodera").setType("PERSON")
                    .setRoles(List.of("Defense Minister")).setLinkedTo("loc:iso3166:JP").setSalience(0.6)
                    .setMentions(List.of()).build());
            entities.add(Entity.newBuilder().setId("org:lockheed-martin").setName("Lockheed Martin").setType("ORGANIZATION")
                    .setRoles(List.of()).setSalience(0.2).setMentions(List.of()).build());
            topics.add(TopicTag.newBuilder().setCode("missile-defense").setLabel("Missile defense").setIptc("medtop:20000150")
                    .setScore(4.5).setEvidence(List.of(Evidence.newBuilder().setKind("PHRASE").setText("missile defense")
                            .setWeight(2.0).setSpans(List.of(japan)).build())).build());
            topics.add(TopicTag.newBuilder().setCode("northern-territories").setLabel("Northern Territories").setIptc(null)
                    .setScore(2.0).setEvidence(List.of()).build());
        }
        return EnrichedArticle.newBuilder()
                .setArticle(raw)
                .setEntities(entities)
                .setTopics(topics)
                .setAmounts(status == PubStatus.USABLE ? List.of(Amount.newBuilder().setType("MONEY").setValue(4.664E11)
                        .setUnit("JPY").setApproximate(false).setNormalized("466400000000 JPY").setSpan(span(body, 0, 0)).build()) : List.of())
                .setDates(List.of(DateMention.newBuilder().setStart("2018-07-31").setEnd(null).setSpan(span(body, 0, 0)).build()))
                .setLineage(Lineage.newBuilder().setTopic("news.raw").setPartition(0).setOffset(version).build())
                .setEnricherVersion("0.1.0")
                .setTaxonomyVersion("2026-11-01")
                .setEnrichedAt(received.plusMillis(250))
                .build();
    }

    private static MentionSpan span(String body, int start, int end) {
        return MentionSpan.newBuilder().setStart(start).setEnd(end).setText(body.substring(start, end)).build();
    }
}
