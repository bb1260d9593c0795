package io.wirestream.enrich.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Gives each story a cluster and, when it is a copy of an earlier story under another id, the id it duplicates.
 *
 * <p>Candidates are the stories sharing an LSH bucket of the shingle signature (near-duplicates) or an entity bucket
 * (one per indexed canonical entity id; same event told in other words), indexed within the window. For each:
 * <ul>
 *   <li><b>duplicate</b>: estimated shingle Jaccard at least {@code duplicateThreshold}; the story joins the
 *       candidate's cluster and {@code duplicateOf} names the original (the candidate's own {@code duplicateOf} when
 *       the candidate is itself a copy and its original is still indexed);</li>
 *   <li><b>same event</b>: {@code wordWeight * wordJaccard + (1 - wordWeight) * entityJaccard} at least
 *       {@code eventThreshold}, raised by {@code eventThresholdPerHour} for every hour between the two; the story
 *       joins the candidate's cluster.</li>
 * </ul>
 * The best duplicate wins, else the best same-event candidate, else the story starts its own cluster (clusterId =
 * its story id). Only stories that are no copy of an indexed original's text join buckets (see {@link #index});
 * every story's print is kept.
 * A new version of a story already indexed keeps its clusterId and duplicateOf, and its signatures are
 * replaced. {@link #expire} removes stories indexed before {@code now - window} from the store and their buckets;
 * buckets keep at most {@code maxBucket} ids (the newest). Not thread-safe: one per stream task.
 */
public final class ClusterAssigner {

    /** The outcome for one story. */
    public record Assignment(String clusterId, String duplicateOf) {
    }

    /** The text of a story as the assigner needs it. */
    public record Story(String storyId, String source, long timeMs, String text, List<String> entityIds) {
    }

    /** How similar two stories are. */
    public record Similarity(double shingles, double words, double entities, double combined) {
    }

    private final ClusterSettings settings;
    private final ClusterStore store;
    private final StoryPrinter printer;
    private final LshIndex lsh;

    public ClusterAssigner(ClusterSettings settings, ClusterStore store) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.printer = new StoryPrinter(settings);
        this.lsh = new LshIndex(settings.bands(), settings.numHashes() / settings.bands());
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** The print of {@code story} as it would be indexed, with the given cluster. */
    public StoryPrint print(Story story, String clusterId, String duplicateOf) {
        return printer.print(story, clusterId, duplicateOf);
    }

    /** Similarity of two prints (no store access). */
    public Similarity similarity(StoryPrint a, StoryPrint b) {
        double shingles = MinHasher.similarity(a.narrowShingles(), b.narrowShingles());
        double words = MinHasher.similarity(a.narrowWords(), b.narrowWords());
        double entities = jaccard(a.entityIds(), b.entityIds());
        return new Similarity(shingles, words, entities,
            settings.wordWeight() * words + (1 - settings.wordWeight()) * entities);
    }

    public boolean isDuplicate(Similarity s) {
        return s.shingles() >= settings.duplicateThreshold();
    }

    /**
     * Whether two stories {@code gapMs} apart report the same event: a duplicate, or a combined score of at least
     * {@code eventThreshold + eventThresholdPerHour * hours apart}.
     */
    public boolean isSameEvent(Similarity s, long gapMs) {
        double threshold = settings.eventThreshold() + settings.eventThresholdPerHour() * Math.abs(gapMs) / 3_600_000.0;
        return isDuplicate(s) || s.combined() >= threshold;
    }

    /**
     * An assignment not yet indexed: {@link #propose} decides without writing, {@link #accept} indexes, so a caller
     * can give up in between (enrich does when the output turns out too large) and leave no trace. Accept it before
     * proposing or indexing anything else. {@code bucketKeys}: the buckets {@code print} goes into, named once.
     */
    public record Proposal(Assignment assignment, StoryPrint print, StoryPrint replaced, List<String> bucketKeys) {
    }

    /** Assigns {@code story} a cluster, indexes it, and returns the assignment. */
    public Assignment assign(Story story) {
        Proposal proposal = propose(story);
        accept(proposal);
        return proposal.assignment();
    }

    /** Indexes a proposal made by {@link #propose}. */
    public void accept(Proposal proposal) {
        if (proposal.replaced() == null) {
            index(proposal.print(), proposal.bucketKeys());
            return;
        }
        unindex(proposal.replaced());
        index(proposal.print(), proposal.bucketKeys());
        releaseCopies(proposal.print());
    }

    /**
     * After a new version of {@code print}'s story: its copies noted under it whose text it no longer resembles
     * (a rewritten original) join the buckets, since no bucket holds their text any more.
     */
    private void releaseCopies(StoryPrint print) {
        for (String copyId : store.copies(print.storyId())) {
            StoryPrint copy = store.story(copyId);
            if (copy != null && !isDuplicate(similarity(copy, print))) {
                store.removeCopy(print.storyId(), copyId);
                joinBuckets(copyId, bucketKeys(copy));
            }
        }
    }

    /** Decides the cluster of {@code story} without changing the store. */
    public Proposal propose(Story story) {
        return propose(printer.print(story));
    }

    /**
     * Decides the cluster of the story printed as {@code fresh} (by a {@link StoryPrinter} with the same settings,
     * its own cluster) without changing the store.
     */
    public Proposal propose(StoryPrint fresh) {
        List<String> keys = bucketKeys(fresh);
        StoryPrint existing = store.story(fresh.storyId());
        if (existing != null) {
            // a new version: same cluster, same original; the signatures follow the new text
            return new Proposal(new Assignment(existing.clusterId(), existing.duplicateOf()),
                fresh.withCluster(existing.clusterId(), existing.duplicateOf()), existing, keys);
        }
        StoryPrint bestDuplicate = null;
        double bestDuplicateScore = -1;
        StoryPrint bestEvent = null;
        double bestEventScore = -1;
        for (String id : candidates(fresh, keys)) {
            StoryPrint other = store.story(id);
            if (other == null || Math.abs(other.timeMs() - fresh.timeMs()) > settings.window().toMillis()) {
                continue;
            }
            Similarity s = similarity(fresh, other);
            if (isDuplicate(s) && s.shingles() > bestDuplicateScore) {
                bestDuplicate = other;
                bestDuplicateScore = s.shingles();
            } else if (isSameEvent(s, fresh.timeMs() - other.timeMs()) && s.combined() > bestEventScore) {
                bestEvent = other;
                bestEventScore = s.combined();
            }
        }
        Assignment assignment;
        if (bestDuplicate != null) {
            // point at the original, unless it has left the index (killed, expired): then at the copy that is still there
            String original = bestDuplicate.duplicateOf() != null && store.story(bestDuplicate.duplicateOf()) != null
                ? bestDuplicate.duplicateOf() : bestDuplicate.storyId();
            assignment = new Assignment(bestDuplicate.clusterId(), original);
        } else if (bestEvent != null) {
            assignment = new Assignment(bestEvent.clusterId(), null);
        } else {
            assignment = new Assignment(fresh.storyId(), null);
        }
        return new Proposal(assignment, fresh.withCluster(assignment.clusterId(), assignment.duplicateOf()), null, keys);
    }

    /**
     * Removes a story (a kill) from the index; returns whether it was there. Its copies take its place in the
     * buckets, so a later copy still finds one (and names it as its original).
     */
    public boolean remove(String storyId) {
        StoryPrint existing = store.story(storyId);
        if (existing == null) {
            return false;
        }
        unindex(existing);
        for (String copyId : store.copies(storyId)) {
            store.removeCopy(storyId, copyId);
            joinBucketsIfStored(copyId);
        }
        return true;
    }

    /**
     * Removes every story indexed before {@code nowMs - window}; returns how many. The newest copy of an expired
     * original that stays in the window takes its place in the buckets, so a later re-send still links to the
     * cluster (naming that copy as its original); its other copies stay out of the buckets until they expire too,
     * which spares writing every copy's buckets once more for what is left of its window.
     */
    public int expire(long nowMs) {
        List<StoryPrint> old = store.storiesIndexedBefore(nowMs - settings.window().toMillis());
        Set<String> leaving = new HashSet<>();
        old.forEach(print -> leaving.add(print.storyId()));
        for (StoryPrint print : old) {
            unindex(print);
            List<String> copies = store.copies(print.storyId());
            boolean replaced = false;
            for (int i = copies.size() - 1; i >= 0; i--) {  // newest first
                String copyId = copies.get(i);
                store.removeCopy(print.storyId(), copyId);
                replaced = replaced || !leaving.contains(copyId) && joinBucketsIfStored(copyId);
            }
        }
        return old.size();
    }

    /**
     * The stories sharing one of the buckets {@code keys} with {@code print}, in the order the buckets list them
     * (oldest first, bucket by bucket). At most {@code maxCandidates}: beyond that, those sharing the most buckets with
     * the story (a copy shares many LSH bands, a report of the same event several entities), then the newest, are
     * kept; they are still compared in the order found, so ties between equally similar candidates resolve as they
     * would without the cap.
     */
    private Collection<String> candidates(StoryPrint print, List<String> keys) {
        Map<String, Candidate> found = new LinkedHashMap<>(4 * settings.maxBucket());
        for (String key : keys) {
            Collection<String> members = store.bucket(key);
            int fromNewest = members.size();
            for (String member : members) {
                Candidate candidate = found.get(member);
                if (candidate == null) {
                    candidate = new Candidate();
                    found.put(member, candidate);
                }
                candidate.shares(--fromNewest);
            }
        }
        found.remove(print.storyId());
        if (found.size() <= settings.maxCandidates()) {
            return found.keySet();
        }
        List<Map.Entry<String, Candidate>> ranked = new ArrayList<>(found.entrySet());
        ranked.sort(Comparator.comparing((Map.Entry<String, Candidate> e) -> e.getValue().buckets).reversed()
            .thenComparing(e -> e.getValue().newest));
        Set<String> kept = new HashSet<>();
        ranked.subList(0, settings.maxCandidates()).forEach(e -> kept.add(e.getKey()));
        return found.keySet().stream().filter(kept::contains).toList();
    }

    /** How many of the story's buckets a candidate is in, and its best place from the newest end of one. */
    private static final class Candidate {
        int buckets;
        int newest = Integer.MAX_VALUE;

        void shares(int placeFromNewest) {
            buckets++;
            newest = Math.min(newest, placeFromNewest);
        }
    }

    /** The buckets of a print, each once: its LSH bands', then its entities'. */
    private List<String> bucketKeys(StoryPrint print) {
        Set<String> keys = new LinkedHashSet<>();
        for (String band : lsh.bucketKeys(print.shingles())) {
            keys.add("lsh/" + band);
        }
        for (String entity : print.entityIds()) {
            keys.add("ent/" + entity);
        }
        return List.copyOf(keys);
    }

    /**
     * Stores the print and adds the story to each of its buckets as the newest member, first dropping the oldest
     * members a full bucket would keep beyond {@code maxBucket}. A near-duplicate joins no bucket: its original is
     * there, and a later copy of the copy is, but for the few words the copies differ in, a copy of the original
     * (and at worst still the same event through the entity buckets). So a story re-sent fifty times costs one set
     * of buckets, not fifty, in bucket writes, changelog records and candidates to compare; its print is still kept,
     * for its new versions and kills, and it is noted under its original ({@link ClusterStore#addCopy}), whose place
     * in the buckets it takes if the original is killed ({@link #remove}). A copy that is not (or, a new version, no
     * longer) a duplicate of its original's text joins the buckets: no bucket would hold its text otherwise.
     */
    private void index(StoryPrint print, List<String> keys) {
        String id = print.storyId();
        store.putStory(print);
        StoryPrint original = print.duplicateOf() == null ? null : store.story(print.duplicateOf());
        // a copy (or a new version of one, which keeps its duplicateOf) stays out of the buckets only while its text
        // still duplicates the original's: else no bucket would hold that text
        if (original != null && isDuplicate(similarity(print, original))) {
            store.addCopy(print.duplicateOf(), id);
            return;
        }
        joinBuckets(id, keys);
    }

    /** Puts a copy whose original left into its buckets, when its print is still stored; returns whether it was. */
    private boolean joinBucketsIfStored(String copyId) {
        StoryPrint copy = store.story(copyId);
        if (copy != null) {
            joinBuckets(copyId, bucketKeys(copy));
        }
        return copy != null;
    }

    /** Adds {@code id} to the buckets {@code keys} as the newest member, trimming full ones. */
    private void joinBuckets(String id, List<String> keys) {
        for (String key : keys) {
            Collection<String> members = store.bucket(key);
            int excess = members.size() - (members.contains(id) ? 1 : 0) + 1 - settings.maxBucket();
            if (excess > 0) {
                // chosen before any is removed: the members are a view of the bucket
                List<String> oldest = new ArrayList<>(excess);
                for (Iterator<String> it = members.iterator(); oldest.size() < excess && it.hasNext(); ) {
                    String member = it.next();
                    if (!member.equals(id)) {
                        oldest.add(member);
                    }
                }
                oldest.forEach(member -> store.removeFromBucket(key, member));
            }
            store.addToBucket(key, id);
        }
    }

    private void unindex(StoryPrint print) {
        // a copy is in no bucket, unless its original was killed or an older release indexed it: look anyway
        for (String key : bucketKeys(print)) {
            store.removeFromBucket(key, print.storyId());
        }
        if (print.duplicateOf() != null) {
            store.removeCopy(print.duplicateOf(), print.storyId());
        }
        store.deleteStory(print.storyId());
    }

    /**
     * Jaccard similarity of two sets of entity ids. Prints hold at most {@code maxEntities} (10) ids, so the sets are
     * counted by scanning the lists, comparing cached string hashes before contents, rather than hashed into new sets
     * (a tenth of the cluster stage's time, for every candidate of every story); long lists, which only hand-made
     * prints have, are hashed.
     */
    static double jaccard(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        if (a.size() + b.size() > 64) {
            Set<String> union = new HashSet<>(a);
            union.addAll(b);
            Set<String> both = new HashSet<>(a);
            both.retainAll(b);
            return (double) both.size() / union.size();
        }
        int both = 0;
        int distinctA = 0;
        for (int i = 0; i < a.size(); i++) {
            String id = a.get(i);
            if (indexOf(a, id, i) < 0) {
                distinctA++;
                if (indexOf(b, id, b.size()) >= 0) {
                    both++;
                }
            }
        }
        int distinctB = 0;
        for (int i = 0; i < b.size(); i++) {
            if (indexOf(b, b.get(i), i) < 0) {
                distinctB++;
            }
        }
        return (double) both / (distinctA + distinctB - both);
    }

    /** Where {@code id} first is among the first {@code end} of {@code ids}, or -1. */
    private static int indexOf(List<String> ids, String id, int end) {
        int hash = id.hashCode();
        for (int i = 0; i < end; i++) {
            String other = ids.get(i);
            if (other.hashCode() == hash && other.equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
