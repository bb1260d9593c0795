package io.wirestream.ingest.source;

/** Counted nouns for people to read: {@code 1 input}, {@code 3 inputs}, {@code 1 story}, {@code 2 stories}. */
public final class Plural {

    private Plural() {
    }

    /** {@code n} and the noun, with an {@code s} unless {@code n} is 1. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    /** {@code n} and the singular or plural form (for nouns such as story / stories). */
    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
