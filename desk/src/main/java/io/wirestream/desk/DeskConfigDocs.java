package io.wirestream.desk;

import io.wirestream.schemas.config.ConfigDocs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * {@link DeskConfig#CONFIG_DEF} as the Markdown table in {@code desk/README.md}, between
 * {@code <!-- config:desk:begin -->} and {@code <!-- config:desk:end -->} (rendered by {@link ConfigDocs}, as ingest's and sink's).
 *
 * <pre>mvn -B -o -q -pl desk exec:java -Dexec.mainClass=io.wirestream.desk.DeskConfigDocs -Dexec.args=desk/README.md</pre>
 */
public final class DeskConfigDocs {

    static final Map<String, ConfigDef> TABLES = Map.of("desk", DeskConfig.CONFIG_DEF);

    private DeskConfigDocs() {
    }

    /** The README text with the marked table replaced by the current rendering. */
    public static String render(String readme) {
        return ConfigDocs.render(readme, TABLES);
    }

    public static void main(String[] args) throws IOException {
        ConfigDocs.update(Path.of(args.length > 0 ? args[0] : "desk/README.md"), TABLES);
    }
}
