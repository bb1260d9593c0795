package io.wirestream.enrich.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary serde for {@link StoryState} in the dedupe store and its changelog. Internal state, so no registry:
 * a format byte, then version, hash, withdrawn flag, the routed slugs and the emit time. The format byte lets a later release
 * read what an earlier one wrote.
 */
final class StoryStateSerde implements Serde<StoryState> {

    private static final byte FORMAT_V1 = 1;
    private static final int MAX_TOPICS = 10_000;

    @Override
    public Serializer<StoryState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<StoryState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(StoryState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * state.topics().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_V1);
            out.writeInt(state.version());
            out.writeUTF(state.contentHash());
            out.writeBoolean(state.withdrawn());
            out.writeInt(state.topics().size());
            for (String slug : state.topics()) {
                out.writeUTF(slug);
            }
            out.writeLong(state.emittedAtMs());
        } catch (IOException e) {
            throw new SerializationException("cannot write story state", e);
        }
        return bytes.toByteArray();
    }

    static StoryState read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT_V1) {
                throw new SerializationException("unknown story state format " + format);
            }
            int version = in.readInt();
            String hash = in.readUTF();
            boolean withdrawn = in.readBoolean();
            int n = in.readInt();
            if (n < 0 || n > MAX_TOPICS) {
                throw new SerializationException("story state with " + n + " topics");
            }
            List<String> topics = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                topics.add(in.readUTF());
            }
            long emittedAtMs = in.readLong();
            return new StoryState(version, hash, withdrawn, topics, emittedAtMs);
        } catch (IOException e) {
            throw new SerializationException("cannot read story state", e);
        }
    }
}
