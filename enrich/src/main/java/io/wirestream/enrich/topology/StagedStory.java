package io.wirestream.enrich.topology;

import io.wirestream.enrich.cluster.StoryPrint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A story the {@code enrich} processor has deduplicated and annotated, on its way through the single-partition
 * {@value EnrichTopology#CLUSTER_REPARTITION} repartition topic to the {@code cluster} processor, which gives it its
 * cluster and writes it out.
 *
 * @param kill          a kill notice (passes through, leaves the cluster index) rather than an enriched story
 * @param enrichedBytes the EnrichedArticle as encoded for news.enriched (Confluent wire format, already measured
 *                      against {@code max.output.bytes}); an enriched story carries {@code clusterId} = its own id
 * @param routes        the {@code news.topic.<slug>} slugs to write it to
 * @param dropped       slugs the previous version was routed to and this one is not (tombstones)
 * @param print         the story's cluster print (MinHash signatures, entity ids; its own cluster), computed in the
 *                      enrich stage so the single cluster task does not; null for a kill, and in a record of format 1
 *                      (written before prints were staged: the cluster stage prints those itself)
 */
record StagedStory(boolean kill, byte[] enrichedBytes, List<String> routes, List<String> dropped, StoryPrint print) {

    /** Format 2 adds the print after the enriched bytes; format 1 records (no print) are still read. */
    private static final byte FORMAT = 2;
    private static final byte FORMAT_WITHOUT_PRINT = 1;

    StagedStory {
        Objects.requireNonNull(enrichedBytes, "enrichedBytes");
        routes = List.copyOf(routes);
        dropped = List.copyOf(dropped);
    }

    static Serde<StagedStory> serde() {
        return Serdes.serdeFrom(SERIALIZER, DESERIALIZER);
    }

    private static final Serializer<StagedStory> SERIALIZER = (topic, story) -> {
        if (story == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(story.enrichedBytes().length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeBoolean(story.kill());
            writeList(out, story.routes());
            writeList(out, story.dropped());
            out.writeInt(story.enrichedBytes().length);
            out.write(story.enrichedBytes());
            byte[] print = story.print() == null ? new byte[0] : story.print().encode();
            out.writeInt(print.length);
            out.write(print);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    };

    private static final Deserializer<StagedStory> DESERIALIZER = (topic, data) -> {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_WITHOUT_PRINT) {
                throw new SerializationException("staged story format " + format + " is not " + FORMAT
                    + " or " + FORMAT_WITHOUT_PRINT);
            }
            boolean kill = in.readBoolean();
            List<String> routes = readList(in);
            List<String> dropped = readList(in);
            byte[] enriched = new byte[in.readInt()];
            in.readFully(enriched);
            StoryPrint print = null;
            if (format == FORMAT) {
                byte[] printBytes = new byte[in.readInt()];
                in.readFully(printBytes);
                print = printBytes.length == 0 ? null : StoryPrint.decode(printBytes);
            }
            return new StagedStory(kill, enriched, routes, dropped, print);
        } catch (IOException e) {
            throw new SerializationException("bad staged story", e);
        }
    };

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readUTF());
        }
        return values;
    }
}
