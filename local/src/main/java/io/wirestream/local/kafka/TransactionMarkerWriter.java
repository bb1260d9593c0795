package io.wirestream.local.kafka;

import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.TransactionResult;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes one COMMIT or ABORT marker on one partition with a WriteTxnMarkers request to its leader: what a transaction
 * coordinator sends, and what {@code Admin.abortTransaction} sends for an abort. Kafka's Admin has no call for a
 * COMMIT marker, which the repair of a transaction its coordinator committed needs, so both go through here.
 *
 * <p>A plain socket, one request at a time: it runs only against the embedded node's PLAINTEXT listener, before any
 * client starts, and the broker is this build's own version, so the latest request version is understood.
 */
final class TransactionMarkerWriter {

    private static final String CLIENT_ID = "wirestream-hanging-transactions";
    /** Larger than any answer to a one-marker request; a bigger size means the peer is not a Kafka broker. */
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final Duration timeout;
    private int correlationId;

    TransactionMarkerWriter(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Sends the marker and returns the partition's error ({@link Errors#NONE} when written); {@code transactionVersion}
     * 0 asks for the legacy epoch check (marker epoch at least the partition's), as the Admin's abort does.
     */
    Errors write(Node leader, TopicPartition partition, long producerId, short producerEpoch, int coordinatorEpoch,
                 TransactionResult result) throws IOException {
        WriteTxnMarkersRequest request = new WriteTxnMarkersRequest.Builder(List.of(new WriteTxnMarkersRequest.TxnMarkerEntry(
                producerId, producerEpoch, coordinatorEpoch, result, List.of(partition), (short) 0)))
                .build(ApiKeys.WRITE_TXN_MARKERS.latestVersion());
        RequestHeader header = new RequestHeader(ApiKeys.WRITE_TXN_MARKERS, request.version(), CLIENT_ID, ++correlationId);
        ByteBuffer bytes = request.serializeWithHeader(header);

        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(leader.host(), leader.port()), millis);
            socket.setSoTimeout(millis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(bytes.remaining());
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            if (size < 0 || size > MAX_RESPONSE_BYTES) {
                throw new IOException("answer of " + size + " bytes from " + leader + " to a WriteTxnMarkers request");
            }
            byte[] answer = new byte[size];
            in.readFully(answer);
            WriteTxnMarkersResponse response = (WriteTxnMarkersResponse) AbstractResponse.parseResponse(ByteBuffer.wrap(answer), header);
            Map<TopicPartition, Errors> errors = response.errorsByProducerId().get(producerId);
            Errors error = errors == null ? null : errors.get(partition);
            if (error == null) {
                throw new IOException("no answer for " + partition + " of producer " + producerId + " in " + response.data());
            }
            return error;
        }
    }
}
