package io.wirestream.enrich.entity;

import io.wirestream.enrich.text.TokenTrie;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The name lists compiled by {@code enrich/tools/build-gazetteers.sh} (countries, subdivisions, cities, person names,
 * common words) plus the hand-curated {@code curated.tsv}, loaded once into a token trie.
 */
public final class Gazetteer {
    private static final String BASE = "/io/wirestream/enrich/entity/";
    private static volatile Gazetteer defaults;

    private final TokenTrie<GazetteerEntry> names = new TokenTrie<>(TokenTrie.Key.EXACT);
    private final Map<String, GazetteerEntry> byId = new HashMap<>();
    private final Map<String, GazetteerEntry> singles = new HashMap<>();
    private final Set<String> lowerStarts = new HashSet<>();
    private final Map<String, GazetteerEntry> governments = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> givenNames;
    private final Set<String> personNames;
    private final Set<String> commonWords;
    private final Set<String> nameWords;

    private Gazetteer() {
        givenNames = readSet("gazetteer/given-names.txt.gz");
        personNames = readSet("gazetteer/person-names.txt.gz");
        commonWords = readSet("gazetteer/common-words.txt.gz");
        nameWords = readSet("gazetteer/name-words.txt.gz");
        List<String[]> curated = rows("curated.tsv"); // read once: countries need its names before it is loaded
        Set<String> curatedOthers = curatedNamesOfOtherThings(curated);
        loadCountries(curatedOthers);
        loadCurated(curated);
        loadSubdivisions();
        loadCities();
    }

    /** The bundled gazetteer, loaded on first use and shared: it is immutable. */
    public static Gazetteer defaults() {
        Gazetteer g = defaults;
        if (g == null) {
            synchronized (Gazetteer.class) {
                g = defaults;
                if (g == null) {
                    defaults = g = new Gazetteer();
                }
            }
        }
        return g;
    }

    public TokenTrie<GazetteerEntry> names() {
        return names;
    }

    public GazetteerEntry byId(String id) {
        return byId.get(id);
    }

    /** A first name from the English first-name lists ("Sergei" is not, "Vladimir" is). */
    public boolean isGivenName(String token) {
        return givenNames.contains(token);
    }

    /** A first or last name of some person that is not also a common English word or a place. */
    public boolean isPersonName(String token) {
        return personNames.contains(token) || givenNames.contains(token);
    }

    /** A name that is also a common word: "Taro", "Bill", "Rose". */
    public boolean isNameWord(String token) {
        return nameWords.contains(token);
    }

    /** A lower-case entry of the English word list: "police", "bush", "said". */
    public boolean isCommonWord(String lower) {
        return commonWords.contains(lower);
    }

    private void add(String name, GazetteerEntry e) {
        if (name == null || name.isBlank() || name.indexOf(',') >= 0) return;
        List<String> keys = names.keys(name.trim());
        names.add(keys, e);
        if (!keys.isEmpty() && !keys.get(0).isEmpty() && !Character.isUpperCase(keys.get(0).charAt(0))) lowerStarts.add(keys.get(0));
        if (keys.size() == 1) singles.merge(keys.get(0), e, (a, b) -> a.rank() <= b.rank() ? a : b);
    }

    /**
     * The government of a country, for a country named in a title ("U.S. Secretary of State", "Japan's Prime
     * Minister"): {@code org:government:US}, "United States government", linked to the country. Null for other places.
     */
    public GazetteerEntry governmentOf(GazetteerEntry place) {
        if (place.type() != EntityType.LOCATION || !place.id().startsWith("loc:iso3166:")) return null;
        return governments.computeIfAbsent(place.id(), id -> new GazetteerEntry(
                "org:government:" + id.substring("loc:iso3166:".length()), place.name() + " government",
                EntityType.ORGANIZATION, id, 0));
    }

    /** Whether some name starts with this token although it is not capitalised ("the Netherlands", "two-plus-two"). */
    public boolean startsLowerCaseName(String token) {
        return lowerStarts.contains(token);
    }

    /** The best entry named by exactly this one token, or null. */
    public GazetteerEntry single(String token) {
        return singles.get(token);
    }

    private void register(GazetteerEntry e) {
        byId.merge(e.id(), e, (a, b) -> a.rank() <= b.rank() ? a : b);
    }

