package io.wirestream.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.ops.OpsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {

    private static String readme() throws Exception {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void namesAreUniqueCarryUnitsAndCountersEndInTotal() {
        Set<String> names = new HashSet<>();
        for (MetricDef d : MetricCatalog.all()) {
            assertThat(names.add(d.name())).as("duplicate %s", d.name()).isTrue();
            assertThat(d.name()).startsWith("wirestream_");
            assertThat(d.help()).isNotBlank();
            if (d.type() == MetricDef.Type.COUNTER) {
                assertThat(d.name()).endsWith("_total");
            }
        }
    }

    @Test
    void readmeListsEveryMetricWithItsLabels() throws Exception {
        String readme = readme();
        for (MetricDef d : MetricCatalog.all()) {
            assertThat(readme).as("README documents %s", d.name()).contains("`" + d.name() + "`");
            for (String label : d.labels()) {
                assertThat(readme).contains("`" + label + "`");
            }
        }
        assertThat(readme).as("the README's metric table is the catalog's").contains(MetricCatalog.markdownTable());
    }

    @Test
    void everyConfigKeyIsDocumentedInCodeAndReadme() throws Exception {
        String readme = readme();
        for (ConfigDef.ConfigKey key : OpsConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as("doc of %s", key.name).isNotBlank();
            assertThat(readme).as("README documents %s", key.name).contains("`" + key.name + "`");
        }
        assertThat(readme).contains(OpsConfig.markdownTable());
    }
}
