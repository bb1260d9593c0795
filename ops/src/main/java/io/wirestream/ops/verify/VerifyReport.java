package io.wirestream.ops.verify;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The outcome of {@link Verifier#verify()}: news.raw's counts and one {@link StageReport} per stage after it. */
public record VerifyReport(String rawTopic, long rawRecords, long rawStories, long rawNullValues, List<StageReport> stages) {

    private static final int IDS_SHOWN = 20;

    public VerifyReport {
        stages = List.copyOf(stages);
    }

    /** No stage lost, duplicated or left stale any story. */
    public boolean ok() {
        return stages.stream().allMatch(StageReport::ok);
    }

    public StageReport stage(String name) {
        return stages.stream().filter(s -> s.stage().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + name + " in " + stages));
    }

    /** A table per stage and, under it, the ids at fault (the first 20 of each kind; {@code --json} has all). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d records, %d stories%s%n", rawTopic, rawRecords, rawStories,
                rawNullValues > 0 ? ", " + rawNullValues + " null values (skipped)" : ""));
        String format = "%-14s %9s %9s %9s %11s %7s %14s  %s%n";
        sb.append(String.format(Locale.ROOT, format, "stage", "expected", "present", "missing", "duplicated", "stale",
                "dead-lettered", "where"));
        for (StageReport s : stages) {
            sb.append(String.format(Locale.ROOT, format, s.stage(), s.expected(), s.present(), s.missing().size(),
                    s.duplicated().size(), s.stale().size(), s.deadLettered().size(), s.where()));
        }
        for (StageReport s : stages) {
            ids(sb, s.stage(), "missing", s.missing());
            ids(sb, s.stage(), "duplicated", s.duplicated());
            ids(sb, s.stage(), "stale", s.stale());
            ids(sb, s.stage(), "dead-lettered", s.deadLettered());
        }
        sb.append(ok() ? "OK: nothing lost, nothing duplicated\n" : "FAILED: stories lost, duplicated or stale (ids above)\n");
        return sb.toString();
    }

    private static void ids(StringBuilder sb, String stage, String what, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        sb.append(stage).append(' ').append(what).append(" (").append(ids.size()).append("): ")
                .append(String.join(", ", ids.subList(0, Math.min(IDS_SHOWN, ids.size()))))
                .append(ids.size() > IDS_SHOWN ? ", ..." : "").append('\n');
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("ok", ok());
        ObjectNode raw = root.putObject("raw");
        raw.put("topic", rawTopic).put("records", rawRecords).put("stories", rawStories).put("nullValues", rawNullValues);
        ArrayNode array = root.putArray("stages");
        for (StageReport s : stages) {
            ObjectNode n = array.addObject();
            n.put("stage", s.stage()).put("where", s.where()).put("expected", s.expected()).put("present", s.present());
            n.put("ok", s.ok());
            s.missing().forEach(n.putArray("missing")::add);
            s.duplicated().forEach(n.putArray("duplicated")::add);
            s.stale().forEach(n.putArray("stale")::add);
            s.deadLettered().forEach(n.putArray("deadLettered")::add);
        }
        return root;
    }
}
