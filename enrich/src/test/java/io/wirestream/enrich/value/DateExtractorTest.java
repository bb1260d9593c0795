package io.wirestream.enrich.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.wirestream.enrich.text.Tokenizer;
import io.wirestream.schemas.DateMention;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DateExtractorTest {
    private final DateExtractor extractor = new DateExtractor();

    private List<DateMention> extract(String s, LocalDate story) {
        return extractor.extract(Tokenizer.tokenize(s), story);
    }

    @Test
    void resolvesDaysAndRangesAgainstTheStoryDate() {
        assertThat(extract("They met on July 31 and plan a visit from Aug. 16 to 20.", LocalDate.of(2018, 7, 31)))
                .extracting(d -> d.getSpan().getText(), DateMention::getStart, DateMention::getEnd)
                .containsExactly(tuple("July 31", "2018-07-31", null), tuple("Aug. 16 to 20", "2018-08-16", "2018-08-20"));
    }

    @Test
    void takesTheYearNearestTheStory() {
        assertThat(extract("The talks of December 28 failed.", LocalDate.of(2019, 1, 3)))
                .extracting(DateMention::getStart).containsExactly("2018-12-28");
    }

    @Test
    void keepsExplicitYearsAndLeavesUnresolvableOnesNull() {
        assertThat(extract("Signed on July 31, 2005, and again on 16 August.", null))
                .extracting(DateMention::getStart).containsExactly("2005-07-31", null);
    }

    @Test
    void resolvesWeekdaysToTheLastOneBeforeTheStory() {
        assertThat(extract("Officials said on Thursday that", LocalDate.of(2018, 7, 31)))
                .extracting(DateMention::getStart).containsExactly("2018-07-26");
    }
}
