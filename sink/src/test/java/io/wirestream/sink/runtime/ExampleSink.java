package io.wirestream.sink.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * A throwaway sink added by following docs/ARCHITECTURE.md's "Add a sink" recipe, and nothing else: a connector
 * (here {@link Connector} and its task, keeping the values it receives in memory under a name), a {@link SinkPlugin}
 * building its config, and one line in each service file under src/test/resources/META-INF/services.
 */
public final class ExampleSink implements SinkPlugin {

    /** Option that runs the sink: the name its records are kept under. */
    static final String OPTION = "example.name";
    static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();

    @Override
    public String connector() {
        return "wirestream-example";
    }

    @Override
    public Optional<Map<String, String>> config(SinkTarget target) {
        if (target.option(OPTION) == null) {
            return Optional.empty();
        }
        Map<String, String> config = ConnectorConfigs.sink(Connector.class, target.topics(), target.dlqTopic(), target.dlqReplication());
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put(OPTION, target.option(OPTION));
        return Optional.of(config);
    }

    public static final class Connector extends SinkConnector {
        private Map<String, String> props;

        @Override
        public void start(Map<String, String> props) {
            this.props = props;
        }

        @Override
        public Class<? extends Task> taskClass() {
            return ExampleTask.class;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            return List.of(props);
        }

        @Override
        public void stop() {
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef().define(OPTION, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "where the values are kept");
        }

        @Override
        public String version() {
            return "example";
        }
    }

    public static final class ExampleTask extends SinkTask {
        private List<String> values;

        @Override
        public void start(Map<String, String> props) {
            values = RECEIVED.computeIfAbsent(props.get(OPTION), name -> new CopyOnWriteArrayList<>());
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            records.forEach(r -> values.add(String.valueOf(r.value())));
        }

        @Override
        public void stop() {
        }

        @Override
        public String version() {
            return "example";
        }
    }
}
