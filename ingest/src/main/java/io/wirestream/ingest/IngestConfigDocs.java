package io.wirestream.ingest;

import org.apache.kafka.common.config.ConfigDef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders {@link IngestConfig#CONFIG_DEF} as the Markdown table in {@code ingest/README.md}, between
 * {@code <!-- config:ingest:begin -->} and {@code <!-- config:ingest:end -->} (the same layout as sink's tables).
 *
 * <pre>mvn -B -o -q -pl ingest exec:java -Dexec.mainClass=io.wirestream.ingest.IngestConfigDocs -Dexec.args=ingest/README.md</pre>
 */
public final class IngestConfigDocs {

    static final String BEGIN = "<!-- config:ingest:begin -->\n";
    static final String END = "<!-- config:ingest:end -->";

    private IngestConfigDocs() {
    }

    /** One Markdown table: key, type, default, valid values, importance, group, description. */
    public static String markdown(ConfigDef def) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Key | Type | Default | Valid values | Importance | Group | Description |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            sb.append("| `").append(key.name).append("` | ")
                    .append(key.type.name().toLowerCase()).append(" | ")
                    .append(defaultText(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(key.importance.name().toLowerCase()).append(" | ")
                    .append(key.group == null ? "" : key.group).append(" | ")
                    .append(cell(key.documentation)).append(" |\n");
        }
        return sb.toString();
    }

    private static String defaultText(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        String text = ConfigDef.convertToString(key.defaultValue, key.type);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
    }

    /** The README text with the marked table replaced by the current rendering. */
    public static String render(String readme) {
        int b = readme.indexOf(BEGIN);
        int e = readme.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("README has no <!-- config:ingest:begin/end --> markers");
        }
        return readme.substring(0, b + BEGIN.length()) + markdown(IngestConfig.CONFIG_DEF) + readme.substring(e);
    }

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args.length > 0 ? args[0] : "ingest/README.md");
        String current = Files.readString(readme, StandardCharsets.UTF_8);
        String rendered = render(current);
        if (!rendered.equals(current)) {
            Files.writeString(readme, rendered, StandardCharsets.UTF_8);
            System.out.println("Updated the config table in " + readme);
        } else {
            System.out.println(readme + " is up to date");
        }
    }
}
