package io.wirestream.enrich.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotateRunnerTest {
    private final AnnotateRunner runner = new AnnotateRunner(Annotator.withDefaultTaxonomy());
    private final ObjectMapper mapper = new ObjectMapper();

    private List<JsonNode> run(String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runner.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8).lines().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
    }

    @Test
    void writesOneLineWithEntitiesTopicsAmountsAndDatesPerStory() throws Exception {
        List<JsonNode> out = run("""
                {"id":"a","headline":"Talks","body":"Foreign Minister Taro Kono met Sergey Lavrov in Moscow on July 31. Kono said Japan will pay $4.2 billion.","date":"2018-08-01"}
                {"id":"b","headline":"","body":"Nothing much."}
                """);
        assertThat(out).hasSize(2);
        JsonNode a = out.get(0);
        assertThat(a.get("id").asText()).isEqualTo("a");
        JsonNode kono = null;
        for (JsonNode e : a.get("entities")) if (e.get("name").asText().equals("Taro Kono")) kono = e;
        assertThat(kono).isNotNull();
        assertThat(kono.get("type").asText()).isEqualTo("PERSON");
        assertThat(kono.get("roles").get(0).asText()).isEqualTo("Foreign Minister");
        assertThat(kono.get("mentions")).hasSize(2);
        JsonNode first = kono.get("mentions").get(0);
        assertThat(first.get("start").asInt()).isEqualTo(17);
        assertThat(first.get("end").asInt()).isEqualTo(26);
        assertThat(a.get("amounts").get(0).get("normalized").asText()).isEqualTo("4200000000 USD");
        assertThat(a.get("dates").get(0).get("start").asText()).isEqualTo("2018-07-31");
        assertThat(a.get("topics").isArray()).isTrue();
        assertThat(a.get("taxonomyVersion").asText()).startsWith("2026.11.1+");
        assertThat(out.get(1).get("entities")).isEmpty();
    }

    @Test
    void answersABadLineWithAnErrorAndGoesOn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AnnotateRunner.Result r = runner.run(new ByteArrayInputStream("""
                not json
                {"id":"x"}
                {"id":"ok","body":"Hello from Paris."}
                """.getBytes(StandardCharsets.UTF_8)), out);
        assertThat(r.stories()).isEqualTo(1);
        assertThat(r.errors()).isEqualTo(2);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"error\"").contains("line 1");
        assertThat(lines.get(1)).contains("\"id\":\"x\"").contains("body");
        assertThat(lines.get(2)).contains("Paris");
    }
}
