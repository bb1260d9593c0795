package io.wirestream.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.enrich.cluster.ClusterAssigner;
import io.wirestream.enrich.cluster.ClusterSettings;
import io.wirestream.enrich.cluster.StoryPrint;
import io.wirestream.enrich.cluster.StoryPrinter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StagedStoryTest {

    private final Serde<StagedStory> serde = StagedStory.serde();

    @Test
    void aStagedStoryCarriesItsPrintThroughTheRepartitionTopic() {
        StoryPrint print = new StoryPrinter(ClusterSettings.defaults())
            .print(new ClusterAssigner.Story("s1", "wire", 42L, "a headline\na body of words", List.of("loc:iso3166:JP")));
        StagedStory staged = new StagedStory(false, new byte[] {0, 0, 0, 0, 7, 1}, List.of("diplomacy"), List.of("sport"), print);

        StagedStory back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", staged));

        assertThat(back.enrichedBytes()).containsExactly(0, 0, 0, 0, 7, 1);
        assertThat(back.routes()).containsExactly("diplomacy");
        assertThat(back.dropped()).containsExactly("sport");
        assertThat(back.print().storyId()).isEqualTo("s1");
        assertThat(back.print().shingles()).isEqualTo(print.shingles());
        assertThat(back.print().words()).isEqualTo(print.words());
        assertThat(back.print().entityIds()).containsExactly("loc:iso3166:JP");
    }

    @Test
    void aKillCarriesNoPrint() {
        StagedStory kill = new StagedStory(true, new byte[] {1}, List.of("diplomacy"), List.of(), null);
        StagedStory back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", kill));
        assertThat(back.kill()).isTrue();
        assertThat(back.print()).isNull();
    }

    @Test
    void aRecordStagedBeforePrintsWereStagedIsReadWithoutOne() throws IOException {
        // format 1, as the previous enrich wrote it: still in the repartition topic across an upgrade
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeBoolean(false);
            out.writeInt(1);
            out.writeUTF("diplomacy");
            out.writeInt(0);
            out.writeInt(2);
            out.write(new byte[] {9, 8});
        }

        StagedStory back = serde.deserializer().deserialize("t", bytes.toByteArray());

        assertThat(back.routes()).containsExactly("diplomacy");
        assertThat(back.enrichedBytes()).containsExactly(9, 8);
        assertThat(back.print()).isNull();
    }
}
