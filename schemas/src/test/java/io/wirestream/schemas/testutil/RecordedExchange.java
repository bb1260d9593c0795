package io.wirestream.schemas.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One recorded HTTP request/response pair, read from {@code <name>.request.http} and {@code <name>.response.http}. */
public record RecordedExchange(String name, Message request, Message response) {

    /** Start line (e.g. {@code GET /subjects HTTP/1.1} or {@code HTTP/1.1 200 OK}), headers and body. */
    public record Message(String startLine, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        public String method() {
            return startLine.split(" ")[0];
        }

        public String path() {
            return startLine.split(" ")[1];
        }

        public int status() {
            return Integer.parseInt(startLine.split(" ")[1]);
        }
    }

    /** Loads the pair {@code name} from the resource folder of {@code testClass} ({@code <package>/<TestClass>/}). */
    public static RecordedExchange load(Class<?> testClass, String name) {
        return new RecordedExchange(name, read(testClass, name + ".request.http"), read(testClass, name + ".response.http"));
    }

    private static Message read(Class<?> testClass, String file) {
        String resource = testClass.getSimpleName() + "/" + file;
        try (InputStream in = testClass.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + testClass.getPackageName().replace('.', '/') + "/" + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            int split = text.indexOf("\n\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 2).strip();
            String[] lines = head.split("\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
            }
            return new Message(lines[0].strip(), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
