package io.wirestream.enrich.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.schemas.Amount;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.MentionSpan;
import io.wirestream.schemas.TopicTag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed story (a real agency article) comes out with its people, roles, organisations, places, money, topics. */
class AnnotatorGoldenTest {
    private static final Path SEED = Path.of("..", "seeds", "000_22ebd5df95e2d1f5.txt");

    private static Annotator annotator;
    private static String body;
    private static Annotation annotation;

    @BeforeAll
    static void annotateSeed() throws IOException {
        annotator = Annotator.withDefaultTaxonomy();
        String text = Files.readString(SEED, StandardCharsets.UTF_8);
        // the plain-text parser keeps the photo caption apart: the body starts after the first paragraph
        body = text.substring(text.indexOf("\n\n") + 2);
        annotation = annotator.annotate(null, body, LocalDate.of(2018, 7, 31));
    }

    private static Map<String, Entity> byName(String type) {
        return annotation.entities().stream().filter(e -> e.getType().equals(type))
                .collect(Collectors.toMap(Entity::getName, e -> e, (a, b) -> a));
    }

    @Test
    void findsThePeopleWithTheirRoles() {
        Map<String, Entity> people = byName("PERSON");
        assertThat(people).containsKeys("Itsunori Onodera", "Sergei Shoigu", "Sergey Lavrov", "Taro Kono", "Shinzo Abe",
                "Vladimir Putin", "Katsutoshi Kawano");
        assertThat(people.get("Itsunori Onodera").getRoles()).contains("Defense Minister");
        assertThat(people.get("Sergei Shoigu").getRoles()).contains("Defense Minister");
        assertThat(people.get("Sergey Lavrov").getRoles()).contains("Foreign Minister");
        assertThat(people.get("Taro Kono").getRoles()).contains("Foreign Minister");
        assertThat(people.get("Shinzo Abe").getRoles()).contains("Prime Minister");
        assertThat(people.get("Vladimir Putin").getRoles()).contains("President");
        assertThat(people.get("Katsutoshi Kawano").getRoles()).contains("chief of staff of the Joint Staff Office");
    }

    @Test
    void mergesSurnamesIntoTheFullName() {
        Entity onodera = byName("PERSON").get("Itsunori Onodera");
        assertThat(onodera.getId()).isEqualTo("person:itsunori-onodera");
        assertThat(onodera.getMentions()).extracting(MentionSpan::getText)
                .contains("Itsunori Onodera", "Onodera").hasSizeGreaterThanOrEqualTo(4);
        assertThat(byName("PERSON")).doesNotContainKeys("Onodera", "Lavrov", "Kono", "Shoigu");
    }

    @Test
    void findsTheOrganisations() {
        assertThat(byName("ORGANIZATION")).containsKeys("Lockheed Martin", "Joint Staff Office", "Russian Pacific Fleet");
    }

    @Test
    void findsThePlaces() {
        Map<String, Entity> places = byName("LOCATION");
        assertThat(places).containsKeys("Moscow", "Japan", "Russia", "North Korea", "Northern Territories", "Vladivostok",
                "Hakodate", "Hokkaido", "Asia", "Far East");
        assertThat(places.get("Russia").getId()).isEqualTo("loc:iso3166:RU");
        assertThat(places.get("Moscow").getMentions()).extracting(MentionSpan::getText).contains("MOSCOW");
        assertThat(places.get("United States").getMentions()).extracting(MentionSpan::getText).containsOnly("U.S.");
    }

    @Test
    void linksNationalitiesToTheirCountry() {
        Entity russian = byName("NATIONALITY").get("Russian");
        assertThat(russian.getLinkedTo()).isEqualTo("loc:iso3166:RU");
    }

    @Test
    void everySpanIsTheTextItPointsAt() {
        for (Entity e : annotation.entities()) {
            for (MentionSpan s : e.getMentions()) {
                assertThat(body.substring(s.getStart(), s.getEnd())).isEqualTo(s.getText());
            }
        }
        for (Amount a : annotation.amounts()) {
            assertThat(body.substring(a.getSpan().getStart(), a.getSpan().getEnd())).isEqualTo(a.getSpan().getText());
        }
        for (TopicTag t : annotation.topics()) {
            t.getEvidence().forEach(ev -> ev.getSpans().forEach(s ->
                    assertThat(body.substring(s.getStart(), s.getEnd())).isEqualTo(s.getText())));
        }
    }

    @Test
    void findsTheMoneyInBothCurrencies() {
        assertThat(annotation.amounts()).filteredOn(a -> a.getType().equals("MONEY"))
                .extracting(Amount::getNormalized, a -> a.getSpan().getText())
                .contains(org.assertj.core.groups.Tuple.tuple("466400000000 JPY", "466.4 billion yen"),
                        org.assertj.core.groups.Tuple.tuple("4200000000 USD", "$4.2 billion"));
        assertThat(annotation.amounts()).filteredOn(a -> a.getType().equals("QUANTITY"))
                .extracting(Amount::getNormalized, Amount::getApproximate)
                .contains(org.assertj.core.groups.Tuple.tuple("1000 km", true));
    }

    @Test
    void resolvesTheDatesAgainstTheStoryDate() {
        assertThat(annotation.dates()).extracting(d -> d.getSpan().getText(), d -> d.getStart(), d -> d.getEnd())
                .contains(org.assertj.core.groups.Tuple.tuple("July 31", "2018-07-31", null),
                        org.assertj.core.groups.Tuple.tuple("Aug. 16 to 20", "2018-08-16", "2018-08-20"));
    }

    @Test
    void tagsTheTopicsWithEvidence() {
        List<String> codes = annotation.topics().stream().map(TopicTag::getCode).toList();
        assertThat(codes).contains("missile-defense", "northern-territories", "diplomacy", "defence", "japan-russia-relations");
        TopicTag md = annotation.topics().stream().filter(t -> t.getCode().equals("missile-defense")).findFirst().orElseThrow();
        assertThat(md.getIptc()).isEqualTo("medtop:20000602");
        assertThat(md.getEvidence()).isNotEmpty();
        assertThat(md.getEvidence().get(0).getSpans()).isNotEmpty();
        assertThat(codes).doesNotContain("sport", "arts-culture-entertainment");
    }

    @Test
    void theWholeFileWithItsCaptionGivesTheSamePeople() throws IOException {
        String text = Files.readString(SEED, StandardCharsets.UTF_8);
        Annotation whole = annotator.annotate(null, text, null);
        assertThat(whole.entities()).filteredOn(e -> e.getType().equals("PERSON")).extracting(Entity::getName)
                .contains("Itsunori Onodera", "Sergei Shoigu", "Sergey Lavrov", "Taro Kono", "Shinzo Abe",
                        "Vladimir Putin", "Katsutoshi Kawano");
    }

    @Test
    void stampsTheTaxonomyVersion() {
        assertThat(annotator.taxonomyVersion()).matches("2026\\.11\\.1\\+[0-9a-f]{12}");
    }
}
