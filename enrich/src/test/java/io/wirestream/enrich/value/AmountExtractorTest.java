package io.wirestream.enrich.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.wirestream.enrich.text.Tokenizer;
import io.wirestream.schemas.Amount;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmountExtractorTest {
    private final AmountExtractor extractor = new AmountExtractor();

    private List<Amount> extract(String s) {
        return extractor.extract(Tokenizer.tokenize(s));
    }

    @Test
    void readsMoneyWithSymbolsWordsAndMultipliers() {
        assertThat(extract("Japan will spend 466.4 billion yen ($4.2 billion), US$300 million and 12 euros."))
                .extracting(Amount::getType, Amount::getValue, Amount::getUnit, a -> a.getSpan().getText())
                .containsExactly(tuple("MONEY", 4.664E11, "JPY", "466.4 billion yen"),
                        tuple("MONEY", 4.2E9, "USD", "$4.2 billion"),
                        tuple("MONEY", 3.0E8, "USD", "US$300 million"),
                        tuple("MONEY", 12.0, "EUR", "12 euros"));
    }

    @Test
    void readsHedgedQuantities() {
        assertThat(extract("a range of about 1,000 kilometers, more than 30 percent and 5 tons"))
                .extracting(Amount::getNormalized, Amount::getApproximate, a -> a.getSpan().getText())
                .containsExactly(tuple("1000 km", true, "about 1,000 kilometers"),
                        tuple("30 percent", true, "more than 30 percent"),
                        tuple("5 t", false, "5 tons"));
    }

    @Test
    void ignoresBareNumbers() {
        assertThat(extract("In 2018 the 4 ministers met 3 times")).isEmpty();
    }
}
