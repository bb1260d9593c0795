package io.wirestream.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private static List<String> tokens(String s) {
        TokenizedText t = Tokenizer.tokenize(s);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) out.add(t.token(i));
        return out;
    }

    @Test
    void keepsDottedAbbreviationsHyphensAndNumbersWhole() {
        assertThat(tokens("The U.S. plan cost $4.2 billion, about 1,000 kilometers, al-Qaida said."))
                .containsExactly("The", "U.S.", "plan", "cost", "$", "4.2", "billion", ",", "about", "1,000", "kilometers",
                        ",", "al-Qaida", "said", ".");
    }

    @Test
    void splitsPossessivesButKeepsNamesWithApostrophes() {
        assertThat(tokens("Japan’s plan and Shi'ite O'Brien's view")).containsExactly("Japan", "’s", "plan", "and",
                "Shi'ite", "O'Brien", "'s", "view");
    }

    @Test
    void keepsThePeriodOfTitlesAndInitials() {
        assertThat(tokens("Mr. Bush met George W. Bush on Aug. 16.")).containsExactly("Mr.", "Bush", "met", "George",
                "W.", "Bush", "on", "Aug.", "16", ".");
    }

    @Test
    void marksSentenceStartsAfterPeriodsLineBreaksQuotesAndDatelines() {
        TokenizedText t = Tokenizer.tokenize("MOSCOW--Russia spoke. He said, \"We agree.\"\nOnodera left.");
        List<String> starts = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) if (t.is(i, TokenizedText.SENT_START)) starts.add(t.token(i));
        assertThat(starts).containsExactly("MOSCOW", "Russia", "He", "We", "Onodera");
    }

    @Test
    void offsetsPointIntoTheText() {
        String s = "  Kono met\tLavrov.";
        TokenizedText t = Tokenizer.tokenize(s);
        for (int i = 0; i < t.size(); i++) assertThat(s.substring(t.start(i), t.end(i))).isEqualTo(t.token(i));
        assertThat(t.tokenAt(s.indexOf("Lavrov") + 2)).isEqualTo(2);
    }
}
