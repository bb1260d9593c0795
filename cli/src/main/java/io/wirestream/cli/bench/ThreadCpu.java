package io.wirestream.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this JVM's threads, grouped by the pipeline stage a thread belongs to (from its name). The bench runs
 * every part of the pipeline in one JVM, so {@link ThreadMXBean} sees them all: a snapshot before and after the
 * measured run, and {@link #since} gives CPU seconds per stage. A thread that ended between the two snapshots is not
 * counted (the pipeline's threads live as long as the pipeline); GC and JIT threads are not Java threads: their CPU
 * is in the process total, and the JVM's own clocks give the time the JIT compilers and GC pauses took (wall time,
 * so a figure to compare with the rest, not to add to it).
 */
public final class ThreadCpu {

    /** Stage names, in report order. */
    static final String ENRICH_STREAM = "enrich stream threads";
    static final String ENRICH_IO = "enrich clients (producer/consumer I/O)";
    static final String CONNECT = "connect sink tasks and clients";
    static final String INGEST_IO = "ingest producer I/O";
    static final String BENCH_MAIN = "bench main (parse, send, follow)";
    static final String BENCH_WATCHER = "bench watcher (read_committed reader)";
    static final String BROKER = "broker (request handlers, network, raft, log)";
    static final String REGISTRY_HTTP = "HTTP servers (registry, Connect REST, ops, desk)";
    static final String OTHER = "other threads";
    static final List<String> STAGES = List.of(ENRICH_STREAM, ENRICH_IO, CONNECT, INGEST_IO, BENCH_MAIN, BENCH_WATCHER,
        BROKER, REGISTRY_HTTP, OTHER);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> cpuByThread;
    private final Map<Long, String> names;
    private final long processCpuNanos;
    private final long jitMillis;
    private final long gcMillis;

    private ThreadCpu(Map<Long, Long> cpuByThread, Map<Long, String> names, long processCpuNanos) {
        this.cpuByThread = cpuByThread;
        this.names = names;
        this.processCpuNanos = processCpuNanos;
        this.jitMillis = jitMillis();
        this.gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    /** Time the JIT compilers have spent compiling since the JVM started (ms), or -1 where the JVM does not say. */
    static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** Whether this JVM measures per-thread CPU time (HotSpot on Linux does). */
    public static boolean supported() {
        return THREADS.isThreadCpuTimeSupported();
    }

    /** The CPU time of every live thread now. */
    public static ThreadCpu snapshot() {
        if (supported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue; // ended since getAllThreadIds
            }
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.put(info.getThreadId(), nanos);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        return new ThreadCpu(cpu, names, processCpuNanos());
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * CPU seconds per stage spent between {@code before} and this snapshot, every stage of {@link #STAGES} present
     * (0 when none of its threads ran), plus {@code "process total (incl. GC, JIT)"} when the OS bean measures it.
     */
    public Map<String, Double> since(ThreadCpu before) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        STAGES.forEach(s -> nanos.put(s, 0L));
        cpuByThread.forEach((id, now) -> {
            long delta = now - before.cpuByThread.getOrDefault(id, 0L);
            nanos.merge(stageOf(names.get(id)), Math.max(0, delta), Long::sum);
        });
        Map<String, Double> seconds = new LinkedHashMap<>();
        nanos.forEach((stage, n) -> seconds.put(stage, n / 1e9));
        if (processCpuNanos >= 0 && before.processCpuNanos >= 0) {
            seconds.put(PROCESS_TOTAL, (processCpuNanos - before.processCpuNanos) / 1e9);
        }
        if (jitMillis >= 0 && before.jitMillis >= 0) {
            seconds.put(JIT, (jitMillis - before.jitMillis) / 1e3);
        }
        seconds.put(GC_PAUSES, (gcMillis - before.gcMillis) / 1e3);
        return seconds;
    }

    static final String PROCESS_TOTAL = "process total (incl. GC, JIT)";
    /** Not CPU of a stage: how long the JIT compilers worked, summed over them (a warm JVM shows little). */
    static final String JIT = "(JIT compiling, wall time)";
    static final String GC_PAUSES = "(GC pauses, wall time)";

    /**
     * The stage a thread belongs to, by Kafka's and this project's thread naming: Streams' {@code <app>-<uuid>-StreamThread-N}
     * (its clients' threads carry the same name after {@code " | "}), Connect's {@code task-thread-<connector>-N} and
     * {@code connector-*} clients, the publisher's {@code wirestream-ingest} producer, the broker's request handlers,
     * network, raft and log threads.
     */
    static String stageOf(String thread) {
        if (thread == null) {
            return OTHER;
        }
        String client = thread.contains(" | ") ? thread.substring(thread.indexOf(" | ") + 3) : null;
        if (client == null && thread.matches(".*-StreamThread-\\d+$")) {
            return ENRICH_STREAM;
        }
        if (thread.contains("StreamThread") || thread.contains("wirestream-enrich")) {
            return ENRICH_IO;
        }
        if (thread.startsWith("task-thread-") || (client != null && (client.startsWith("connector-") || client.startsWith("connect-")))
            || thread.startsWith("connect-") || thread.startsWith("KafkaBasedLog Work Thread") || thread.startsWith("DistributedHerder")
            || thread.startsWith("StandaloneHerder")) {
            return CONNECT;
        }
        if (client != null && client.startsWith("wirestream-ingest")) {
            return INGEST_IO;
        }
        if (thread.equals("main")) {
            return BENCH_MAIN;
        }
        if (thread.startsWith("wirestream-bench")) {
            return BENCH_WATCHER;
        }
        if (thread.startsWith("data-plane-kafka") || thread.startsWith("kafka-request-handler") || thread.contains("raft")
            || thread.startsWith("quorum-controller") || thread.startsWith("kafka-scheduler") || thread.startsWith("log-cleaner")
            || thread.startsWith("ReplicaFetcher") || thread.startsWith("broker-") || thread.startsWith("controller-")
            || thread.startsWith("group-coordinator") || thread.startsWith("transaction-log-manager")
            || thread.startsWith("TxnMarkerSenderThread") || thread.startsWith("ExpirationReaper") || thread.startsWith("kafka-network")
            || thread.startsWith("share-coordinator") || thread.startsWith("LogDirFailureHandler")) {
            return BROKER;
        }
        if (thread.startsWith("qtp") || thread.startsWith("jetty") || thread.startsWith("Scheduler-")) {
            return REGISTRY_HTTP;
        }
        return OTHER;
    }
}
