package io.wirestream.enrich.entity;

/**
 * One known entity: a canonical id and name, its type, an optional link (a nationality's country, a city's country)
 * and a rank used to choose between entries sharing a name (lower wins: countries, then curated entries,
 * then subdivisions, then cities by population).
 */
public record GazetteerEntry(String id, String name, EntityType type, String linkedTo, int rank) {
}
