package io.wirestream.sink.docs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;

import io.wirestream.schemas.config.ConfigDocs;
import io.wirestream.sink.converter.AvroConverterConfig;
import io.wirestream.sink.jsonl.JsonLinesSinkConfig;
import io.wirestream.sink.postgres.PostgresSinkConfig;

/**
 * The connectors' {@link ConfigDef}s as the Markdown tables in {@code sink/README.md} (rendered by {@link ConfigDocs}).
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

    public static String markdown(ConfigDef def) {
        return ConfigDocs.markdown(def);
    }

    /** The README text with every marked table replaced by the current rendering. */
    public static String render(String readme) {
        return ConfigDocs.render(readme, definitions());
    }

    public static void main(String[] args) throws IOException {
        ConfigDocs.update(Path.of(args.length > 0 ? args[0] : "sink/README.md"), definitions());
    }
}
