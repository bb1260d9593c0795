package io.wirestream.enrich.taxonomy;

import java.util.List;
import java.util.Map;

/**
 * One topic of a taxonomy.
 *
 * @param slug      lower-case id, also the Kafka topic suffix ({@code news.topic.<slug>})
 * @param label     human label
 * @param iptc      IPTC Media Topic qcode ({@code medtop:20000598}) or null
 * @param threshold minimum score for the topic to be assigned
 * @param terms     words and phrases (lower case) with their weights
 * @param entities  entity ids ({@code loc:iso3166:RU}) or canonical names with their weights
 * @param requires  co-occurrence groups: each group needs at least one of its terms / entities to have fired
 * @param excludes  terms or entities that veto the topic
 * @param line      line of the topic in its file (0 when built in code)
 */
public record TopicDefinition(String slug, String label, String iptc, double threshold, Map<String, Double> terms,
                              Map<String, Double> entities, List<List<String>> requires, List<String> excludes,
                              int line) {
}
