package io.wirestream.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirestream.cli.ClientProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAuthFileTest {

    @Test
    void aCreatedFileIsOwnerOnlyAndACommandConfigWithARandomPasswordForUserWirestream(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/registry.properties");
        RegistryAuthFile.create(file);
        RegistryAuthFile.create(dir.resolve("other.properties"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Map<String, Object> keys = ClientProperties.load(file).all();
        assertThat(keys).containsEntry("basic.auth.credentials.source", "USER_INFO");
        String userInfo = RegistryAuthFile.userInfo(file, keys).value();
        assertThat(userInfo).startsWith("wirestream:").hasSizeGreaterThan("wirestream:".length() + 20);
        assertThat(RegistryAuthFile.userInfo(file, ClientProperties.load(dir.resolve("other.properties")).all()).value())
            .as("another file, another password").isNotEqualTo(userInfo);
    }

    @Test
    void aFileWithoutUserAndPasswordIsRefusedWithoutEchoingTheValue(@TempDir Path dir) {
        Path file = dir.resolve("registry.properties");
        assertThatThrownBy(() -> RegistryAuthFile.userInfo(file, Map.of("basic.auth.user.info", "only-a-secret-no-colon")))
            .hasMessageContaining("basic.auth.user.info must be set as USER:PASSWORD").hasMessageNotContaining("only-a-secret");
        assertThat(RegistryAuthFile.userInfo(file, Map.of("schema.registry.basic.auth.user.info", "u:p")).value()).isEqualTo("u:p");
    }
}
