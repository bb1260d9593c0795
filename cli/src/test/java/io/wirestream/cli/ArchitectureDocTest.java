package io.wirestream.cli;

import io.wirestream.enrich.taxonomy.Taxonomy;
import io.wirestream.enrich.taxonomy.TopicDefinition;
import io.wirestream.local.registry.EmbeddedSchemaRegistry;
import io.wirestream.schemas.topic.Topics;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/ARCHITECTURE.md names only modules, subcommands and topics that exist, and names every module and subcommand. */
class ArchitectureDocTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern MODULE = Pattern.compile("\\| `([a-z]+)/` \\|");
    private static final Pattern SUBCOMMAND = Pattern.compile("`wirestream ([a-z-]+)");
    private static final Pattern TOPIC = Pattern.compile("\\bnews\\.[A-Za-z0-9._<>&;-]*[A-Za-z0-9>;]");

    private static String doc() throws IOException {
        return Files.readString(ROOT.resolve("docs/ARCHITECTURE.md"));
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }

    @Test
    void theModuleTableListsExactlyTheReactorsModules() throws IOException {
        Set<String> reactor = all(Pattern.compile("<module>([a-z]+)</module>"), Files.readString(ROOT.resolve("pom.xml")));

        assertThat(reactor).isNotEmpty();
        assertThat(all(MODULE, doc())).isEqualTo(reactor);
    }

    @Test
    void everyWirestreamSubcommandNamedExistsAndEveryOneIsNamed() throws IOException {
        Set<String> commands = new CommandLine(new WirestreamCommand()).getSubcommands().keySet().stream()
                .filter(name -> !name.equals("help")).collect(Collectors.toCollection(TreeSet::new));

        Set<String> named = all(SUBCOMMAND, doc());

        assertThat(commands).isNotEmpty();
        assertThat(named).isEqualTo(commands);
    }

    @Test
    void everyTopicNamedIsAPipelineTopicOrATopicOfTheDefaultTaxonomy() throws IOException {
        Topics topics = Topics.defaults();
        Set<String> slugs = Taxonomy.defaults().topics().stream().map(TopicDefinition::slug).collect(Collectors.toSet());
        String doc = doc();

        Set<String> named = all(TOPIC, doc);

        assertThat(named).contains(topics.raw(), topics.enriched(), topics.dlq());
        assertThat(named).allSatisfy(topic -> {
            if (topics.isTopicTopic(topic)) {
                String slug = topics.slugOf(topic);
                assertThat(slug.equals("<slug>") || slug.equals("&lt;slug&gt;") || slugs.contains(slug))
                        .as("%s: a slug of the default taxonomy, or the <slug> placeholder", topic).isTrue();
            } else {
                assertThat(topic).isIn(topics.raw(), topics.enriched(), topics.dlq());
            }
        });
        assertThat(doc).contains("`" + EmbeddedSchemaRegistry.DEFAULT_TOPIC + "`");
    }
}
