package io.wirestream.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.enrich.entity.EntityRecognizer;
import io.wirestream.enrich.entity.Gazetteer;
import io.wirestream.enrich.entity.Mention;
import io.wirestream.enrich.text.TokenizedText;
import io.wirestream.enrich.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The combiner on small hand-made sentences with hand-made tagger spans (so each rule is pinned whatever the shipped
 * model happens to tag): the rules' mentions come from the real recognizer.
 */
class NameCombinerTest {
    private static final Gazetteer GAZETTEER = Gazetteer.defaults();
    private static final int PER = 0, ORG = 1, LOC = 2;

    /** What the combiner keeps for {@code text} when the tagger proposes {@code spans} ("words" -> class). */
    private static List<String> combine(String text, Object... spans) {
        TokenizedText t = Tokenizer.tokenize(text);
        List<NerTagger.Span> tagged = new ArrayList<>();
        for (int k = 0; k < spans.length; k += 2) {
            tagged.addAll(find(t, (String) spans[k], (Integer) spans[k + 1]));
        }
        tagged.sort((a, b) -> Integer.compare(a.from(), b.from()));
        List<Mention> rules = new EntityRecognizer(GAZETTEER).recognize(t);
        return new NameCombiner(GAZETTEER).combine(t, rules, tagged).stream()
                .map(m -> m.text() + "/" + m.type()).toList();
    }

    /** Every occurrence of the words as a tagger span of class {@code cls}, with a confident margin. */
    private static List<NerTagger.Span> find(TokenizedText t, String words, int cls) {
        String[] w = words.split(" ");
        List<NerTagger.Span> out = new ArrayList<>();
        for (int i = 0; i + w.length <= t.size(); i++) {
            boolean match = true;
            for (int k = 0; k < w.length && match; k++) match = t.token(i + k).equals(w[k]);
            if (match) out.add(new NerTagger.Span(i, i + w.length, cls, 100f));
        }
        assertThat(out).as("tokens %s", words).isNotEmpty();
        return out;
    }

    @Test
    void aWeekdayAtTheEndOfATaggerSpanIsNoPartOfTheName() {
        assertThat(combine("Mr. Mandelson Tuesday said the talks had failed.", "Mandelson Tuesday", PER))
                .contains("Mandelson/PERSON")
                .noneMatch(m -> m.contains("Tuesday"));
    }

    @Test
    void aDeterminerOpeningTheSentenceIsNoPartOfTheNameUnlessTheNameHasIt() {
        assertThat(combine("The Commerce Department said exports rose.", "The Commerce Department", ORG))
                .contains("Commerce Department/ORGANIZATION")
                .noneMatch(m -> m.startsWith("The "));
        assertThat(combine("The Hague is the seat of the court.", "The Hague", LOC)).contains("The Hague/LOCATION");
    }

    @Test
    void aScoreASpreadsheetTurnedIntoADateIsNoPerson() {
        assertThat(combine("Benin tied the game 01-Jan , after a late goal.", "Jan", PER))
                .noneMatch(m -> m.startsWith("Jan/"));
    }

    @Test
    void aNationalityOrAReligiousGroupAloneIsNoPerson() {
        assertThat(combine("Officials said Muslim groups met Kurds and a Hispanic singer.", "Muslim", PER, "Kurds", PER,
                "Hispanic", PER))
                .noneMatch(m -> m.endsWith("/PERSON"));
    }

    @Test
    void aNameAfterAStormWordIsTheStormAndSoIsItsNameAlone() {
        List<String> out = combine("Forecasters expect Hurricane Gustav to pass south of Cuba.\n"
                + "Gustav has winds of 150 kilometers per hour.", "Gustav", PER);
        assertThat(out).contains("Hurricane Gustav/EVENT", "Gustav/EVENT").noneMatch(m -> m.endsWith("/PERSON"));
    }

    @Test
    void aNationalityBeforeAStateBodyIsNoPartOfItsName() {
        assertThat(combine("The Afghan Defense Ministry says the rebels were killed.", "Afghan Defense Ministry", ORG))
                .containsSubsequence("Afghan/NATIONALITY", "Defense Ministry/ORGANIZATION");
        assertThat(combine("The Scottish National Party won the seat.", "Scottish National Party", ORG))
                .contains("Scottish National Party/ORGANIZATION");
    }

