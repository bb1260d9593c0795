package io.wirestream.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The OpenAPI file names exactly the routes the server answers, and the page sets story text as text only. */
class OpenApiRoutesTest {

    private static String resource(String name) throws Exception {
        try (InputStream in = DeskServer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void openApiPathsAreTheServersRoutes() throws Exception {
        String yaml = resource("openapi.yaml");
        String paths = yaml.substring(yaml.indexOf("\npaths:\n"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^  (/[^:]*):\\s*$").matcher(paths);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).isEqualTo(new TreeSet<>(DeskServer.ROUTES));
    }

    @Test
    void thePageNeverUsesInnerHtmlAndLoadsNothingFromTheNetwork() throws Exception {
        String page = resource("wire.html");
        assertThat(page).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                .doesNotContain("document.write").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void eventIdsRoundTripAndBadOnesAreRejected() {
        assertThat(Positions.parse(Positions.format(java.util.Map.of(1, 7L, 0, 12L)))).containsEntry(0, 12L).containsEntry(1, 7L);
        assertThat(Positions.format(java.util.Map.of(1, 7L, 0, 12L))).isEqualTo("0:12,1:7");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Positions.parse("0:-1")).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Positions.parse("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
