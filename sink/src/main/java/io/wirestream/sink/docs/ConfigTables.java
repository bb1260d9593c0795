package io.wirestream.sink.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

import io.wirestream.sink.converter.AvroConverterConfig;
import io.wirestream.sink.jsonl.JsonLinesSinkConfig;
import io.wirestream.sink.postgres.PostgresSinkConfig;

/**
 * Renders each connector's {@link ConfigDef} as a Markdown table and writes the tables into {@code sink/README.md}
 * between {@code <!-- config:NAME:begin -->} and {@code <!-- config:NAME:end -->} markers.
 *
 * <pre>mvn -B -o -q -pl sink exec:java -Dexec.mainClass=io.wirestream.sink.docs.ConfigTables -Dexec.args=sink/README.md</pre>
 */
public final class ConfigTables {

    private ConfigTables() {
    }

    /** Table name (as in the README markers) to its ConfigDef. */
    public static Map<String, ConfigDef> definitions() {
        Map<String, ConfigDef> defs = new LinkedHashMap<>();
        defs.put("postgres", PostgresSinkConfig.CONFIG_DEF);
        defs.put("jsonl", JsonLinesSinkConfig.CONFIG_DEF);
        defs.put("avro-converter", AvroConverterConfig.CONFIG_DEF);
        return defs;
    }

    /** One Markdown table: key, type, default, valid values, importance, group, description. */
    public static String markdown(ConfigDef def) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Key | Type | Default | Valid values | Importance | Group | Description |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        List<ConfigDef.ConfigKey> keys = def.configKeys().values().stream().toList();
        for (ConfigDef.ConfigKey key : keys) {
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
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    /** The README text with every marked table replaced by the current rendering. */
    public static String render(String readme) {
        String out = readme;
        for (Map.Entry<String, ConfigDef> e : definitions().entrySet()) {
            String begin = "<!-- config:" + e.getKey() + ":begin -->\n";
            String end = "<!-- config:" + e.getKey() + ":end -->";
            int b = out.indexOf(begin);
            int en = out.indexOf(end);
            if (b < 0 || en < b) {
                throw new IllegalArgumentException("README has no markers for " + e.getKey());
            }
            out = out.substring(0, b + begin.length()) + markdown(e.getValue()) + out.substring(en);
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args.length > 0 ? args[0] : "sink/README.md");
        String current = Files.readString(readme, StandardCharsets.UTF_8);
        String rendered = render(current);
        if (!rendered.equals(current)) {
            Files.writeString(readme, rendered, StandardCharsets.UTF_8);
            System.out.println("Updated the config tables in " + readme);
        } else {
            System.out.println(readme + " is up to date");
        }
    }
}
