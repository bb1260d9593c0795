package io.wirestream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.schemas.RawArticle;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticCorpusTest {

    private static final Path SEEDS = Path.of("..", "seeds");

    private static List<RawArticle> parse(List<SyntheticCorpus.Story> stories) throws Exception {
        FormatSniffer sniffer = FormatSniffer.defaults();
        List<RawArticle> articles = new java.util.ArrayList<>();
        for (SyntheticCorpus.Story story : stories) {
            List<RawArticle> parsed = sniffer.parse(story.bytes(), story.context("bench"), null).articles();
            assertThat(parsed).as(story.name()).hasSize(1);
            articles.add(parsed.get(0));
        }
        return articles;
    }

    @Test
    void everyStoryParsesWithItsOwnStoryIdAndContentHash() throws Exception {
        List<String> templates = SyntheticCorpus.templates(SEEDS);
        List<RawArticle> articles = parse(new SyntheticCorpus(templates, 7, "t1").take(600));

        assertThat(articles).extracting(RawArticle::getStoryId).doesNotHaveDuplicates();
        assertThat(articles).extracting(RawArticle::getContentHash).doesNotHaveDuplicates();
        assertThat(articles).allSatisfy(a -> {
            assertThat(a.getFormat()).isEqualTo("plain-text");
            assertThat(a.getBody()).hasSizeGreaterThan(300);
        });
    }

    @Test
    void storiesVaryOverEveryTemplate() throws Exception {
        List<String> templates = SyntheticCorpus.templates(SEEDS);
        List<RawArticle> articles = parse(new SyntheticCorpus(templates, 7, "t1").take(templates.size() * 3));

        Set<String> datelines = new HashSet<>();
        articles.forEach(a -> datelines.add(String.valueOf(a.getDateline())));
        assertThat(datelines).as("one dateline per template").hasSize(templates.size());
        assertThat(articles).extracting(RawArticle::getBody).doesNotHaveDuplicates();
    }

    @Test
    void sameSeedGivesTheSameStoriesAndAnotherSeedOtherOnes() {
        List<String> templates = SyntheticCorpus.templates(SEEDS);
        List<String> first = new SyntheticCorpus(templates, 42, "a").take(50).stream().map(SyntheticCorpus.Story::text).toList();
        List<String> again = new SyntheticCorpus(templates, 42, "a").take(50).stream().map(SyntheticCorpus.Story::text).toList();
        List<String> other = new SyntheticCorpus(templates, 43, "a").take(50).stream().map(SyntheticCorpus.Story::text).toList();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void runTagChangesTheNamesButNotTheContent() {
        List<String> templates = SyntheticCorpus.templates(null);
        SyntheticCorpus.Story a = new SyntheticCorpus(templates, 5, "run-a").next();
        SyntheticCorpus.Story b = new SyntheticCorpus(templates, 5, "run-b").next();

        assertThat(a.name()).isEqualTo("bench-run-a-000001.txt");
        assertThat(b.name()).isEqualTo("bench-run-b-000001.txt");
        assertThat(a.text()).isEqualTo(b.text());
    }

    @Test
    void aTinyTemplateStillYieldsDistinctBodies() throws Exception {
        String tiny = "Short note\n\nOSLO (NTB) — The ferry left on time on Monday and arrived on time, the operator said in a statement"
            + " that also thanked passengers for their patience during the works.\n";
        List<RawArticle> articles = parse(new SyntheticCorpus(List.of(tiny), 1, "tiny").take(20));

        assertThat(articles).extracting(RawArticle::getContentHash).doesNotHaveDuplicates();
    }

    @Test
    void withoutSeedsFolderTheBuiltInStoriesAreUsed() {
        assertThat(SyntheticCorpus.templates(Path.of("no-such-folder"))).hasSize(BuiltInStories.texts().size());
        assertThat(SyntheticCorpus.templates(SEEDS)).hasSizeGreaterThan(BuiltInStories.texts().size());
    }

    @Test
    void rejectsARunTagThatCannotBeAFileName() {
        assertThatThrownBy(() -> new SyntheticCorpus(List.of("x"), 1, "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticCorpus(List.of(), 1, "a")).isInstanceOf(IllegalArgumentException.class);
    }
}
