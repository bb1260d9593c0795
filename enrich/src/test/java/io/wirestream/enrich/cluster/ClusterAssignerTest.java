package io.wirestream.enrich.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.enrich.topology.RawArticles;
import io.wirestream.schemas.RawArticle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusterAssignerTest {

    private static final long T0 = 1_533_096_000_000L; // 2018-08-01T04:00Z
    private static final List<String> SEED_ENTITIES = List.of("loc:iso3166:RU", "loc:iso3166:JP", "person:sergei-shoigu",
        "person:itsunori-onodera", "product:aegis-ashore");

    private final MapClusterStore store = new MapClusterStore();
    private final ClusterAssigner assigner = new ClusterAssigner(ClusterSettings.defaults(), store);

    private static ClusterAssigner.Story seed(String id, long time) {
        RawArticle seed = RawArticles.seed(id);
        return new ClusterAssigner.Story(id, seed.getSource(), time, seed.getHeadline() + "\n" + seed.getBody(), SEED_ENTITIES);
    }

    private static ClusterAssigner.Story story(String id, long time, String text, List<String> entities) {
        return new ClusterAssigner.Story(id, "other", time, text, entities);
    }

    @Test
    void entityJaccardCountsEachIdOnceWhateverTheListLength() {
        assertThat(ClusterAssigner.jaccard(List.of("a", "b", "c"), List.of("b", "c", "d"))).isEqualTo(2.0 / 4);
        assertThat(ClusterAssigner.jaccard(List.of("a", "a", "b"), List.of("b", "b"))).isEqualTo(1.0 / 2);
        assertThat(ClusterAssigner.jaccard(List.of("a"), List.of())).isZero();
        List<String> many = IntStream.range(0, 40).mapToObj(i -> "e" + i).toList();
        List<String> half = many.subList(20, 40);
        assertThat(ClusterAssigner.jaccard(many, half)).isEqualTo(20.0 / 40);
        assertThat(ClusterAssigner.jaccard(many.subList(0, 30), many.subList(10, 40))).isEqualTo(20.0 / 40);
    }

    @Test
    void theSeedPostedUnderTwoIdsIsOneClusterWithOneDuplicate() {
        ClusterAssigner.Assignment first = assigner.assign(seed("file-1", T0));
        ClusterAssigner.Assignment second = assigner.assign(seed("http-2", T0 + 60_000));

        assertThat(first).isEqualTo(new ClusterAssigner.Assignment("file-1", null));
        assertThat(second).isEqualTo(new ClusterAssigner.Assignment("file-1", "file-1"));
    }

    @Test
    void aCopyIsKeptForItsVersionsAndKillsButJoinsNoBucket() {
        assigner.assign(seed("original", T0));
        long buckets = store.bucketCount();
        assertThat(buckets).isPositive();

        assertThat(assigner.assign(seed("copy-1", T0 + 1))).isEqualTo(new ClusterAssigner.Assignment("original", "original"));
        assertThat(assigner.assign(seed("copy-2", T0 + 2))).isEqualTo(new ClusterAssigner.Assignment("original", "original"));

        assertThat(store.storyCount()).isEqualTo(3);
        assertThat(store.bucketCount()).as("the copies added no bucket").isEqualTo(buckets);
        assertThat(store.largestBucket()).as("and joined none").isEqualTo(1);
        // a new version of a copy keeps its cluster and original; a kill removes it
        assertThat(assigner.assign(story("copy-1", T0 + 3, "a rewritten take", List.of())))
            .isEqualTo(new ClusterAssigner.Assignment("original", "original"));
        assertThat(assigner.remove("copy-2")).isTrue();
        assertThat(store.storyCount()).isEqualTo(2);
        assertThat(store.copyCount()).as("copy-1's rewritten version is no copy of the original's text: it joined the buckets")
            .isZero();
    }

    @Test
    void whenTheOriginalIsKilledItsCopiesTakeItsPlaceAndALaterCopyNamesTheFirstOfThem() {
        assigner.assign(seed("original", T0));
        assigner.assign(seed("copy-1", T0 + 1));
        assigner.assign(seed("copy-2", T0 + 2));

        assertThat(assigner.remove("original")).isTrue();

        assertThat(store.copyCount()).isZero();
        assertThat(store.largestBucket()).as("both copies joined the buckets").isEqualTo(2);
        ClusterAssigner.Assignment late = assigner.assign(seed("late", T0 + 3));
        assertThat(late.clusterId()).isEqualTo("original");
        assertThat(late.duplicateOf()).isIn("copy-1", "copy-2");
        assertThat(store.copyCount()).as("noted under the copy it duplicates").isEqualTo(1);
    }

    private static final String ESTONIA = "Estonia's parliament failed for a third time on Tuesday to elect a new state "
        + "president, refusing a second term to incumbent Lennart Meri; the vote now passes to an electoral college of "
        + "members of parliament and local councillors, which meets next month in Tallinn to choose between the two.";

    @Test
    void aCopyWhoseNewVersionIsNoLongerACopyOfItsOriginalCanBeFoundByItsOwnCopies() {
        assigner.assign(seed("original", T0));
        assigner.assign(seed("copy", T0 + 1));
        // the copy's desk rewrites it into another story: nothing in the buckets has that text now but this version
        assigner.assign(story("copy", T0 + 2, ESTONIA, List.of("person:lennart-meri")));

        ClusterAssigner.Assignment resent = assigner.assign(story("resent", T0 + 3, ESTONIA, List.of("person:lennart-meri")));
        assertThat(resent.clusterId()).isEqualTo("original");
        assertThat(resent.duplicateOf()).as("linked as a copy").isNotNull();
    }

    @Test
    void anOriginalWhoseNewVersionIsNoLongerLikeItsCopiesLeavesThemFindable() {
        assigner.assign(story("original", T0, ESTONIA, List.of("person:lennart-meri")));
        assigner.assign(story("copy", T0 + 1, ESTONIA, List.of("person:lennart-meri")));
        // the original is rewritten into another story: its copies still carry the text that was indexed
        assigner.assign(seed("original", T0 + 2));

        ClusterAssigner.Assignment resent = assigner.assign(story("resent", T0 + 3, ESTONIA, List.of("person:lennart-meri")));
        assertThat(resent.clusterId()).isEqualTo("original");
        assertThat(resent.duplicateOf()).as("linked as a copy").isNotNull();
    }

    @Test
    void aCopyNotedUnderAnOriginalWhoseTextItDoesNotShareStaysFindableWhenTheCopyItMatchedIsKilled() {
        assigner.assign(story("original", T0, ESTONIA, List.of("person:lennart-meri")));
        assigner.assign(story("copy", T0 + 1, ESTONIA, List.of("person:lennart-meri")));
        assigner.assign(seed("original", T0 + 2));  // rewritten: "copy" now holds the text in the buckets
        // matches "copy", whose original is still indexed, so it names that original, whose text it does not share
        assertThat(assigner.assign(story("second", T0 + 3, ESTONIA, List.of("person:lennart-meri"))).duplicateOf())
            .isEqualTo("original");

        assigner.remove("copy");

        assertThat(assigner.assign(story("third", T0 + 4, ESTONIA, List.of("person:lennart-meri"))).clusterId())
            .isEqualTo("original");
    }

    @Test
    void anExpiredOriginalTakesItsListOfCopiesWithIt() {
        ClusterAssigner windowed = new ClusterAssigner(ClusterSettings.defaults().withWindow(Duration.ofHours(1)), store);
        windowed.assign(seed("original", T0));
        windowed.assign(seed("copy", T0 + Duration.ofMinutes(30).toMillis()));

        assertThat(windowed.expire(T0 + Duration.ofMinutes(61).toMillis())).isEqualTo(1);
        assertThat(store.copyCount()).isZero();
        assertThat(store.storyCount()).isEqualTo(1);
        assertThat(windowed.expire(T0 + Duration.ofMinutes(91).toMillis())).isEqualTo(1);
        assertThat(store.storyCount()).isZero();
        assertThat(store.bucketCount()).isZero();
    }

    @Test
    void whenTheOriginalExpiresItsNewestCopyInTheWindowTakesItsPlaceForLaterResends() {
        ClusterAssigner windowed = new ClusterAssigner(ClusterSettings.defaults().withWindow(Duration.ofHours(1)), store);
        windowed.assign(seed("original", T0));
        windowed.assign(seed("copy-1", T0 + Duration.ofMinutes(10).toMillis()));
        windowed.assign(seed("copy-2", T0 + Duration.ofMinutes(20).toMillis()));

        windowed.expire(T0 + Duration.ofMinutes(61).toMillis());

        assertThat(store.largestBucket()).as("only the newest copy joined the buckets").isEqualTo(1);
        assertThat(windowed.assign(seed("resent", T0 + Duration.ofMinutes(65).toMillis())))
            .isEqualTo(new ClusterAssigner.Assignment("original", "copy-2"));
    }

    @Test
    void aThirdCopyPointsAtTheOriginalNotAtTheCopy() {
        assigner.assign(seed("a", T0));
        assigner.assign(seed("b", T0 + 1));
        assertThat(assigner.assign(seed("c", T0 + 2))).isEqualTo(new ClusterAssigner.Assignment("a", "a"));
    }

    @Test
    void differentStoriesNeverShareACluster() {
        assigner.assign(seed("seed", T0));
        ClusterAssigner.Assignment sports = assigner.assign(story("sports", T0 + 1,
            "Manchester United beat Blackburn 2-1 at Old Trafford on Sunday with two late goals from the bench, "
                + "keeping their title hopes alive as the league enters its final month.",
            List.of("org:manchester-united", "org:blackburn-rovers", "loc:old-trafford")));
        ClusterAssigner.Assignment markets = assigner.assign(story("markets", T0 + 2,
            "Tokyo stocks closed higher on Wednesday as exporters gained on a weaker yen, with the Nikkei average "
                + "up 1.2 percent in thin trade ahead of the central bank's policy meeting.",
            List.of("loc:iso3166:JP", "org:nikkei", "loc:tokyo")));

        assertThat(sports).isEqualTo(new ClusterAssigner.Assignment("sports", null));
        assertThat(markets).isEqualTo(new ClusterAssigner.Assignment("markets", null));
    }

    @Test
    void aReportOfTheSameEventInOtherWordsJoinsTheClusterWithoutBeingADuplicate() {
        assigner.assign(story("reuters-1", T0,
            "Estonia's parliament failed for a third time on Tuesday to elect a new state president, "
                + "refusing a second term to incumbent Lennart Meri; the vote now passes to an electoral college.",
            List.of("person:lennart-meri", "loc:iso3166:EE", "org:riigikogu")));
        ClusterAssigner.Assignment other = assigner.assign(story("afp-7", T0 + 3_600_000,
            "Estonian lawmakers again failed to choose a president on Tuesday, as neither Lennart Meri nor his rival "
                + "won a majority in parliament, sending the election to an electoral college.",
            List.of("person:lennart-meri", "loc:iso3166:EE", "org:riigikogu")));

        assertThat(other).isEqualTo(new ClusterAssigner.Assignment("reuters-1", null));
    }

    @Test
    void aVersionUpdateOfTheSameStoryKeepsItsCluster() {
        assigner.assign(seed("orig", T0));
        assigner.assign(seed("copy", T0 + 1));
        ClusterAssigner.Assignment update = assigner.assign(story("copy", T0 + 2,
            "Corrected: an entirely rewritten text about something else altogether, a trade fair in Osaka.",
            List.of("loc:osaka")));

        assertThat(update).isEqualTo(new ClusterAssigner.Assignment("orig", "orig"));
        assertThat(store.storyCount()).isEqualTo(2);
    }

    @Test
    void theWindowExpiresOldStoriesSoTheStoreStaysBounded() {
        ClusterAssigner windowed = new ClusterAssigner(ClusterSettings.defaults().withWindow(Duration.ofHours(1)), store);
        for (int i = 0; i < 100; i++) {
            windowed.assign(story("s" + i, T0 + i * 60_000L, "story number " + i + " words " + i * 7 + " more " + i * 13,
                List.of("person:p" + (i % 5))));
        }
        assertThat(store.storyCount()).isEqualTo(100);

        int expired = windowed.expire(T0 + 100 * 60_000L);

        assertThat(expired).isEqualTo(40);
        assertThat(store.storyCount()).isEqualTo(60);
        assertThat(windowed.expire(T0 + 1000 * 60_000L)).isEqualTo(60);
        assertThat(store.storyCount()).isZero();
        assertThat(store.bucketCount()).as("buckets emptied with their stories").isZero();
    }

    @Test
    void aBucketKeepsOnlyTheNewestIds() {
        ClusterAssigner capped = new ClusterAssigner(ClusterSettings.defaults().withMaxBucket(8), store);
        for (int i = 0; i < 50; i++) {
            capped.assign(story("s" + i, T0 + i, "distinct text " + i + " about item " + (i * 31), List.of("loc:iso3166:US")));
        }
        assertThat(store.largestBucket()).isEqualTo(8);
        assertThat(store.bucket("ent/loc:iso3166:US")).containsExactly("s42", "s43", "s44", "s45", "s46", "s47", "s48", "s49");
    }

    @Test
    void aStoryOutsideTheWindowStartsItsOwnCluster() {
        assigner.assign(seed("old", T0));
        ClusterAssigner.Assignment late = assigner.assign(seed("late", T0 + Duration.ofHours(49).toMillis()));
        assertThat(late).isEqualTo(new ClusterAssigner.Assignment("late", null));
    }

    @Test
    void aRemovedStoryIsNoLongerACandidate() {
        assigner.assign(seed("killed", T0));
        assertThat(assigner.remove("killed")).isTrue();
        assertThat(assigner.assign(seed("again", T0 + 1))).isEqualTo(new ClusterAssigner.Assignment("again", null));
    }

    @Test
    void aPrintSurvivesItsEncoding() {
        StoryPrint print = assigner.print(seed("x", T0), "c", "d");
        StoryPrint back = StoryPrint.decode(print.encode());
        assertThat(back.storyId()).isEqualTo("x");
        assertThat(back.clusterId()).isEqualTo("c");
        assertThat(back.duplicateOf()).isEqualTo("d");
        assertThat(back.source()).isEqualTo("Asahi Shimbun");
        assertThat(back.timeMs()).isEqualTo(T0);
        assertThat(back.shingles()).isEqualTo(print.shingles());
        assertThat(back.words()).isEqualTo(print.words());
        assertThat(back.entityIds()).isEqualTo(SEED_ENTITIES);
    }

    @Test
    void aPrintKeepsSixteenBitValuesAndHalfTheBytes() {
        StoryPrint print = assigner.print(seed("x", T0), "x", null);
        assertThat(print.valueBits()).isEqualTo(16);
        // low bits of the minima: uniform, so some of 128 are in the upper half
        assertThat(IntStream.of(print.shingles()).max().orElseThrow()).isBetween(0x8000, 0xFFFF);
        assertThat(IntStream.of(print.shingles()).min().orElseThrow()).isNotNegative();
        StoryPrint wide = widened(print);
        assertThat(print.encode().length).isEqualTo(wide.encode().length - 2 * 128 * 2);
    }

    @Test
    void aPrintOfAnEarlierReleaseWithFullValuesStillMatchesAndLeavesTheBucketsItJoined() {
        // what the previous release stored: 32-bit values, buckets named from them
        StoryPrint legacy = StoryPrint.decode(widened(assigner.print(seed("legacy", T0), "legacy", null)).encode());
        assertThat(legacy.valueBits()).isEqualTo(32);
        store.putStory(legacy);
        List<String> legacyKeys = new ArrayList<>();
        new LshIndex(32, 4).bucketKeys(legacy.shingles()).forEach(band -> legacyKeys.add("lsh/" + band));
        legacy.entityIds().forEach(entity -> legacyKeys.add("ent/" + entity));
        legacyKeys.forEach(key -> store.addToBucket(key, "legacy"));

        ClusterAssigner.Assignment copy = assigner.assign(seed("copy", T0 + 1));
        assertThat(copy).isEqualTo(new ClusterAssigner.Assignment("legacy", "legacy"));
        assertThat(assigner.similarity(legacy, assigner.print(seed("copy", T0 + 1), "c", null)).shingles()).isEqualTo(1.0);

        assertThat(assigner.remove("legacy")).isTrue();
        assertThat(legacyKeys).allSatisfy(key -> assertThat(store.bucket(key)).doesNotContain("legacy"));
    }

    /** The print as an earlier release stored it: 32-bit values whose low 16 bits are the print's. */
    private static StoryPrint widened(StoryPrint print) {
        int[] shingles = new int[print.shingles().length];
        int[] words = new int[print.words().length];
        for (int i = 0; i < shingles.length; i++) {
            shingles[i] = 0xABCD << 16 | print.shingles()[i];
        }
        for (int i = 0; i < words.length; i++) {
            words[i] = 0x1234 << 16 | print.words()[i];
        }
        return new StoryPrint(print.storyId(), print.clusterId(), print.duplicateOf(), print.source(), print.timeMs(),
            shingles, words, print.entityIds(), 32);
    }

    @Test
    void aStoryPrintedElsewhereIsAssignedAsIfPrintedHere() {
        assigner.assign(seed("first", T0));
        StoryPrint printed = new StoryPrinter(ClusterSettings.defaults()).print(seed("second", T0 + 1));

        ClusterAssigner.Proposal proposal = assigner.propose(printed);

        assertThat(proposal.assignment()).isEqualTo(new ClusterAssigner.Assignment("first", "first"));
        assertThat(proposal.print().shingles()).isEqualTo(assigner.print(seed("second", T0 + 1), "first", "first").shingles());
    }

    @Test
    void withMoreCandidatesThanTheCapTheOnesSharingTheMostBucketsAreCompared() {
        ClusterAssigner capped = new ClusterAssigner(ClusterSettings.defaults().withMaxCandidates(3), store);
        capped.assign(seed("original", T0));
        // newer stories sharing only one entity bucket with the seed: more of them than the cap
        for (int i = 0; i < 20; i++) {
            capped.assign(story("other-" + i, T0 + 1 + i, "unrelated report number " + i + " on item " + i * 31,
                List.of("loc:iso3166:RU")));
        }

        assertThat(capped.assign(seed("copy", T0 + 100))).isEqualTo(new ClusterAssigner.Assignment("original", "original"));
    }
}
