package io.wirestream.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option defaults so that, for any option {@code --some-name}, the value comes from (last wins):
 * the option's own default, the {@code --config} properties file (key {@code some-name} or {@code some.name}),
 * the environment ({@code WIRESTREAM_SOME_NAME}), and finally the flag itself on the command line.
 */
final class ConfigDefaultProvider implements IDefaultValueProvider {

    static final String ENV_PREFIX = "WIRESTREAM_";

    private final Properties file;
    private final Map<String, String> env;

    ConfigDefaultProvider(Properties file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName().replaceFirst("^-+", "");
        String fromEnv = env.get(ENV_PREFIX + name.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT));
        if (fromEnv != null) {
            return fromEnv;
        }
        String fromFile = file.getProperty(name);
        if (fromFile == null) {
            fromFile = file.getProperty(name.replace('-', '.'));
        }
        return fromFile != null ? fromFile : option.defaultValue();
    }

    /**
     * Reads the file named by {@code --config FILE} (or {@code WIRESTREAM_CONFIG}) before picocli parses,
     * since that file decides the other options' defaults.
     */
    static Properties load(String[] args, Map<String, String> env) {
        String path = env.get(ENV_PREFIX + "CONFIG");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                path = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                path = args[i].substring("--config=".length());
            }
        }
        Properties props = new Properties();
        if (path == null) {
            return props;
        }
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("--config: cannot read " + file.toAbsolutePath());
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        return props;
    }
}
