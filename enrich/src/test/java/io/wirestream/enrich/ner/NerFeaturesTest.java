package io.wirestream.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.enrich.entity.EntityRecognizer;
import io.wirestream.enrich.entity.EntityResolver;
import io.wirestream.enrich.entity.Gazetteer;
import io.wirestream.enrich.text.TokenizedText;
import io.wirestream.enrich.text.Tokenizer;
import io.wirestream.enrich.topology.RawArticles;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NerFeaturesTest {

    /**
     * The feature ids of the seed story (with and without the rules' opinion) and of an all-caps headline, as the code
     * before the speed changes of issue 14 computed them (look-ups reordered and memoised per text): a faster
     * extraction must give the model the same ids. A deliberate change of the features (a new model) updates these.
     */
    @Test
    void featureIdsAreTheOnesTheModelWasTrainedOn() throws Exception {
        Gazetteer gazetteer = Gazetteer.defaults();
        NerFeatures features = new NerFeatures(gazetteer);
        TokenizedText seed = Tokenizer.tokenize(Files.readString(RawArticles.SEED));
        var mentions = new EntityRecognizer(gazetteer).recognize(seed);
        var entities = new EntityResolver(gazetteer).resolve(seed, mentions, null);
        assertThat(Arrays.deepHashCode(features.extract(seed, mentions, entities))).isEqualTo(1046494318);
        assertThat(Arrays.deepHashCode(features.extract(seed))).isEqualTo(-1752781212);
        TokenizedText caps = Tokenizer.tokenize("RUSSIA VOICES CONCERN OVER JAPAN'S PLAN\n"
            + "MOSCOW--Sergei Lavrov met Taro Kono and Rose Bush in Tokyo.");
        assertThat(Arrays.deepHashCode(features.extract(caps))).isEqualTo(-614295318);
    }
}
