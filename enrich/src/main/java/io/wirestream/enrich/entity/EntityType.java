package io.wirestream.enrich.entity;

/** The kinds of named entity the annotator finds (value types live in {@code io.wirestream.enrich.value}). */
public enum EntityType {
    PERSON("person"), ORGANIZATION("org"), LOCATION("loc"), NATIONALITY("nat"), EVENT("event"), PRODUCT("product");

    private final String idPrefix;

    EntityType(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    /** Prefix of ids minted for entities of this type that no gazetteer knows: {@code person:itsunori-onodera}. */
    public String idPrefix() {
        return idPrefix;
    }
}
