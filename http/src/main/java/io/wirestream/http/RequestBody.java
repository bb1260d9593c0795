package io.wirestream.http;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads a request body whole before anything acts on it, without holding a thread while the bytes are on their way:
 * the size limit is enforced as the bytes arrive (and up front when Content-Length declares more), the whole body
 * must arrive within a deadline, and a body the client cut off is reported as such, never handed on as a shorter
 * input. Exactly one {@link Body} reaches the consumer, on whichever thread saw the outcome (Jetty's selector, its
 * scheduler or the handler's own): the consumer must not block. It answers, or hands the complete body to the
 * server's {@link WorkPool}.
 */
public final class RequestBody {

    /** What reading the body came to. */
    public sealed interface Body permits Complete, TooLarge, Incomplete, TimedOut { }

    /** Every byte the client declared (or sent up to the end of its chunked body). */
    public record Complete(byte[] bytes) implements Body { }

    /** More than the limit: {@code declared} is the Content-Length, or -1 when the excess was found while reading. */
    public record TooLarge(long declared, long max) implements Body { }

    /** The connection failed or closed before the body was complete ({@code received} bytes had arrived). */
    public record Incomplete(long received, Throwable cause) implements Body { }

    /** The body did not arrive within the deadline ({@code received} bytes had). */
    public record TimedOut(long received, Duration deadline) implements Body { }

    private RequestBody() {
    }

    /** Reads {@code request}'s body (at most {@code maxBytes}, within {@code deadline}) and hands the outcome on. */
    public static void read(Request request, long maxBytes, Duration deadline, Consumer<Body> then) {
        long declared = request.getLength();
        if (declared > maxBytes) {
            then.accept(new TooLarge(declared, maxBytes));
            return;
        }
        new Reader(request, maxBytes, deadline, then).start();
    }

    private static final class Reader implements Runnable, Invocable {
        private final Request request;
        private final long maxBytes;
        private final Duration deadline;
        private final Consumer<Body> then;
        private final AtomicBoolean done = new AtomicBoolean();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile long received;
        private volatile Scheduler.Task timeout;

        Reader(Request request, long maxBytes, Duration deadline, Consumer<Body> then) {
            this.request = request;
            this.maxBytes = maxBytes;
            this.deadline = deadline;
            this.then = then;
        }

        /** Copying bytes never blocks: Jetty may call this on its selector thread instead of dispatching a job. */
        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        void start() {
            Scheduler scheduler = request.getComponents().getScheduler();
            timeout = scheduler.schedule(() -> finish(new TimedOut(received, deadline)), deadline.toMillis(), TimeUnit.MILLISECONDS);
            run();
        }

        @Override
        public void run() {
            while (!done.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    Throwable failure = chunk.getFailure();
                    finish(failure instanceof TimeoutException ? new TimedOut(received, deadline) : new Incomplete(received, failure));
                    return;
                }
                ByteBuffer buffer = chunk.getByteBuffer();
                int n = buffer.remaining();
                if (received + n > maxBytes) {
                    chunk.release();
                    finish(new TooLarge(-1, maxBytes));
                    return;
                }
                if (n > 0) {
                    byte[] copy = new byte[n];
                    buffer.get(copy);
                    bytes.write(copy, 0, n);
                    received += n;
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    finish(new Complete(bytes.toByteArray()));
                    return;
                }
            }
        }

        private void finish(Body body) {
            if (done.compareAndSet(false, true)) {
                if (timeout != null) {
                    timeout.cancel();
                }
                then.accept(body);
            }
        }
    }
}
