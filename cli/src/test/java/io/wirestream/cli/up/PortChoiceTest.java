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
    void zeroMeansAnyFreePortAndIsNeverChecked() {
        assertThat(PortChoice.resolve("ops dashboard", "--dashboard-port", 0, true, new PrintWriter(err))).isZero();
    }
}
