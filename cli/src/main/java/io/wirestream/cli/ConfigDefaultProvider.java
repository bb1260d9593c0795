package io.wirestream.cli;

import java.io.IOException;
import java.io.Reader;
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
        String fromEnv = env.get(envName(option));
        if (fromEnv != null) {
            return fromEnv;
        }
        String fromFile = fromFile(option);
        return fromFile != null ? fromFile : option.defaultValue();
    }

    /**
     * Where the value of an option not given on the command line came from, for error messages: the environment
     * variable's name, "the --config file", or null for the option's own default.
     */
    String sourceOf(OptionSpec option) {
        if (env.containsKey(envName(option))) {
            return envName(option);
        }
        return fromFile(option) != null ? "the --config file" : null;
    }

    private static String envName(OptionSpec option) {
        return ENV_PREFIX + name(option).replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private String fromFile(OptionSpec option) {
        String value = file.getProperty(name(option));
        return value != null ? value : file.getProperty(name(option).replace('-', '.'));
    }

    private static String name(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /**
     * Reads the file named by {@code --config FILE} (or {@code WIRESTREAM_CONFIG}) before picocli parses,
     * since that file decides the other options' defaults.
     */
    static Properties load(String[] args, Map<String, String> env) {
        String path = env.get(ENV_PREFIX + "CONFIG");
        String source = ENV_PREFIX + "CONFIG";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                path = args[i + 1];
                source = "--config";
            } else if (args[i].startsWith("--config=")) {
                path = args[i].substring("--config=".length());
                source = "--config";
            }
        }
        Properties props = new Properties();
        if (path == null) {
            return props;
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(source + ": cannot read " + file.toAbsolutePath()
                + (Files.isDirectory(file) ? " (a directory)" : Files.exists(file) ? "" : " (no such file)"));
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return props;
    }
}
