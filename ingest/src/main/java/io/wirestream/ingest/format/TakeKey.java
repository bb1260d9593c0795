package io.wirestream.ingest.format;

import io.wirestream.schemas.PubStatus;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the version and kill signals that agencies put in take keys and markers: {@code 1stLd-Writethru} or
 * {@code 1ST LEAD} is version 2, {@code 2ndLd} version 3, a bare {@code Writethru} or {@code CORRECTION} version 2;
 * {@code KILL} / {@code ELIMINATION} withdraw the story (CANCELED), {@code WITHHOLD} holds it (WITHHELD).
 */
public final class TakeKey {

    private static final Pattern LEAD = Pattern.compile("(\\d+)\\s*(?:st|nd|rd|th)\\s*-?\\s*(?:Ld|Lead)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern WRITETHRU = Pattern.compile("(?:(\\d+)\\s*(?:st|nd|rd|th)\\s*-?\\s*)?Write-?thru", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_LEAD = Pattern.compile("\\b(?:New\\s*)?(?:Lead|Ld)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CORRECTION = Pattern.compile("\\b(?:Correction|Corrective|Correct|Corrected|Korrektur|Berichtigung|Sub|Refile|Repeat|Rectificatif)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern FLASH = Pattern.compile("^\\(?\\s*(?:FLASH|BLITZ)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern URGENT = Pattern.compile("^\\(?\\s*(?:URGENT|BULLETIN|EILT|EIL|EILMELDUNG|DRINGEND)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTRA = Pattern.compile("^\\(?\\s*EXTRA\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern KILL = Pattern.compile("\\b(?:KILL|KILLED|ELIMINATION|ELIMINACION|ELIMINACI\u00D3N|WITHDRAWN|STOPPT)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern WITHHOLD = Pattern.compile("\\b(?:WITHHOLD|WITHHELD|MANDATORY\\s+WITHHOLD)\\b", Pattern.CASE_INSENSITIVE);

    private TakeKey() {
    }

    /** Version implied by a take key or marker, 1 when it implies none. */
    public static int version(String takeKey) {
        if (takeKey == null || takeKey.isBlank()) {
            return 1;
        }
        Matcher lead = LEAD.matcher(takeKey);
        if (lead.find()) {
            return bounded(lead.group(1)) + 1;
        }
        Matcher wt = WRITETHRU.matcher(takeKey);
        if (wt.find()) {
            return wt.group(1) == null ? 2 : bounded(wt.group(1)) + 1;
        }
        if (BARE_LEAD.matcher(takeKey).find() || CORRECTION.matcher(takeKey).find()) {
            return 2;
        }
        return 1;
    }

    /** The status a take key or marker implies. */
    public static PubStatus status(String text) {
        if (text == null) {
            return PubStatus.USABLE;
        }
        if (KILL.matcher(text).find()) {
            return PubStatus.CANCELED;
        }
        if (WITHHOLD.matcher(text).find()) {
            return PubStatus.WITHHELD;
        }
        return PubStatus.USABLE;
    }

    /**
     * The urgency a marker implies (1 = most urgent), or null: {@code FLASH} / {@code BLITZ} 1; {@code URGENT},
     * {@code BULLETIN}, {@code EILT} / {@code Eil} / {@code EILMELDUNG} 2; {@code EXTRA} 3. A marker only ever raises the
     * header's priority.
     */
    public static Integer urgency(String marker) {
        if (marker == null) {
            return null;
        }
        String m = marker.strip();
        return FLASH.matcher(m).find() ? Integer.valueOf(1) : URGENT.matcher(m).find() ? Integer.valueOf(2) : EXTRA.matcher(m).find() ? Integer.valueOf(3) : null;
    }

    /** True when the text is only a take / urgency / kill marker rather than a headline. */
    public static boolean isMarker(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s=]+$", "");
        return t.matches("(?:\\d+\\s*(?:ST|ND|RD|TH)\\s+(?:LEAD|LD|NET|WRITETHRU|ADD|TAKE)|LEAD|NEW LEAD|EXTRA|URGENT|EILT|EIL|EILMELDUNG|FLASH|BULLETIN|BLITZ"
                + "|CORRECTION|CORRECTED|KORREKTUR|BERICHTIGUNG|REFILE|REPEAT|ADVISORY|KILL|ELIMINATION|WITHHOLD|WITHDRAWN|STOPPT|SUMMARY|ZUSAMMENFASSUNG)"
                + "(?:\\s*[-/]\\s*(?:KILL|ELIMINATION|CORRECTION|URGENT|EXTRA))?");
    }

    private static int bounded(String digits) {
        try {
            return Math.min(Integer.parseInt(digits), 10_000);
        } catch (NumberFormatException e) {
            return 10_000;
        }
    }
}
