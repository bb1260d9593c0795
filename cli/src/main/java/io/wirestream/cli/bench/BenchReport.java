package io.wirestream.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark summary as a table for people or as JSON for scripts. */
public final class BenchReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {
    }

    public static String table(BenchResult r) {
        StringBuilder out = new StringBuilder();
        BenchResult.Setup s = r.setup();
        out.append(String.format(Locale.ROOT, "wirestream bench: %d articles (+%d warm-up), rate %s, %d partition%s, sinks: %s%n",
            r.articles(), s.warmup(), s.ratePerSecond() > 0 ? fmt(s.ratePerSecond()) + "/s" : "as fast as possible",
            s.partitions(), s.partitions() == 1 ? "" : "s", String.join(", ", s.sinks())));
        out.append(String.format(Locale.ROOT, "%d templates, seed %d, %d cores, Java %s%n%n", s.templates(), s.seed(),
            s.cores(), s.java()));

        out.append(String.format(Locale.ROOT, "  %-28s %9s %10s %12s%n", "stage", "articles", "seconds", "articles/s"));
        for (BenchResult.Stage stage : r.stages()) {
            out.append(String.format(Locale.ROOT, "  %-28s %9d %10.2f %12s%s%n", stage.name(), stage.count(), stage.seconds(),
                fmt(stage.perSecond()), stage.done() ? "" : "   (not finished)"));
        }
        out.append(String.format(Locale.ROOT, "  %s%n%n", "(seconds from the first send to the last story done; parse: CPU time in the parser)"));

        out.append(String.format(Locale.ROOT, "  %-28s %9s %9s %9s %9s %9s%n", "latency (ms)", "count", "p50", "p95", "p99", "max"));
        for (BenchResult.Latency l : r.latencies()) {
            out.append(String.format(Locale.ROOT, "  %-28s %9d %9s %9s %9s %9s%n", l.name(), l.count(),
                fmt(l.p50()), fmt(l.p95()), fmt(l.p99()), fmt(l.max())));
        }
        costs(out, r.costs());
        out.append(String.format(Locale.ROOT, "%nstartup %.1f s, warm-up %.1f s, run %.1f s; published %d, enriched %d of %d%n",
            r.startupSeconds(), r.warmupSeconds(), r.runSeconds(), r.published(), r.enriched(), r.articles()));
        if (!r.complete()) {
            out.append("INCOMPLETE: ").append(r.failure()).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static void costs(StringBuilder out, BenchResult.Costs c) {
        if (!c.ceilings().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n  %-28s %12s %12s %9s   %s%n", "pipeline vs ceiling", "pipeline/s", "ceiling/s",
                "ratio", "ceiling: the broker alone, same bytes, same run"));
            for (BenchResult.Ceiling ceiling : c.ceilings()) {
                out.append(String.format(Locale.ROOT, "  %-28s %12s %12s %8.0f%%   %s%n", ceiling.stage(), fmt(ceiling.pipelinePerSecond()),
                    fmt(ceiling.ceilingPerSecond()), 100 * ceiling.ratio(), ceiling.ceilingWork()));
            }
        }
        if (!c.bytesPerStory().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n  %-28s %12s   %s%n", "bytes to Kafka per story", "bytes", "data batches by codec (whole run)"));
            c.bytesPerStory().forEach((group, bytes) -> out.append(String.format(Locale.ROOT, "  %-28s %12.0f   %s%n", group, bytes,
                c.batchesByCodec().getOrDefault(group, Map.of()).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .reduce((a, b) -> a + ", " + b).orElse(""))));
            if (c.ceilingBytesPerStory() > 0) {
                out.append(String.format(Locale.ROOT, "  %-28s %12.0f   %s%n", "ceiling (raw + enriched)", c.ceilingBytesPerStory(),
                    "the baseline's topics, no changelog"));
            }
        }
        if (!c.cpuMsPerStory().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n  %-44s %10s%n", "CPU per story by stage", "ms"));
            c.cpuMsPerStory().forEach((stage, ms) -> out.append(String.format(Locale.ROOT, "  %-44s %10.3f%n", stage, ms)));
        }
    }

    public static String json(BenchResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("articles", r.articles());
        root.put("published", r.published());
        root.put("enriched", r.enriched());
        root.put("complete", r.complete());
        root.put("failure", r.failure());
        root.put("startupSeconds", round(r.startupSeconds()));
        root.put("warmupSeconds", round(r.warmupSeconds()));
        root.put("runSeconds", round(r.runSeconds()));
        root.put("setup", r.setup());
        List<Map<String, Object>> stages = r.stages().stream().map(st -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", st.name());
            m.put("count", st.count());
            m.put("seconds", round(st.seconds()));
            m.put("perSecond", round(st.perSecond()));
            m.put("done", st.done());
            return m;
        }).toList();
        root.put("stages", stages);
        List<Map<String, Object>> latencies = r.latencies().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.name());
            m.put("count", l.count());
            m.put("p50Ms", round(l.p50()));
            m.put("p95Ms", round(l.p95()));
            m.put("p99Ms", round(l.p99()));
            m.put("maxMs", round(l.max()));
            m.put("meanMs", round(l.mean()));
            return m;
        }).toList();
        root.put("latencies", latencies);
        BenchResult.Costs c = r.costs();
        root.put("ceilings", c.ceilings().stream().map(ceiling -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", ceiling.stage());
            m.put("ceilingWork", ceiling.ceilingWork());
            m.put("pipelinePerSecond", round(ceiling.pipelinePerSecond()));
            m.put("ceilingPerSecond", round(ceiling.ceilingPerSecond()));
            m.put("ratio", round(ceiling.ratio()));
            return m;
        }).toList());
        Map<String, Object> bytes = new LinkedHashMap<>();
        c.bytesPerStory().forEach((group, b) -> bytes.put(group, round(b)));
        root.put("bytesPerStory", bytes);
        root.put("ceilingBytesPerStory", round(c.ceilingBytesPerStory()));
        root.put("batchesByCodec", c.batchesByCodec());
        Map<String, Object> cpu = new LinkedHashMap<>();
        c.cpuMsPerStory().forEach((stage, ms) -> cpu.put(stage, round(ms)));
        root.put("cpuMsPerStory", cpu);
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the bench result as JSON", e);
        }
    }

    /** One decimal under 100, none above: 0.4, 12.3, 1667. */
    static String fmt(double value) {
        return Math.abs(value) < 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
