package io.wirestream.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkConnector;

/**
 * What both article sink connectors share: every task gets the connector's config (the tasks split the partitions
 * through the consumer group) plus its index ({@link SinkTaskRetry#TASK_ID_CONFIG}, which names its MBeans), the version, nothing to stop. Subclasses name their task and {@code ConfigDef} and
 * check their config in {@link #checkConfig(Map)} (called from {@link #start(Map)}).
 */
public abstract class ArticleSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return SinkVersion.VERSION;
    }

    /** Parses (and so validates) the config, and logs it with secrets masked. */
    protected abstract void checkConfig(Map<String, String> props);

    @Override
    public void start(Map<String, String> props) {
        checkConfig(props);
        this.props = new HashMap<>(props);
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(SinkTaskRetry.TASK_ID_CONFIG, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing held: the tasks own their connections and files
    }
}
