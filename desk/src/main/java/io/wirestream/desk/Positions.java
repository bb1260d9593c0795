package io.wirestream.desk;

import java.util.Map;
import java.util.TreeMap;

/**
 * An SSE event id: the next offset to read per partition after the event, {@code "0:12,1:7"}. A client that
 * reconnects with it as {@code Last-Event-ID} resumes exactly after the last event it saw, on any desk instance,
 * since it is only Kafka offsets. Partitions it does not name are read from their beginning (the client saw nothing there).
 */
public final class Positions {

    private Positions() {
    }

    public static String format(Map<Integer, Long> next) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(next).forEach((p, o) -> b.append(b.length() == 0 ? "" : ",").append(p).append(':').append(o));
        return b.toString();
    }

    /** Parses an event id; throws IllegalArgumentException with a reason when it is not one. */
    public static Map<Integer, Long> parse(String id) {
        Map<Integer, Long> out = new TreeMap<>();
        if (id == null || id.isBlank()) {
            return out;
        }
        for (String part : id.trim().split(",")) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Last-Event-ID must be partition:offset pairs separated by commas, got '" + id + "'");
            }
            try {
                int p = Integer.parseInt(part.substring(0, colon).trim());
                long o = Long.parseLong(part.substring(colon + 1).trim());
                if (p < 0 || o < 0) {
                    throw new NumberFormatException();
                }
                out.put(p, o);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Last-Event-ID must be partition:offset pairs separated by commas, got '" + id + "'");
            }
        }
        return out;
    }
}
