package io.wirestream.sink.testutil;

import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Validates JSON against IPTC's ninjs 2.2 JSON Schema (a copy of shared/iptc/ninjs-schema-2.2.json, CC BY 4.0, IPTC,
 * in src/test/resources/ninjs).
 */
public final class NinjsValidator {

    private static final Schema SCHEMA = load();

    private NinjsValidator() {
    }

    private static Schema load() {
        try (InputStream in = NinjsValidator.class.getResourceAsStream("/ninjs/ninjs-schema-2.2.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the ninjs schema", e);
        }
    }

    /** The validation errors, empty when the object is valid ninjs 2.2. */
    public static List<String> errors(JsonNode ninjs) {
        return SCHEMA.validate(ninjs).stream().map(Object::toString).toList();
    }
}
