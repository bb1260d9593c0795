package io.wirestream.schemas.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders a {@link ConfigDef} as a Markdown table and writes such tables into a README between
 * {@code <!-- config:NAME:begin -->} and {@code <!-- config:NAME:end -->} markers, so every module's config table is
 * generated the same way and a test can say when one went stale.
 */
public final class ConfigDocs {

    private ConfigDocs() {
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
        Object v = key.defaultValue;
        if (v == null) {
            return "null";
        }
        if (v instanceof Password p) {
            return p.value().isEmpty() ? "\"\"" : "[hidden]";
        }
        String text = ConfigDef.convertToString(v, key.type);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
    }

    /** The README text with every marked table (marker name to its ConfigDef) replaced by the current rendering. */
    public static String render(String readme, Map<String, ConfigDef> tables) {
        String out = readme;
        for (Map.Entry<String, ConfigDef> e : tables.entrySet()) {
            String begin = "<!-- config:" + e.getKey() + ":begin -->\n";
            String end = "<!-- config:" + e.getKey() + ":end -->";
            int b = out.indexOf(begin);
            int en = out.indexOf(end);
            if (b < 0 || en < b) {
                throw new IllegalArgumentException("README has no <!-- config:" + e.getKey() + ":begin/end --> markers");
            }
            out = out.substring(0, b + begin.length()) + markdown(e.getValue()) + out.substring(en);
        }
        return out;
    }

    /** Rewrites the README's marked tables when they differ and says which it did. */
    public static void update(Path readme, Map<String, ConfigDef> tables) throws IOException {
        String current = Files.readString(readme, StandardCharsets.UTF_8);
        String rendered = render(current, tables);
        if (!rendered.equals(current)) {
            Files.writeString(readme, rendered, StandardCharsets.UTF_8);
            System.out.println("Updated the config tables in " + readme);
        } else {
            System.out.println(readme + " is up to date");
        }
    }
}
