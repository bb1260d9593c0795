package io.wirestream.enrich.topology;

import io.wirestream.schemas.Lineage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A story held in the {@value EnrichTopology#EMBARGO_STORE} store until its embargo lifts: when to release it, where
 * in news.raw it came from (its lineage, since a punctuation has no input record), and the RawArticle as news.raw's
 * serde wrote it (registry-framed Avro, so a held story survives a schema upgrade like any news.raw record).
 *
 * @param releaseMs    the embargo time, epoch milliseconds (wall clock)
 * @param version      the held story's version (to drop an older one arriving later without decoding it)
 * @param contentHash  the held story's content hash (to drop an exact duplicate)
 * @param lineage      news.raw topic, partition and offset of the held record
 * @param raw          the RawArticle, serialized
 */
record HeldStory(long releaseMs, int version, String contentHash, Lineage lineage, byte[] raw) {

    private static final byte FORMAT = 1;

    static Serde<HeldStory> serde() {
        Serializer<HeldStory> ser = (topic, held) -> held == null ? null : held.encode();
        Deserializer<HeldStory> de = (topic, bytes) -> bytes == null ? null : decode(bytes);
        return Serdes.serdeFrom(ser, de);
    }

    byte[] encode() {
        byte[] hash = contentHash.getBytes(StandardCharsets.UTF_8);
        byte[] topic = lineage.getTopic().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + 4 + hash.length + 4 + topic.length + 4 + 8 + 4 + raw.length);
        b.put(FORMAT).putLong(releaseMs).putInt(version)
            .putInt(hash.length).put(hash)
            .putInt(topic.length).put(topic).putInt(lineage.getPartition()).putLong(lineage.getOffset())
            .putInt(raw.length).put(raw);
        return b.array();
    }

    static HeldStory decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT) {
            throw new IllegalStateException("held story in an unknown format " + format);
        }
        long release = b.getLong();
        int version = b.getInt();
        String hash = new String(bytes(b), StandardCharsets.UTF_8);
        String topic = new String(bytes(b), StandardCharsets.UTF_8);
        int partition = b.getInt();
        long offset = b.getLong();
        byte[] raw = bytes(b);
        return new HeldStory(release, version, hash, new Lineage(topic, partition, offset), raw);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.getInt()];
        b.get(out);
        return out;
    }
}
