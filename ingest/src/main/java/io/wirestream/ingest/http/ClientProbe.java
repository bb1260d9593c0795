package io.wirestream.ingest.http;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;

/**
 * Whether the client of a post whose body is complete is still there, checked just before the post is published.
 *
 * <p>Jetty stops reading a connection once the request body is complete and reads again only after the response, so
 * a client that sent its whole body and then closed the connection while the post waited for a worker is not seen by
 * Jetty (its endpoint is still open). The probe reads at most one byte from the connection, without blocking and only
 * while Jetty itself is not waiting to read it: end of input means the client is gone (HTTP/1.1 clients keep their
 * side open until the answer, so a half-close counts as gone too); nothing to read means it waits for the answer; a
 * byte means the client pipelined its next request, whose first byte the probe took, so that connection must close
 * after this answer.
 */
final class ClientProbe {

    enum State { WAITING, GONE, PIPELINED }

    private ClientProbe() {
    }

    static State probe(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (!endPoint.isOpen() || endPoint.isInputShutdown()) {
            return State.GONE;
        }
        if (endPoint.isFillInterested()) {
            return State.WAITING; // Jetty is reading: it reports a closed connection to the request's failure listener
        }
        ByteBuffer one = BufferUtil.allocate(1);
        try {
            int n = endPoint.fill(one);
            return n < 0 ? State.GONE : n == 0 ? State.WAITING : State.PIPELINED;
        } catch (IOException e) {
            return State.GONE; // reset by the peer
        }
    }
}
