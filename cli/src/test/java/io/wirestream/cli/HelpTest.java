package io.wirestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/** The help of every command: wrapped by picocli to the width, one-line summaries, examples, the root's footer. */
class HelpTest {

    /** Every command of the tree except picocli's built-in {@code help}, root first. */
    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (int i = 0; i < all.size(); i++) {
            all.get(i).getSubcommands().values().stream()
                .filter(sub -> !(sub.getCommand() instanceof CommandLine.HelpCommand))
                .forEach(all::add);
        }
        return all;
    }

    private static CommandLine atWidth(int width) {
        CommandLine root = Main.commandLine();
        root.setUsageHelpAutoWidth(false);
        root.setUsageHelpWidth(width);
        return root;
    }

    private static String name(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }

    @Test
    void helpWidthAndAutoWidthReachEverySubcommand() {
        for (CommandLine cmd : commands(Main.commandLine())) {
            assertThat(cmd.getUsageHelpWidth()).as(name(cmd)).isEqualTo(Main.HELP_WIDTH);
            assertThat(cmd.isUsageHelpAutoWidth()).as(name(cmd)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {80, Main.HELP_WIDTH})
    void noHelpLineIsWiderThanTheHelpWidth(int width) {
        for (CommandLine cmd : commands(atWidth(width))) {
            for (String line : cmd.getUsageMessage().split("\\R")) {
                assertThat(line.length()).as(name(cmd) + " at width " + width + ": " + line).isLessThanOrEqualTo(width);
            }
        }
    }

    @Test
    void examplesAndOtherHandLaidLinesAreNeverRewrappedAtEightyColumns() {
        for (CommandLine cmd : commands(atWidth(80))) {
            UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
            List<String> laidOut = new ArrayList<>(Arrays.asList(usage.footer()));
            Arrays.stream(usage.description()).filter(line -> line.startsWith("  ")).forEach(laidOut::add);
            String help = cmd.getUsageMessage();
            for (String line : laidOut) {
                assertThat(help).as(name(cmd) + " shows this line as written").contains(line.replace("%n", "").stripTrailing());
            }
        }
    }

    @Test
    void descriptionsHaveNoHardLineBreaksInTheMiddleOfASentence() {
        for (CommandLine cmd : commands(Main.commandLine())) {
            for (String paragraph : cmd.getCommandSpec().usageMessage().description()) {
                if (paragraph.isEmpty() || paragraph.startsWith("  ")) {
                    continue; // blank separator, or a deliberately laid-out list
                }
                assertThat(paragraph).as(name(cmd) + ": a paragraph ends a sentence (or introduces a list)")
                    .matches("(?s).*[.:?)]$");
            }
        }
    }

    @Test
    void everyCommandStartsWithAOneLineSummaryThatFitsTheCommandList() {
        for (CommandLine cmd : commands(Main.commandLine())) {
            String[] description = cmd.getCommandSpec().usageMessage().description();
            assertThat(description).as(name(cmd)).isNotEmpty();
            assertThat(description[0]).as(name(cmd) + " summary").isNotBlank().endsWith(".");
            if (description.length > 1) {
                assertThat(description[1]).as(name(cmd) + ": a blank line after the summary").isEmpty();
            }
        }
        CommandLine root = atWidth(80);
        String rootHelp = root.getUsageMessage();
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            String summary = sub.getCommandSpec().usageMessage().description()[0];
            assertThat(rootHelp).as("root lists " + sub.getCommandName() + " on one line")
                .containsPattern("(?m)^  " + sub.getCommandName() + " +" + java.util.regex.Pattern.quote(summary) + "$");
        }
    }

    @Test
    void everyCommandHasExamples() {
        for (CommandLine cmd : commands(Main.commandLine())) {
            assertThat(cmd.getUsageMessage()).as(name(cmd)).contains("Examples:%n  ".formatted());
        }
    }

    @Test
    void optionsHaveReadableParameterLabelsNotFieldNames() {
        for (CommandLine cmd : commands(Main.commandLine())) {
            cmd.getCommandSpec().options().stream().filter(o -> o.arity().max() > 0).forEach(option ->
                assertThat(option.paramLabel()).as(name(cmd) + " " + option.longestName())
                    .doesNotStartWith("<"));
        }
    }

    @Test
    void portDirectoryDurationAndCountOptionsSayWhatTheyTake() {
        CommandLine up = Main.commandLine().getSubcommands().get("up");
        assertThat(up.getCommandSpec().findOption("--kafka-port").paramLabel()).isEqualTo("PORT");
        assertThat(up.getCommandSpec().findOption("--data-dir").paramLabel()).isEqualTo("DIR");
        assertThat(up.getCommandSpec().findOption("--timeout").paramLabel()).isEqualTo("DURATION");
        assertThat(up.getCommandSpec().findOption("--partitions").paramLabel()).isEqualTo("N");
        assertThat(up.getUsageMessage()).contains("--kafka-port=PORT").doesNotContain("<kafkaPort>");
    }

    @Test
    void rootHelpSaysWhereConfigurationComesFromAndListsTheExitCodes() {
        String help = Main.commandLine().getUsageMessage();
        assertThat(help)
            .contains("WIRESTREAM_SOME_NAME", "--config FILE", "WIRESTREAM_CONFIG",
                "Precedence: flag > environment > config file > built-in default.")
            .containsPattern("(?m)^Exit codes:$")
            .containsPattern("(?m)^  0 +success$")
            .containsPattern("(?m)^  1 +runtime failure")
            .containsPattern("(?m)^  2 +usage error")
            .containsPattern("(?m)^  3 +lag only: a consumer group is ERR or STOP$");
    }

    @Test
    void lagHelpDocumentsExitCodeThree() {
        assertThat(Main.commandLine().getSubcommands().get("lag").getUsageMessage())
            .containsPattern("(?m)^  " + LagCommand.EXIT_FAILING_GROUP + " +some group is ERR or STOP$");
    }

    @Test
    void everyCommandThatRunsSomethingAcceptsConfigAndVerbose() {
        for (CommandLine cmd : commands(Main.commandLine())) {
            if (!cmd.getSubcommands().isEmpty()) {
                continue; // a group: wirestream, wirestream taxonomy
            }
            assertThat(cmd.getCommandSpec().findOption("--config")).as(name(cmd) + " --config").isNotNull();
            assertThat(cmd.getCommandSpec().findOption("-v")).as(name(cmd) + " -v").isNotNull();
        }
    }
}
