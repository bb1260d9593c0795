package io.wirestream.cli.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;

/**
 * The file of {@code wirestream up --registry-auth FILE}: a {@code --command-config} file whose
 * {@code basic.auth.user.info=USER:PASSWORD} is the one user the embedded schema registry lets in. {@code up} gives
 * those credentials to every client it creates; other commands join with {@code --command-config FILE}. When the file
 * does not exist, {@link #create} writes one (owner-only permissions) for user {@value #DEFAULT_USER} with a random
 * password.
 */
public final class RegistryAuthFile {

    public static final String DEFAULT_USER = "wirestream";
    static final String USER_INFO = "basic.auth.user.info";

    private RegistryAuthFile() {
    }

    /** Writes {@code file} with a random password for {@value #DEFAULT_USER}; readable by its owner only where the file system says so. */
    public static void create(Path file) {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String content = "# wirestream up --registry-auth: the embedded schema registry's one user; other commands use this file as"
            + " --command-config\nbasic.auth.credentials.source=USER_INFO\n" + USER_INFO + "=" + DEFAULT_USER + ":"
            + HexFormat.of().formatHex(secret) + "\n";
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, "");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's ACLs apply
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("--registry-auth: cannot write " + file.toAbsolutePath(), e);
        }
    }

    /**
     * The {@code USER:PASSWORD} of a loaded file's keys ({@code basic.auth.user.info} or its
     * {@code schema.registry.}-prefixed form).
     *
     * @throws IllegalArgumentException naming the file and key (never the value) when it is missing or not USER:PASSWORD
     */
    public static Password userInfo(Path file, Map<String, Object> keys) {
        Object value = keys.getOrDefault("schema.registry." + USER_INFO, keys.get(USER_INFO));
        String text = value instanceof Password p ? p.value() : value == null ? null : String.valueOf(value);
        if (text == null || text.indexOf(':') <= 0 || text.indexOf(':') == text.length() - 1) {
            throw new IllegalArgumentException("--registry-auth " + file + ": " + USER_INFO + " must be set as USER:PASSWORD");
        }
        return new Password(text);
    }
}
