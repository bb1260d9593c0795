package io.wirestream.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Distinct plain-text wire stories for a benchmark, made from a few templates (the seed stories and
 * {@link BuiltInStories}): round robin over the templates, each copy with its middle paragraphs shuffled (sometimes one
 * dropped), people renamed consistently (full name and surname alone) and figures redrawn with the same shape. Each
 * story gets its own file name, hence its own story id, and a body no earlier story had, hence its own content hash,
 * so the enrich dedupe passes every one of them and the annotator sees varied input.
 *
 * <p>Deterministic: the same templates and seed give the same stories in the same order. The run tag only goes into
 * the names, so a second run on the same data directory can use fresh ids with the same content.
 */
public final class SyntheticCorpus {

    /** One story: the name it is ingested under (its story id is {@code source:name-without-extension}) and its bytes. */
    public record Story(String name, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /**
         * The parse context to ingest it with: the bench names its stories (plain text is otherwise keyed by its
         * content, and variants of one template may share headline and lead; a second run needs fresh ids for the same
         * content), so the id {@code source:name-without-extension} is given explicitly, as HTTP's X-Story-Id would.
         */
        public io.wirestream.ingest.format.ParseContext context(String source) {
            io.wirestream.ingest.format.ParseContext ctx = io.wirestream.ingest.format.ParseContext.of(name).withDefaultSource(source);
            return ctx.withStoryId(source + ":" + ctx.originBaseName());
        }
    }

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern FIGURE = Pattern.compile("\\d[\\d,.]*\\d");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    private static final Pattern DATELINE_START =
        Pattern.compile("^[A-Z][A-Za-z.,' ]{1,40}?(?: ?\\([^)]{1,30}\\))?\\s*(?:--|\u2014|\u2013)");
    private static final int LEAD_MIN_CHARS = 150;
    private static final int MAX_ATTEMPTS = 50;

    private static final List<String> GIVEN_NAMES = List.of(
        "Aiko", "Bjorn", "Carmen", "Dmitri", "Esther", "Farid", "Greta", "Hiroshi", "Isabel", "Jamal", "Katarina",
        "Leon", "Mariam", "Nikolai", "Olga", "Pablo", "Quentin", "Rania", "Stefan", "Tamara", "Umar", "Valeria",
        "Walter", "Ximena", "Yusuf", "Zofia", "Akira", "Beatriz", "Chen", "Dolores", "Emil", "Fatima", "Gustav",
        "Hana", "Ivan", "Julia", "Kenji", "Lucia", "Mateo", "Nadia");
    private static final List<String> SURNAMES = List.of(
        "Andersen", "Brandt", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Hoffmann", "Ivanova", "Jensen",
        "Kowalski", "Lambert", "Moreau", "Nakamura", "Oliveira", "Popescu", "Quinn", "Rossi", "Schmidt", "Tanaka",
        "Usman", "Varga", "Weber", "Xu", "Yamamoto", "Zielinski", "Arslan", "Bauer", "Costa", "Horvat", "Ito",
        "Keller", "Larsen", "Meyer", "Novak", "Sato", "Suzuki", "Vogel", "Wagner", "Watanabe");

    private final List<String> templates;
    private final List<String[]> people;
    private final Random random;
    private final String runTag;
    private final Set<String> bodies = new HashSet<>();
    private int produced;

