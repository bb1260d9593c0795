package io.wirestream.local.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryHttpHandlerTest {

    @Test
    void pathSegmentsArePercentDecodedAsUtf8AndPlusStaysPlus() {
        assertThat(RegistryHttpHandler.percentDecode("a%2Fb%20c+d%25e-%C3%A9")).isEqualTo("a/b c+d%e-é");
        assertThat(RegistryHttpHandler.percentDecode("plain-subject_1.value")).isEqualTo("plain-subject_1.value");
    }

    @Test
    void malformedEscapesAreKeptLiterally() {
        assertThat(RegistryHttpHandler.percentDecode("100%")).isEqualTo("100%");
        assertThat(RegistryHttpHandler.percentDecode("%zz")).isEqualTo("%zz");
        assertThat(RegistryHttpHandler.percentDecode("é%41")).isEqualTo("éA");
    }

    @Test
    void schemaTextThatIsNotAvroIs42201WithAvrosReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SchemaStore.canonical("{\"type\": \"nosuchtype\"}"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(42201);
                    assertThat(e.getMessage()).contains("nosuchtype");
                });
    }
}