    /** Names the curated list gives to something other than a country or nationality ("Vatican": the Holy See). */
    private static Set<String> curatedNamesOfOtherThings(List<String[]> curated) {
        Set<String> out = new HashSet<>();
        for (String[] f : curated) {
            if (f[1].startsWith("loc:iso3166:") || f[1].startsWith("nat:")) continue;
            out.add(f[2]);
            if (f.length > 3) out.addAll(split(f[3]));
        }
        return out;
    }

    /** Countries, their aliases and demonyms; a name the curated list uses for something else is left to it. */
    private void loadCountries(Set<String> curatedOthers) {
        lines("gazetteer/countries.tsv.gz", f -> {
            String code = f[0];
            String id = "loc:iso3166:" + code;
            GazetteerEntry loc = new GazetteerEntry(id, f[2], EntityType.LOCATION, null, 0);
            register(loc);
            add(f[2], loc);
            // a "demonym" that is the place's own name is the place: "Djibouti", "Vatican" (of Vatican City)
            List<String> dem = new ArrayList<>(split(f[4]));
            dem.removeIf(d -> d.equals(f[2]) || f[2].startsWith(d + " "));
            dem.removeAll(curatedOthers);
            for (String a : split(f[3])) {
                if (!dem.contains(a) && !a.equals("Saudi") && !curatedOthers.contains(a)) {
                    add(a, loc); // "Saudi" is said of people, not the place
                }
            }
            String jdk = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
            if (!jdk.equals(code) && !jdk.contains("(") && !jdk.contains(",")) add(jdk, loc);
            if (!dem.isEmpty()) {
                GazetteerEntry nat = new GazetteerEntry("nat:iso3166:" + code, dem.get(0), EntityType.NATIONALITY, id, 0);
                register(nat);
                for (String d : dem) add(d, nat);
                for (String d : split(f[5])) add(d, nat);
            }
        });
    }

    private void loadCurated(List<String[]> curated) {
        curated.forEach(f -> {
            EntityType type = EntityType.valueOf(f[0]);
            String linked = f.length > 4 && !f[4].isBlank() ? f[4] : null;
            GazetteerEntry known = byId.get(f[1]);
            GazetteerEntry e = known != null ? known : new GazetteerEntry(f[1], f[2], type, linked, 1);
            register(e);
            add(f[2], e);
            if (f.length > 3) for (String a : split(f[3])) add(a, e);
        });
    }

    private void loadSubdivisions() {
        lines("gazetteer/subdivisions.tsv.gz", f -> {
            GazetteerEntry e = new GazetteerEntry("loc:iso3166-2:" + f[0], split(f[3]).get(0), EntityType.LOCATION,
                    "loc:iso3166:" + f[1], 2);
            for (String n : split(f[3])) {
                if (n.length() < 4 || isCommonWord(n.toLowerCase(Locale.ROOT))) continue;
                if (givenNames.contains(n) && !isFederalState(f)) continue; // "Florida", "Victoria": kept for states
                register(e);
                add(n, e);
            }
        });
    }

    /** A state or province of the federations news names most ("Florida", "Virginia", "Alberta", "Victoria"). */
    private static boolean isFederalState(String[] f) {
        return (f[1].equals("US") || f[1].equals("CA") || f[1].equals("AU"))
                && (f[2].equals("State") || f[2].equals("Province"));
    }

    private void loadCities() {
        lines("gazetteer/cities.tsv.gz", f -> {
            List<String> ns = split(f[1]);
            GazetteerEntry e = new GazetteerEntry("loc:geonames:" + f[0], ns.get(0), EntityType.LOCATION,
                    "loc:iso3166:" + f[2], 3);
            register(e);
            for (String n : ns) add(n, e);
        });
    }

    private static List<String> split(String s) {
        if (s == null || s.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        for (String p : s.split("\\|")) if (!p.isBlank()) out.add(p.trim());
        return out;
    }

    private static Set<String> readSet(String resource) {
        Set<String> out = new HashSet<>();
        try (BufferedReader r = open(resource)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty()) out.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gazetteer " + resource, e);
        }
        return Collections.unmodifiableSet(out);
    }

    private static List<String[]> rows(String resource) {
        List<String[]> out = new ArrayList<>();
        lines(resource, out::add);
        return out;
    }

    private static void lines(String resource, Consumer<String[]> row) {
        try (BufferedReader r = open(resource)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                row.accept(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gazetteer " + resource, e);
        }
    }

    private static BufferedReader open(String resource) throws IOException {
        InputStream in = Gazetteer.class.getResourceAsStream(BASE + resource);
        if (in == null) throw new IOException("missing resource " + BASE + resource);
        if (resource.endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