    /**
     * @param templates plain-text stories to vary (at least one)
     * @param seed      seed of the variations
     * @param runTag    goes into every story name ({@code bench-<runTag>-000001.txt}); letters, digits and dashes
     */
    public SyntheticCorpus(List<String> templates, long seed, String runTag) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("at least one template story is needed");
        }
        if (!runTag.matches("[A-Za-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("run tag must be 1-40 letters, digits or dashes: " + runTag);
        }
        this.templates = List.copyOf(templates);
        this.people = BuiltInStories.people();
        this.random = new Random(seed);
        this.runTag = runTag;
    }

    /** The built-in stories, after every {@code *.txt} under {@code seedsDir} (sorted) when that folder exists. */
    public static List<String> templates(Path seedsDir) {
        List<String> all = new ArrayList<>();
        if (seedsDir != null && Files.isDirectory(seedsDir)) {
            try (Stream<Path> files = Files.list(seedsDir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                    all.add(Files.readString(f, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read seed stories from " + seedsDir + ": " + e.getMessage(), e);
            }
        }
        all.addAll(BuiltInStories.texts());
        return all;
    }

    public int templateCount() {
        return templates.size();
    }

    /** The next {@code n} stories. */
    public List<Story> take(int n) {
        List<Story> stories = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            stories.add(next());
        }
        return stories;
    }

    /** The next story: a variation of the templates in turn, with a body none of the earlier stories had. */
    public Story next() {
        int index = produced++;
        String template = templates.get(index % templates.size());
        for (int attempt = 1; ; attempt++) {
            List<String> blocks = vary(template, attempt > MAX_ATTEMPTS ? index : -1);
            String text = String.join("\n\n", blocks) + "\n";
            if (bodies.add(sha256(bodyOf(blocks)))) {
                String name = String.format(Locale.ROOT, "bench-%s-%06d.txt", runTag, index + 1);
                return new Story(name, text.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private List<String> vary(String template, int forcedMarker) {
        List<String> blocks = new ArrayList<>();
        for (String b : PARAGRAPH_BREAK.split(renamePeople(template.strip()))) {
            if (!b.isBlank()) {
                blocks.add(redrawFigures(b.strip()));
            }
        }
        int lead = leadIndex(blocks);
        int end = blocks.size() > lead + 1 && blocks.get(blocks.size() - 1).startsWith("(") ? blocks.size() - 1 : blocks.size();
        List<String> middle = new ArrayList<>(blocks.subList(lead + 1, end));
        Collections.shuffle(middle, random);
        if (middle.size() > 3 && random.nextInt(10) < 3) {
            middle.remove(random.nextInt(middle.size()));
        }
        if (forcedMarker >= 0) {
            // only when the variations keep colliding (a tiny template): a paragraph that makes the body unique
            middle.add(String.format(Locale.ROOT, "Item %d of the benchmark run.", forcedMarker + 1));
        }
        List<String> out = new ArrayList<>(blocks.subList(0, lead + 1));
        out.addAll(middle);
        out.addAll(blocks.subList(end, blocks.size()));
        return out;
    }

    /**
     * The lead paragraph (the one opening with a dateline, else the first long one): it and everything before it
     * (caption, headline, byline) stay in place.
     */
    private static int leadIndex(List<String> blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            if (DATELINE_START.matcher(blocks.get(i)).find()) {
                return i;
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).length() >= LEAD_MIN_CHARS) {
                return i;
            }
        }
        return 0;
    }

    /** The blocks that end up in the parsed body: from the lead paragraph on, without a trailing credit in brackets. */
    private static String bodyOf(List<String> blocks) {
        int lead = leadIndex(blocks);
        int end = blocks.size() > lead + 1 && blocks.get(blocks.size() - 1).startsWith("(") ? blocks.size() - 1 : blocks.size();
        return String.join("\n\n", blocks.subList(lead, end)).replaceAll("\\s+", " ");
    }

    private String renamePeople(String text) {
        Set<String> used = new HashSet<>();
        for (String[] person : people) {
            String full = person[0] + " " + person[1];
            if (!text.contains(full) || random.nextInt(4) == 0) {
                continue;
            }
            String given;
            String surname;
            do {
                given = GIVEN_NAMES.get(random.nextInt(GIVEN_NAMES.size()));
                surname = SURNAMES.get(random.nextInt(SURNAMES.size()));
            } while (!used.add(surname));
            text = text.replaceAll("\\b" + Pattern.quote(full) + "\\b", Matcher.quoteReplacement(given + " " + surname));
            text = text.replaceAll("\\b" + Pattern.quote(person[1]) + "\\b", Matcher.quoteReplacement(surname));
        }
        return text;
    }

    /** Redraws about half the figures of three or more characters (not years), keeping their shape: 1,000 -> 7,341. */
    private String redrawFigures(String paragraph) {
        Matcher m = FIGURE.matcher(paragraph);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String figure = m.group();
            String replacement = figure;
            if (figure.length() >= 3 && !YEAR.matcher(figure).matches() && random.nextBoolean()) {
                StringBuilder redrawn = new StringBuilder(figure.length());
                for (int i = 0; i < figure.length(); i++) {
                    char c = figure.charAt(i);
                    redrawn.append(Character.isDigit(c) ? (char) ('0' + (i == 0 ? 1 + random.nextInt(9) : random.nextInt(10))) : c);
                }
                replacement = redrawn.toString();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
