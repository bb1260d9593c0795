package io.wirestream.sink.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.wirestream.schemas.Amount;
import io.wirestream.schemas.DateMention;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.Evidence;
import io.wirestream.schemas.Lineage;
import io.wirestream.schemas.MentionSpan;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.TopicTag;

/**
 * Enriched stories shaped like the pipeline bench's (README "Benchmarks": about 13 entities and 4 topics per story, a
 * whole-document JSON of about 9.4 KB), made from the seed texts under {@code seeds/}: each copy has its middle
 * paragraphs shuffled and its figures redrawn, so bodies differ and the full-text index sees varied input, and its
 * entities are capitalised names with their real mention spans. {@link io.wirestream.sink.postgres.PostgresSinkBenchmark}
 * uses them because PostgreSQL's cost per story (jsonb parsing, to_tsvector, the GIN index) grows with its size, and
 * {@link Articles#plain} stories are a tenth of it.
 */
public final class SeedSizedArticles {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern FIGURE = Pattern.compile("\\d[\\d,.]*\\d");
    private static final Pattern NAME = Pattern.compile("\\b[A-Z][a-z]+(?: [A-Z][a-z]+)*\\b");
    private static final String[] TYPES = {"PERSON", "ORGANIZATION", "LOCATION", "NATIONALITY", "EVENT"};
    private static final int ENTITIES = 13;
    private static final int TOPICS = 4;

    private final List<String> templates;

    private SeedSizedArticles(List<String> templates) {
        this.templates = templates;
    }

    /** From the {@code seeds/*.txt} of the repository (found from the working directory: the root or a module). */
    public static SeedSizedArticles fromSeeds() {
        Path dir = Stream.of(Path.of("seeds"), Path.of("../seeds")).filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IllegalStateException("No seeds/ directory here or one level up"));
        try (Stream<Path> files = Files.list(dir)) {
            List<String> texts = files.filter(p -> p.toString().endsWith(".txt")).sorted().map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            if (texts.isEmpty()) {
                throw new IllegalStateException("No *.txt under " + dir.toAbsolutePath());
            }
            return new SeedSizedArticles(texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Story {@code n} (deterministic), version {@code version}. */
    public EnrichedArticle story(String storyId, int version, int n) {
        Random random = new Random(n);
        String template = templates.get(n % templates.size());
        String body = vary(template, random);
        String headline = body.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        if (headline.length() > 120) {
            headline = headline.substring(0, 120);
        }
        Instant received = Instant.parse("2018-08-01T03:00:00Z").plusSeconds(n).plusSeconds(version);
        RawArticle raw = RawArticle.newBuilder()
                .setStoryId(storyId).setVersion(version).setSource("bench").setFormat("plain-text")
                .setPubStatus(PubStatus.USABLE).setUrgency(3).setReceived(received).setVersionCreated(received.minusSeconds(60))
                .setEmbargoed(null).setHeadline(headline).setByline("Dai Nagata and Takashi Kida").setDateline("MOSCOW")
                .setCaption(null).setBody(body).setLanguage("en").setSubjects(List.of("medtop:11000000"))
                .setContentHash(Integer.toHexString(body.hashCode()).repeat(8)).setAttributes(Map.of("service", "world"))
                .build();
        List<Entity> entities = entities(body, random);
        List<TopicTag> topics = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            List<Evidence> evidence = new ArrayList<>();
            for (int e = 0; e < 2; e++) {
                Entity source = entities.get((t * 2 + e) % entities.size());
                evidence.add(Evidence.newBuilder().setKind(e == 0 ? "PHRASE" : "TERM").setText(source.getName())
                        .setWeight(1.5 + e).setSpans(source.getMentions().subList(0, Math.min(2, source.getMentions().size()))).build());
            }
            topics.add(TopicTag.newBuilder().setCode("topic-" + (n + t) % 40).setLabel("Topic " + (n + t) % 40)
                    .setIptc(t % 2 == 0 ? "medtop:2000" + (n + t) % 40 : null).setScore(5.0 - t * 0.5).setEvidence(evidence).build());
        }
        List<Amount> amounts = new ArrayList<>();
        List<DateMention> dates = new ArrayList<>();
        Matcher figure = FIGURE.matcher(body);
        while (figure.find() && amounts.size() < 5) {
            MentionSpan span = span(body, figure.start(), figure.end());
            amounts.add(Amount.newBuilder().setType("MONEY").setValue(random.nextDouble() * 1e9).setUnit("USD")
                    .setApproximate(false).setNormalized(figure.group() + " USD").setSpan(span).build());
            dates.add(DateMention.newBuilder().setStart("2018-07-" + (10 + amounts.size())).setEnd(null).setSpan(span).build());
        }
        return EnrichedArticle.newBuilder()
                .setArticle(raw).setEntities(entities).setTopics(topics).setAmounts(amounts).setDates(dates)
                .setLineage(Lineage.newBuilder().setTopic("news.raw").setPartition(n % 3).setOffset(n).build())
                .setEnricherVersion("0.1.0").setTaxonomyVersion("2026-11-01").setEnrichedAt(received.plusMillis(250))
                .setClusterId(storyId).setDuplicateOf(null)
                .build();
    }

    /** The template with its middle paragraphs shuffled and its figures redrawn with the same number of digits. */
    private static String vary(String template, Random random) {
        List<String> paragraphs = new ArrayList<>(List.of(PARAGRAPH_BREAK.split(template.strip())));
        if (paragraphs.size() > 3) {
            Collections.shuffle(paragraphs.subList(2, paragraphs.size()), random);
        }
        Matcher m = FIGURE.matcher(String.join("\n\n", paragraphs));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            StringBuilder figure = new StringBuilder();
            for (char c : m.group().toCharArray()) {
                figure.append(Character.isDigit(c) ? (char) ('0' + random.nextInt(10)) : c);
            }
            if (figure.charAt(0) == '0') {
                figure.setCharAt(0, '1');
            }
            m.appendReplacement(out, figure.toString());
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Up to 13 distinct capitalised names of the body, each with (up to 3 of) its mention spans. */
    private static List<Entity> entities(String body, Random random) {
        Map<String, List<MentionSpan>> mentions = new java.util.LinkedHashMap<>();
        Matcher m = NAME.matcher(body);
        while (m.find()) {
            List<MentionSpan> spans = mentions.computeIfAbsent(m.group(), k -> new ArrayList<>());
            if (spans.size() < 3) {
                spans.add(span(body, m.start(), m.end()));
            }
        }
        List<Map.Entry<String, List<MentionSpan>>> names = new ArrayList<>(mentions.entrySet());
        names.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
        List<Entity> entities = new ArrayList<>();
        for (Map.Entry<String, List<MentionSpan>> name : names.subList(0, Math.min(ENTITIES, names.size()))) {
            int i = entities.size();
            String type = TYPES[i % TYPES.length];
            entities.add(Entity.newBuilder()
                    .setId(type.toLowerCase(java.util.Locale.ROOT) + ":" + name.getKey().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'))
                    .setName(name.getKey()).setType(type).setRoles(i % 4 == 0 ? List.of("Minister") : List.of())
                    .setLinkedTo(i % 3 == 0 ? "loc:iso3166:JP" : null).setSalience(1.0 / (i + 1) + random.nextDouble() / 100)
                    .setMentions(name.getValue()).build());
        }
        return entities;
    }

    private static MentionSpan span(String body, int start, int end) {
        return MentionSpan.newBuilder().setStart(start).setEnd(end).setText(body.substring(start, end)).build();
    }
}
