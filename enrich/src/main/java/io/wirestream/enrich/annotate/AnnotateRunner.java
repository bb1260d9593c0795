package io.wirestream.enrich.annotate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirestream.enrich.taxonomy.Taxonomy;
import io.wirestream.schemas.Amount;
import io.wirestream.schemas.DateMention;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.Evidence;
import io.wirestream.schemas.MentionSpan;
import io.wirestream.schemas.TopicTag;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Offline annotation, the logic behind {@code wirestream annotate}: reads JSON Lines {@code {"id","headline","body"}}
 * (optional {@code "date": "yyyy-MM-dd"}) and writes one JSON line per story with its entities, topics, amounts and
 * dates, through the same {@link Annotator} the Kafka Streams app uses. A line that is not a JSON object with a
 * string body is answered with {@code {"id", "error"}} and counted; the run goes on.
 */
public final class AnnotateRunner {
    /** Longest input line accepted (characters). */
    public static final int MAX_LINE = 4 << 20;

    private final Annotator annotator;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory factory = mapper.getFactory();

    public AnnotateRunner(Annotator annotator) {
        this.annotator = annotator;
    }

    /** Counts of one run. */
    public record Result(long stories, long errors) {
    }

    public Result run(InputStream in, OutputStream out) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        long stories = 0, errors = 0;
        long lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) continue;
            String id = null;
            try {
                if (line.length() > MAX_LINE) throw new IllegalArgumentException("line longer than " + MAX_LINE + " characters");
                JsonNode node = mapper.readTree(line);
                if (node == null || !node.isObject()) throw new IllegalArgumentException("not a JSON object");
                id = node.hasNonNull("id") ? node.get("id").asText() : String.valueOf(lineNo);
                JsonNode body = node.get("body");
                if (body == null || !body.isTextual()) throw new IllegalArgumentException("missing string field 'body'");
                String headline = node.hasNonNull("headline") ? node.get("headline").asText() : null;
                LocalDate date = node.hasNonNull("date") ? LocalDate.parse(node.get("date").asText().substring(0,
                        Math.min(10, node.get("date").asText().length()))) : null;
                write(w, id, annotator.annotate(headline, body.asText(), date));
                stories++;
            } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
                errors++;
                try (JsonGenerator g = factory.createGenerator(w)) {
                    g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                    g.writeStartObject();
                    g.writeStringField("id", id != null ? id : String.valueOf(lineNo));
                    g.writeStringField("error", "line " + lineNo + ": " + e.getMessage());
                    g.writeEndObject();
                }
                w.write('\n');
            }
        }
        w.flush();
        return new Result(stories, errors);
    }

    private void write(Writer w, String id, Annotation a) throws IOException {
        try (JsonGenerator g = factory.createGenerator(w)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("taxonomyVersion", annotator.taxonomyVersion());
            g.writeArrayFieldStart("entities");
            for (Entity e : a.entities()) {
                g.writeStartObject();
                g.writeStringField("id", e.getId());
                g.writeStringField("name", e.getName());
                g.writeStringField("type", e.getType());
                g.writeArrayFieldStart("roles");
                for (String role : e.getRoles()) g.writeString(role);
                g.writeEndArray();
                if (e.getLinkedTo() != null) g.writeStringField("linkedTo", e.getLinkedTo());
                g.writeNumberField("salience", e.getSalience());
                g.writeArrayFieldStart("mentions");
                for (MentionSpan s : e.getMentions()) span(g, s);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("topics");
            for (TopicTag t : a.topics()) {
                g.writeStartObject();
                g.writeStringField("code", t.getCode());
                g.writeStringField("label", t.getLabel());
                if (t.getIptc() != null) g.writeStringField("iptc", t.getIptc());
                else g.writeNullField("iptc");
                g.writeNumberField("score", t.getScore());
                g.writeArrayFieldStart("evidence");
                for (Evidence ev : t.getEvidence()) {
                    g.writeStartObject();
                    g.writeStringField("kind", ev.getKind());
                    g.writeStringField("text", ev.getText());
                    g.writeNumberField("weight", ev.getWeight());
                    g.writeArrayFieldStart("spans");
                    for (MentionSpan s : ev.getSpans()) span(g, s);
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("amounts");
            for (Amount m : a.amounts()) {
                g.writeStartObject();
                g.writeStringField("type", m.getType());
                g.writeNumberField("value", m.getValue());
                g.writeStringField("unit", m.getUnit());
                g.writeBooleanField("approximate", m.getApproximate());
                g.writeStringField("normalized", m.getNormalized());
                g.writeFieldName("span");
                span(g, m.getSpan());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("dates");
            for (DateMention d : a.dates()) {
                g.writeStartObject();
                g.writeStringField("start", d.getStart());
                g.writeStringField("end", d.getEnd());
                g.writeFieldName("span");
                span(g, d.getSpan());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        w.write('\n');
    }

    private static void span(JsonGenerator g, MentionSpan s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("start", s.getStart());
        g.writeNumberField("end", s.getEnd());
        g.writeStringField("text", s.getText());
        g.writeEndObject();
    }

    /**
     * {@code java -cp ... io.wirestream.enrich.annotate.AnnotateRunner [IN|-] [OUT|-] [TAXONOMY]}: the same as
     * {@code wirestream annotate}, for measuring without the CLI.
     */
    public static void main(String[] args) throws IOException {
        Taxonomy t = args.length > 2 ? Taxonomy.load(Path.of(args[2])) : Taxonomy.defaults();
        AnnotateRunner runner = new AnnotateRunner(Annotator.withTaxonomy(t));
        InputStream in = args.length > 0 && !args[0].equals("-") ? Files.newInputStream(Path.of(args[0])) : System.in;
        OutputStream out = args.length > 1 && !args[1].equals("-") ? Files.newOutputStream(Path.of(args[1])) : System.out;
        try (in; out) {
            Result r = runner.run(in, out);
            System.err.println("annotated " + r.stories() + " stories, " + r.errors() + " errors");
        }
    }
}
