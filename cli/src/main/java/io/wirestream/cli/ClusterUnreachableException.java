package io.wirestream.cli;

/** The Kafka cluster did not answer: its message is the one line the operator sees (see {@link ClusterOptions#requireReachable()}). */
public final class ClusterUnreachableException extends RuntimeException {

    ClusterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
