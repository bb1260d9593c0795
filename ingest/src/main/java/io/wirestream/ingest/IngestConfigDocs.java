package io.wirestream.ingest;

import io.wirestream.schemas.config.ConfigDocs;
import org.apache.kafka.common.config.ConfigDef;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link IngestConfig#CONFIG_DEF} as the Markdown table in {@code ingest/README.md}, between
 * {@code <!-- config:ingest:begin -->} and {@code <!-- config:ingest:end -->} (rendered by {@link ConfigDocs}, as sink's).
 *
 * <pre>mvn -B -o -q -pl ingest exec:java -Dexec.mainClass=io.wirestream.ingest.IngestConfigDocs -Dexec.args=ingest/README.md</pre>
 */
public final class IngestConfigDocs {

    private static final Map<String, ConfigDef> TABLES = Map.of("ingest", IngestConfig.CONFIG_DEF);

    private IngestConfigDocs() {
    }

    public static String markdown(ConfigDef def) {
        return ConfigDocs.markdown(def);
    }

    /** The README text with the marked table replaced by the current rendering. */
    public static String render(String readme) {
        return ConfigDocs.render(readme, TABLES);
    }

    public static void main(String[] args) throws IOException {
        ConfigDocs.update(Path.of(args.length > 0 ? args[0] : "ingest/README.md"), TABLES);
    }
}
