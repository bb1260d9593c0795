package io.wirestream.ingest.testutil;

import io.wirestream.ingest.format.RawArticleJson;
import io.wirestream.schemas.RawArticle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden RawArticle output under {@code src/test/resources/<package>/<TestClass>/<name>.json}. A missing golden file is
 * written and the test fails, asking for a review; {@code -Dgolden.update=true} rewrites all of them.
 */
public final class Golden {

    private Golden() {
    }

    public static void assertMatches(Class<?> testClass, String name, List<RawArticle> articles) {
        Path file = Path.of("src", "test", "resources")
                .resolve(testClass.getPackageName().replace('.', '/'))
                .resolve(testClass.getSimpleName())
                .resolve(name + ".json");
        String actual = RawArticleJson.toPrettyJson(articles);
        try {
            if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
                boolean existed = Files.exists(file);
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                if (!existed) {
                    fail("golden file " + file + " was missing and has been written; review it and run again");
                }
                return;
            }
            assertThat(actual).as("parsed output vs golden file %s", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
