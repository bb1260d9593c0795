package io.wirestream.enrich.taxonomy;

/** A problem in a taxonomy file, at a 1-based line (0 when the whole file is concerned). */
public record TaxonomyError(int line, String message) {
    @Override
    public String toString() {
        return line > 0 ? "line " + line + ": " + message : message;
    }
}
