package io.wirestream.ops.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the sinks hold, as {@link StoryRecord}s. */
public final class SinkReaders {

    /** The JSON Lines sink moves the files of an earlier incarnation of a topic here; they are not current output. */
    public static final String SUPERSEDED_DIR = "superseded";
    private static final String URN = "urn:wirestream:story:";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SinkReaders() {
    }

    /**
     * Every line of every finished {@code .jsonl} file under {@code dir} (hidden temporary files and
     * {@code superseded/} excluded): {@code uri} gives the story id (URL-decoded), {@code version} the version (absent: a
     * tombstone), {@code pubstatus} canceled or withheld a kill.
     */
    public static List<StoryRecord> jsonLines(Path dir) throws IOException {
        List<StoryRecord> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new IOException("no JSON Lines directory " + dir);
        }
        Path superseded = dir.resolve(SUPERSEDED_DIR);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> !p.startsWith(superseded) && Files.isRegularFile(p)
                    && p.getFileName().toString().endsWith(".jsonl") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = reader.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node;
                    try {
                        node = JSON.readTree(line);
                    } catch (IOException e) {
                        throw new IOException(file + " line " + n + " is not JSON: " + e.getMessage(), e);
                    }
                    String uri = node.path("uri").asText("");
                    // the sink URL-encodes the story id into the URN (NinjsMapper.uri)
                    String id = URLDecoder.decode(uri.startsWith(URN) ? uri.substring(URN.length()) : uri, StandardCharsets.UTF_8);
                    String pubstatus = node.path("pubstatus").asText("usable");
                    if (!node.hasNonNull("version")) {
                        out.add(StoryRecord.tombstone(id));
                    } else {
                        boolean kill = pubstatus.equals("canceled") || pubstatus.equals("withheld");
                        out.add(new StoryRecord(id, Integer.parseInt(node.get("version").asText()), null,
                                kill ? StoryRecord.Kind.KILL : StoryRecord.Kind.STORY));
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return out;
    }

    /** Every row of {@code <schema>.articles}: story id, version, status ({@code withdrawn} is a kill). */
    public static List<StoryRecord> postgres(String url, String user, String password, String schema) throws SQLException {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "wirestream-verify");
        props.setProperty("connectTimeout", "10");
        List<StoryRecord> out = new ArrayList<>();
        try (Connection c = new org.postgresql.Driver().connect(url, props)) {
            if (c == null) {
                throw new SQLException("Not a PostgreSQL JDBC URL: " + url);
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT story_id, version, status FROM " + schema + ".articles")) {
                while (rs.next()) {
                    out.add(new StoryRecord(rs.getString(1), rs.getInt(2), null,
                            "withdrawn".equals(rs.getString(3)) ? StoryRecord.Kind.KILL : StoryRecord.Kind.STORY));
                }
            }
        }
        return out;
    }
}
