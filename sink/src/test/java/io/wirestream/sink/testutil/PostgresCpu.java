package io.wirestream.sink.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent by the local PostgreSQL server: the sum of utime + stime of every process named {@code postgres}
 * (backends, WAL writer, checkpointer, background writer, autovacuum) from {@code /proc}, in milliseconds. A benchmark
 * takes it before and after its work; the server runs on the same machine, so the client's own CPU is not in it.
 * A process that exits in between takes its CPU with it: keep connections open across a measurement.
 */
public final class PostgresCpu {

    /** USER_HZ, the unit of /proc/<pid>/stat times: 100 on Linux for x86 and arm. */
    private static final double MS_PER_TICK = 10.0;

    private PostgresCpu() {
    }

    /** True when /proc is there to read (Linux). */
    public static boolean available() {
        return Files.isDirectory(Path.of("/proc/self"));
    }

    /** CPU milliseconds of all {@code postgres} processes so far. */
    public static double allMillis() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToDouble(p -> millis(p, true)).sum();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** CPU milliseconds of one process (e.g. a backend, from pg_backend_pid()). */
    public static double processMillis(long pid) {
        return millis(Path.of("/proc", Long.toString(pid)), false);
    }

    private static double millis(Path proc, boolean postgresOnly) {
        String stat;
        try {
            stat = Files.readString(proc.resolve("stat"));
        } catch (IOException | RuntimeException e) {
            return 0; // exited in between, or not ours to read
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < 0 || postgresOnly && !stat.substring(open + 1, close).equals("postgres")) {
            return 0;
        }
        // fields after the command: state(3) ppid(4) ... utime(14) stime(15), counted from 1 with pid and comm first
        String[] f = stat.substring(close + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK;
    }
}
