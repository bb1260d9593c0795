package io.wirestream.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortChoiceTest {
    private final StringWriter err = new StringWriter();

    @Test
    void aFreePortIsKept() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        assertThat(PortChoice.resolve("Kafka broker", "--kafka-port", free, false, new PrintWriter(err))).isEqualTo(free);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aTakenDefaultPortGivesWayToAFreeOneAndSaysSo() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            assertThat(PortChoice.resolve("Kafka broker", "--kafka-port", port, false, new PrintWriter(err))).isZero();
            assertThat(err.toString()).contains("port " + port + " (Kafka broker) is in use").contains("--kafka-port");
        }
    }

    @Test
    void aTakenPortTheUserChoseIsAnErrorNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> PortChoice.resolve("HTTP ingest endpoint", "--http-port", port, true, new PrintWriter(err)))
                .isInstanceOf(PortChoice.PortInUseException.class)
                .hasMessage("port " + port + " for the HTTP ingest endpoint is already in use (--http-port); choose another, or 0 for any free port");
        }
    }

    @Test
    void aPortWhoseLastServerClosedItsConnectionsFirstIsFreeDespiteTheirTimeWait() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(0));
            port = server.getLocalPort();
            try (java.net.Socket client = new java.net.Socket("127.0.0.1", port); java.net.Socket accepted = server.accept()) {
                accepted.close(); // the server side closes first, so its end of the connection stays in TIME_WAIT
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
        }
        assertThat(PortChoice.resolve("Kafka broker", "--kafka-port", port, false, new PrintWriter(err))).isEqualTo(port);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void zeroMeansAnyFreePortAndIsNeverChecked() {
        assertThat(PortChoice.resolve("ops dashboard", "--dashboard-port", 0, true, new PrintWriter(err))).isZero();
    }
}
