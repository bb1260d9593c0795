package io.wirestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

class MainTest {

    @Test
    void versionExitsZeroAndNamesTheKafkaVersion() {
        CliRun r = CliRun.run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("wirestream ").contains("Kafka 4.3.1");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCodeTwo() {
        assertThat(Main.run(Map.of(), "--no-such-option")).isEqualTo(2);
    }

    @Test
    void unreadableConfigFileIsAUsageError(@TempDir Path dir) {
        assertThat(Main.run(Map.of(), "--config", dir.resolve("missing.properties").toString(), "--help")).isEqualTo(2);
    }

    @Command(name = "probe")
    static class Probe {
        @Mixin ClusterOptions cluster;
    }

    private static String bootstrapOf(Properties file, Map<String, String> env, String... args) {
        Probe probe = new Probe();
        CommandLine cmd = new CommandLine(probe);
        cmd.setDefaultValueProvider(new ConfigDefaultProvider(file, env));
        cmd.parseArgs(args);
        return probe.cluster.bootstrapServer;
    }

    @Test
    void optionDefaultComesFromTheOptionWhenNothingElseSaysOtherwise() {
        assertThat(bootstrapOf(new Properties(), Map.of())).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void configFileOverridesTheDefault() {
        Properties file = new Properties();
        file.setProperty("bootstrap-server", "file:9092");
        assertThat(bootstrapOf(file, Map.of())).isEqualTo("file:9092");
        Properties dotted = new Properties();
        dotted.setProperty("bootstrap.server", "dotted:9092");
        assertThat(bootstrapOf(dotted, Map.of())).isEqualTo("dotted:9092");
    }

    @Test
    void environmentOverridesTheConfigFileAndTheFlagOverridesBoth() {
        Properties file = new Properties();
        file.setProperty("bootstrap-server", "file:9092");
        Map<String, String> env = Map.of("WIRESTREAM_BOOTSTRAP_SERVER", "env:9092");
        assertThat(bootstrapOf(file, env)).isEqualTo("env:9092");
        assertThat(bootstrapOf(file, env, "--bootstrap-server", "flag:9092")).isEqualTo("flag:9092");
    }

    @Test
    void configFileIsFoundBeforeParsing(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("wirestream.properties");
        Files.writeString(config, "schema-registry=http://registry.example:8081\n");
        Properties props = ConfigDefaultProvider.load(new String[] {"up", "--config", config.toString()}, Map.of());
        assertThat(props.getProperty("schema-registry")).isEqualTo("http://registry.example:8081");
        Properties viaEnv = ConfigDefaultProvider.load(new String[0], Map.of("WIRESTREAM_CONFIG", config.toString()));
        assertThat(viaEnv.getProperty("schema-registry")).isEqualTo("http://registry.example:8081");
    }

    @Test
    void everySubcommandHasHelpAndDescribedOptions() {
        CommandLine root = new CommandLine(new WirestreamCommand());
        root.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                return;
            }
            assertThat(sub.getCommandSpec().mixinStandardHelpOptions()).as(name + " --help").isTrue();
            for (OptionSpec option : sub.getCommandSpec().options()) {
                assertThat(String.join(" ", option.description())).as(name + " " + option.longestName()).isNotBlank();
            }
        });
    }
}
