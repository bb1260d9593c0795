package io.wirestream.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Lineage;
import io.wirestream.schemas.serde.AvroSerdes;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterFieldsTest {

    private static final String TOPIC = "news.enriched";
    private final Serde<EnrichedArticle> serde = AvroSerdes.specific(EnrichedArticle.class, "mock://cluster-fields-test", false);

    private EnrichedArticle story(String storyId, String clusterId, String duplicateOf) {
        return EnrichedArticle.newBuilder()
            .setArticle(RawArticles.story(storyId, 1, "body"))
            .setLineage(new Lineage("news.raw", 0, 0L))
            .setEnricherVersion("dev").setTaxonomyVersion("t").setEnrichedAt(Instant.EPOCH)
            .setClusterId(clusterId).setDuplicateOf(duplicateOf)
            .build();
    }

    private byte[] encode(EnrichedArticle article) {
        return serde.serializer().serialize(TOPIC, article);
    }

    @ParameterizedTest(name = "{0} -> cluster {1}, duplicate of {2}")
    @CsvSource(nullValues = "NULL", value = {
        "s1, a, NULL",
        "s1, a, a",
        "s1, other-cluster, another-story",
        // over 63 bytes: a two-byte length
        "story-with-a-long-id-0123456789-0123456789-0123456789-0123456789, c, c",
        "s1, c-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789, NULL",
        "s\u00e9, cl\u00fcster-\u4e2d, NULL",
    })
    void aPatchedTailIsByteForByteWhatEncodingTheAssignedStoryGives(String storyId, String clusterId, String duplicateOf) {
        byte[] asEnrichWrites = encode(story(storyId, storyId, null));

        byte[] patched = ClusterFields.assign(asEnrichWrites, storyId, clusterId, duplicateOf);

        assertThat(patched).isEqualTo(encode(story(storyId, clusterId, duplicateOf)));
        assertThat(serde.deserializer().deserialize(TOPIC, patched)).isEqualTo(story(storyId, clusterId, duplicateOf));
    }

    @Test
    void anUnchangedAssignmentReturnsTheSameBytes() {
        byte[] encoded = encode(story("s1", "s1", null));
        assertThat(ClusterFields.assign(encoded, "s1", "s1", null)).isSameAs(encoded);
    }

    @Test
    void bytesThatDoNotEndWithTheOwnClusterAreLeftToTheSlowWay() {
        byte[] alreadyAssigned = encode(story("s1", "a", "a"));
        byte[] noCluster = encode(story("s1", null, null));
        assertThat(ClusterFields.assign(alreadyAssigned, "s1", "b", null)).isNull();
        assertThat(ClusterFields.assign(noCluster, "s1", "b", null)).isNull();
        assertThat(ClusterFields.assign(new byte[3], "s1", "b", null)).isNull();
    }

    @Test
    void onlyASchemaEndingWithBothOptionalStringsCanBePatched() {
        assertThat(ClusterFields.PATCHABLE).isTrue();
        Schema reordered = SchemaBuilder.record("R").fields()
            .optionalString("duplicateOf").optionalString("clusterId").endRecord();
        Schema required = SchemaBuilder.record("R").fields()
            .requiredString("clusterId").optionalString("duplicateOf").endRecord();
        Schema trailing = SchemaBuilder.record("R").fields()
            .optionalString("clusterId").optionalString("duplicateOf").requiredLong("enrichedAt").endRecord();
        assertThat(Arrays.asList(reordered, required, trailing)).noneMatch(ClusterFields::endsWithClusterFields);
        assertThat(ClusterFields.endsWithClusterFields(SchemaBuilder.record("R").fields()
            .requiredLong("x").optionalString("clusterId").optionalString("duplicateOf").endRecord())).isTrue();
    }
}
