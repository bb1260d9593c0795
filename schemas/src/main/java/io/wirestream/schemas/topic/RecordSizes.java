package io.wirestream.schemas.topic;

/**
 * The size limits every stage agrees on, so a story the ingest cap lets in is never refused further down.
 *
 * <ul>
 *   <li>{@link #MAX_INPUT_BYTES} 10 MiB: the documented ingest cap on one input (file, HTTP body, feed item); larger
 *   inputs are refused (413) before parsing.</li>
 *   <li>{@link #MAX_RAW_RECORD_BYTES} 16 MiB: the largest RawArticle record the publisher sends; an input under the cap
 *   whose record is larger anyway is refused as too large (413) before anything is sent.</li>
 *   <li>{@link #MAX_RECORD_BYTES} 32 MiB: the largest record on any pipeline topic: the broker's
 *   {@code message.max.bytes} (embedded broker, docker-compose), every pipeline topic's {@code max.message.bytes},
 *   every producer's {@code max.request.size}. Twice the raw limit, because an enriched story is its raw article plus
 *   entities and topics; enrich's {@code max.output.bytes} stays just under it.</li>
 * </ul>
 * Consumers (enrich, Connect, tools) need nothing: a fetch returns a batch larger than {@code fetch.max.bytes} /
 * {@code max.partition.fetch.bytes} when it is the first one.
 */
public final class RecordSizes {

    public static final int MAX_INPUT_BYTES = 10 * 1024 * 1024;
    public static final int MAX_RAW_RECORD_BYTES = 16 * 1024 * 1024;
    public static final int MAX_RECORD_BYTES = 32 * 1024 * 1024;
    /** Producer {@code buffer.memory} that holds a record of {@link #MAX_RECORD_BYTES} and more. */
    public static final long PRODUCER_BUFFER_BYTES = 3L * MAX_RECORD_BYTES;

    private RecordSizes() {
    }
}
