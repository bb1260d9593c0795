package io.wirestream.enrich.entity;

/**
 * One recognised mention: tokens [from, to) of the text, its character span [start, end), the type, the gazetteer
 * entry it matched (null for names found by rules), and the role written beside it (null when none).
 */
public record Mention(int from, int to, int start, int end, String text, EntityType type, GazetteerEntry entry,
                      String role) {
    public Mention withType(EntityType t) {
        return new Mention(from, to, start, end, text, t, entry, role);
    }

    public Mention withEntry(GazetteerEntry e) {
        return new Mention(from, to, start, end, text, e.type(), e, role);
    }

    public Mention withRole(String r) {
        return new Mention(from, to, start, end, text, type, entry, r);
    }
}
