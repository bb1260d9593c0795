package io.wirestream.cli.up;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks a port {@code up} is about to listen on before anything starts, so a port already in use (a real Kafka on
 * 9092, a web server on 8080) is said in one line instead of a broker stack trace halfway through start-up. A default
 * port that is taken gives way to a free one; a port the user asked for is an error.
 */
public final class PortChoice {
    private PortChoice() {
    }

    /**
     * The port to listen on: {@code requested}, or 0 (any free port) when the default is taken.
     *
     * @param what      the listener, for messages ("Kafka broker")
     * @param option    the option that sets it ("--kafka-port")
     * @param requested the configured port; 0 is passed through
     * @param explicit  whether the user chose it (flag, environment or config file) rather than taking the default
     * @throws PortInUseException when an explicitly chosen port is taken
     */
    public static int resolve(String what, String option, int requested, boolean explicit, PrintWriter err) {
        if (requested == 0 || isFree(requested)) return requested;
        if (explicit) throw new PortInUseException(what, option, requested);
        err.printf("wirestream: port %d (%s) is in use; using a free port instead (set %s to choose one)%n",
            requested, what, option);
        err.flush();
        return 0;
    }

    /**
     * Whether nothing listens on the port, on any address (binding the wildcard fails if one address holds it). With
     * SO_REUSEADDR, as the broker, registry and HTTP servers bind: connections of the previous run still in TIME_WAIT
     * do not make the port look taken (without it, every restart moved 9092 and 8081 to random ports), while a socket
     * that listens still does.
     */
    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port the user chose is already taken. */
    public static final class PortInUseException extends IllegalStateException {
        PortInUseException(String what, String option, int port) {
            super("port " + port + " for the " + what + " is already in use (" + option + "); choose another, or 0 for any free port");
        }
    }
}
