package io.wirestream.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where requests that block run: a fixed number of threads over a queue of fixed capacity. {@link #offer} says no
 * instead of queuing past the capacity; the caller answers 503 with Retry-After.
 */
public final class WorkPool implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    WorkPool(String name, int threads, int queueCapacity) {
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity), r -> {
            Thread t = new Thread(r, name + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code work} when a thread is free; false (and nothing runs) when the threads and the queue are full. */
    public boolean offer(Runnable work) {
        try {
            executor.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Work running now. */
    public int busy() {
        return executor.getActiveCount();
    }

    /** Work waiting for a thread. */
    public int waiting() {
        return executor.getQueue().size();
    }

    public int threads() {
        return executor.getMaximumPoolSize();
    }

    public int queueCapacity() {
        return executor.getQueue().size() + executor.getQueue().remainingCapacity();
    }

    /** Lets running work finish for up to {@code millis}, then interrupts it. */
    void close(long millis) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(1_000);
    }
}
