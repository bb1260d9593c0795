package io.wirestream.testkit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** HTTP/1.1 by hand over a socket, for clients no well-behaved library would be: slow, cut off, oversized. */
public final class RawHttp implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-clients");
        t.setDaemon(true);
        return t;
    });
    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** A connection that has sent {@code head} and nothing else yet. */
    public synchronized Socket open(String head) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        sockets.add(s);
        if (!head.isEmpty()) {
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
        }
        return s;
    }

    /**
     * {@code count} slow-loris connections: each sends {@code head} and then one more byte of {@code trickled} to
     * every connection every {@code everyMillis} (a closed connection is left alone).
     */
    public void slowClients(int count, String head, String trickled, long everyMillis) throws IOException {
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slow.add(open(head));
        }
        byte[] bytes = trickled.getBytes(StandardCharsets.ISO_8859_1);
        int[] next = {0};
        trickle.scheduleAtFixedRate(() -> {
            byte b = bytes[next[0]++ % bytes.length];
            for (Socket s : slow) {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(b);
                    out.flush();
                } catch (IOException closed) {
                    // the server closed it: that is allowed
                }
            }
        }, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** Sends one more byte of {@code trickled} on {@code s} every {@code everyMillis}. */
    public void trickle(Socket s, String trickled, long everyMillis) {
        byte[] bytes = trickled.getBytes(StandardCharsets.ISO_8859_1);
        int[] next = {0};
        trickle.scheduleAtFixedRate(() -> {
            try {
                s.getOutputStream().write(bytes[next[0]++ % bytes.length]);
                s.getOutputStream().flush();
            } catch (IOException closed) {
                // the server closed it: that is allowed
            }
        }, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** The status line the server sent on {@code s} (reads up to the end of the line). */
    public static String statusLine(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public synchronized void close() {
        trickle.shutdownNow();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
