package io.wirestream.enrich.topology;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Before / after on a shared, noisy machine: two (or more) builds of the module in one JVM, each in a class loader of
 * its own, measured in turns (the order rotating every round), so every build sees the same load; separate JVMs run
 * one after the other can differ by 2x with the machine's load. Not a test: run by hand (module README, "Throughput,
 * measured").
 * <pre>
 *   java -cp target/test-classes io.wirestream.enrich.topology.AbCompare stage|annotator ROUNDS STORIES CP_FILE \
 *       before=DIR[:DIR...] after=DIR[:DIR...]
 * </pre>
 * {@code CP_FILE}: the dependency class path (as {@code dependency:build-classpath} writes it), shared by the builds;
 * each {@code name=...} adds a build's own directories (its test-classes and classes, e.g. a copy of {@code target}
 * made before the change). {@code stage}: {@link EnrichStageBenchmark}'s enrich stage, STORIES per round;
 * {@code annotator}: the annotator alone on the seed story for 3 s per round. A first round (not counted) warms up
 * every build. Prints the CPU per story of every build and round and the median per build.
 */
public final class AbCompare {

    private AbCompare() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int rounds = Integer.parseInt(args[1]);
        int stories = Integer.parseInt(args[2]);
        String common = Files.readString(Path.of(args[3])).trim();
        Map<String, ClassLoader> builds = new LinkedHashMap<>();
        for (int k = 4; k < args.length; k++) {
            String[] nameCp = args[k].split("=", 2);
            builds.put(nameCp[0], new URLClassLoader(urls(nameCp[1] + ":" + common), ClassLoader.getPlatformClassLoader()));
        }
        Map<String, Object> annotators = new LinkedHashMap<>();
        for (var build : builds.entrySet()) {
            Thread.currentThread().setContextClassLoader(build.getValue());
            annotators.put(build.getKey(), build.getValue().loadClass("io.wirestream.enrich.annotate.Annotator")
                .getMethod("withDefaultTaxonomy").invoke(null));
        }
        String text = Files.readString(RawArticles.SEED, StandardCharsets.UTF_8);
        String seed = text.substring(text.indexOf("\n\n") + 2);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int round = -1; round < rounds; round++) {
            List<String> order = new ArrayList<>(builds.keySet());
            Collections.rotate(order, round + 1);
            for (String name : order) {
                ClassLoader loader = builds.get(name);
                Thread.currentThread().setContextClassLoader(loader); // Kafka loads configured classes through it
                Object annotator = annotators.get(name);
                double us;
                if (mode.equals("stage")) {
                    Method stage = loader.loadClass(EnrichStageBenchmark.class.getName()).getDeclaredMethod("stage",
                        loader.loadClass("io.wirestream.enrich.annotate.Annotator"), int.class, int.class);
                    stage.setAccessible(true);
                    us = (double) stage.invoke(null, annotator, round + 10, stories);
                } else {
                    Method annotate = annotator.getClass().getMethod("annotate", String.class, String.class, LocalDate.class);
                    LocalDate date = LocalDate.of(2018, 7, 31);
                    long end = System.nanoTime() + (round < 0 ? 20_000_000_000L : 3_000_000_000L);
                    long start = threads.getCurrentThreadCpuTime();
                    int n = 0;
                    for (; System.nanoTime() < end; n++) {
                        annotate.invoke(annotator, null, seed, date);
                    }
                    us = (threads.getCurrentThreadCpuTime() - start) / 1e3 / n;
                }
                if (round >= 0) {
                    results.computeIfAbsent(name, k -> new ArrayList<>()).add(us);
                }
                System.out.printf(Locale.ROOT, "round %d %s: %.1f us CPU per story%n", round, name, us);
            }
        }
        for (var build : results.entrySet()) {
            List<Double> sorted = new ArrayList<>(build.getValue());
            Collections.sort(sorted);
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            System.out.printf(Locale.ROOT, "%s: median %.1f us CPU per story over %d rounds%n", build.getKey(), median, n);
        }
    }

    private static URL[] urls(String classPath) throws Exception {
        List<URL> out = new ArrayList<>();
        for (String p : classPath.split(":")) {
            if (!p.isBlank()) {
                out.add(Path.of(p).toUri().toURL());
            }
        }
        return out.toArray(new URL[0]);
    }
}