    @Test
    void aNameAfterAnHonorificStaysAPersonWhateverClassTheTaggerGivesIt() {
        assertThat(combine("Mr. Obrador is leading most opinion polls.", "Obrador", LOC))
                .contains("Obrador/PERSON")
                .doesNotContain("Obrador/LOCATION");
    }

    @Test
    void aPersonTheStoryShowsToBeACompanyIsThatCompanyWhereverItIsNamed() {
        assertThat(combine("The cable maker Pirelli announced a venture in China.\nPirelli shares rose 2 percent.",
                "Pirelli", PER))
                .containsExactly("Pirelli/ORGANIZATION", "China/LOCATION", "Pirelli/ORGANIZATION");
        assertThat(combine("The deal values Magna at $ 1 billion.\nOntario-based Magna makes car parts.", "Magna", PER))
                .containsOnly("Magna/ORGANIZATION");
        assertThat(combine("Investors bought shares of Jones on Friday.", "Jones", PER)).contains("Jones/ORGANIZATION");
        assertThat(combine("Analysts said Lear shares fell.", "Lear", PER)).contains("Lear/ORGANIZATION");
        // a person who shares something, and a titled person, stay people
        assertThat(combine("Smith shares the prize with Jones.", "Smith", PER, "Jones", PER))
                .contains("Smith/PERSON", "Jones/PERSON");
    }

    @Test
    void functionWordsAndWeekdaysInCapitalsAtTheEndsOfATaggerSpanAreNoPartOfTheName() {
        assertThat(combine("TENNIS - FRIDAY RESULTS FROM THE U.S. OPEN .", "FRIDAY", ORG, "RESULTS FROM THE", ORG))
                .noneMatch(m -> m.contains("FRIDAY") || m.contains("FROM"));
        assertThat(combine("Fighting in the Democratic Republic of the Congo went on.", "Democratic Republic of", LOC))
                .contains("Democratic Republic/LOCATION");
    }

    @Test
    void inALineWrittenInCapitalsTheRulesUnknownNamesTheTaggerLeavesOutAreDropped() {
        assertThat(combine("SOCCER - RESULTS OF SOUTH KOREAN PRO-SOCCER GAMES .", "SOUTH KOREAN", 3))
                .noneMatch(m -> m.startsWith("RESULTS"));
        assertThat(combine("CRICKET - AUSTRALIA 228-9 IN 50 OVERS V SRI LANKA .", "AUSTRALIA", LOC))
                .contains("AUSTRALIA/LOCATION", "SRI LANKA/LOCATION") // known names stay
                .noneMatch(m -> m.startsWith("IN/") || m.startsWith("OVERS"));
        assertThat(NameCombiner.inCapitals(Tokenizer.tokenize("Officials in MOSCOW said NATO was wrong."), 2)).isFalse();
    }

    @Test
    void aCapitalisedCommonNounAfterAnArticleIsNoNameOfItsOwn() {
        assertThat(combine("One day a Fox met the Lion near the river.", "Fox", ORG, "Lion", ORG))
                .noneMatch(m -> m.endsWith("/ORGANIZATION"));
        assertThat(combine("In Chicago, the Braves beat the Cubs 4-2.", "Braves", ORG, "Cubs", ORG))
                .contains("Braves/ORGANIZATION", "Cubs/ORGANIZATION"); // teams, plural
    }

    @Test
    void aPlaceThatIsTheSurnameOfAPersonTheStoryNamesInFullIsThatPerson() {
        assertThat(combine("Director Neil Jordan shot the film in Dublin.\nJordan defends his decision.", "Neil Jordan",
                PER, "Jordan", LOC, "Dublin", LOC))
                .containsExactly("Neil Jordan/PERSON", "Dublin/LOCATION", "Jordan/PERSON");
        assertThat(combine("King Abdullah met Jordan 's cabinet.", "Abdullah", PER, "Jordan", LOC))
                .contains("Jordan/LOCATION");
    }

    @Test
    void aTablesColumnHeadsAreNoName() {
        assertThat(combine("EASTERN DIVISION\nW L PCT GB\nNEW YORK 74 59 .556 -", "L PCT GB", PER, "NEW YORK", LOC))
                .containsExactly("NEW YORK/LOCATION");
    }

    @Test
    void unaffectedSpansPassThrough() {
        assertThat(combine("Angela Merkel met Vladimir Putin in Moscow on Tuesday.", "Angela Merkel", PER,
                "Vladimir Putin", PER, "Moscow", LOC))
                .contains("Angela Merkel/PERSON", "Vladimir Putin/PERSON", "Moscow/LOCATION");
    }
}
