package io.wirestream.enrich.value;

import io.wirestream.enrich.text.TokenizedText;
import io.wirestream.schemas.DateMention;
import io.wirestream.schemas.MentionSpan;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dates and date ranges: "July 31", "July 31, 2018", "Aug. 16 to 20", "16 August", "September 2018", "on Thursday".
 * A date without a year takes the year that puts it nearest the story's date; weekdays resolve to the last such day
 * on or before the story's date; without a story date such mentions keep a null {@code start}. Thread-safe.
 */
public final class DateExtractor {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("January", 1), Map.entry("February", 2), Map.entry("March", 3), Map.entry("April", 4),
            Map.entry("May", 5), Map.entry("June", 6), Map.entry("July", 7), Map.entry("August", 8),
            Map.entry("September", 9), Map.entry("October", 10), Map.entry("November", 11), Map.entry("December", 12),
            Map.entry("Jan.", 1), Map.entry("Feb.", 2), Map.entry("Mar.", 3), Map.entry("Apr.", 4), Map.entry("Jun.", 6),
            Map.entry("Jul.", 7), Map.entry("Aug.", 8), Map.entry("Sep.", 9), Map.entry("Sept.", 9), Map.entry("Oct.", 10),
            Map.entry("Nov.", 11), Map.entry("Dec.", 12), Map.entry("Jan", 1), Map.entry("Feb", 2), Map.entry("Aug", 8),
            Map.entry("Sept", 9), Map.entry("Oct", 10), Map.entry("Nov", 11), Map.entry("Dec", 12));
    private static final Map<String, DayOfWeek> WEEKDAYS = Map.of("Monday", DayOfWeek.MONDAY, "Tuesday",
            DayOfWeek.TUESDAY, "Wednesday", DayOfWeek.WEDNESDAY, "Thursday", DayOfWeek.THURSDAY, "Friday",
            DayOfWeek.FRIDAY, "Saturday", DayOfWeek.SATURDAY, "Sunday", DayOfWeek.SUNDAY);

    /** Dates in text order; {@code storyDate} may be null. */
    public List<DateMention> extract(TokenizedText t, LocalDate storyDate) {
        List<DateMention> out = new ArrayList<>();
        int n = t.size();
        for (int i = 0; i < n; i++) {
            int flags = t.flags(i);
            if ((flags & (TokenizedText.CAP | TokenizedText.NUMBER)) == 0) continue; // months, weekdays and days only
            String tok = t.token(i);
            Integer month = (flags & TokenizedText.CAP) != 0 ? MONTHS.get(tok) : null;
            if (month != null) {
                int day = i + 1 < n ? day(t.token(i + 1)) : -1;
                if (day > 0) {
                    int end = i + 2;
                    Integer year = null;
                    int endDay = -1;
                    if (end + 1 < n && isRangeWord(t.lower(end)) && day(t.token(end + 1)) > day) {
                        endDay = day(t.token(end + 1));
                        end += 2;
                    }
                    if (end + 1 < n && t.token(end).equals(",") && year(t.token(end + 1)) != null) {
                        year = year(t.token(end + 1));
                        end += 2;
                    } else if (end < n && year(t.token(end)) != null) {
                        year = year(t.token(end));
                        end++;
                    }
                    add(out, t, i, end, month, day, endDay, year, storyDate);
                    i = end - 1;
                    continue;
                }
                Integer year = i + 1 < n ? year(t.token(i + 1)) : null;
                if (year != null) {
                    YearMonth ym = YearMonth.of(year, month);
                    out.add(mention(t, i, i + 2, ym.atDay(1), ym.atEndOfMonth()));
                    i++;
                    continue;
                }
                if (tok.length() > 3 && !tok.equals("May") && !tok.equals("March") && !tok.endsWith(".")) {
                    // a bare month: "a scheduled September meeting"
                    Integer y = storyDate == null ? null : nearestYear(month, 15, storyDate);
                    out.add(y == null ? mention(t, i, i + 1, null, null)
                            : mention(t, i, i + 1, LocalDate.of(y, month, 1), YearMonth.of(y, month).atEndOfMonth()));
                }
                continue;
            }
            // "16 August 2018"
            int day = day(tok);
            if (day > 0 && i + 1 < n && MONTHS.containsKey(t.token(i + 1))) {
                int m = MONTHS.get(t.token(i + 1));
                int end = i + 2;
                Integer year = end < n ? year(t.token(end)) : null;
                if (year != null) end++;
                add(out, t, i, end, m, day, -1, year, storyDate);
                i = end - 1;
                continue;
            }
            DayOfWeek dow = (flags & TokenizedText.CAP) != 0 ? WEEKDAYS.get(tok) : null;
            if (dow != null) {
                LocalDate d = storyDate == null ? null : storyDate.with(TemporalAdjusters.previousOrSame(dow));
                out.add(mention(t, i, i + 1, d, null));
            }
        }
        return out;
    }

    private static void add(List<DateMention> out, TokenizedText t, int from, int to, int month, int day, int endDay,
                            Integer year, LocalDate storyDate) {
        Integer y = year != null ? year : storyDate == null ? null : nearestYear(month, day, storyDate);
        if (y == null) {
            out.add(mention(t, from, to, null, null));
            return;
        }
        try {
            LocalDate start = LocalDate.of(y, month, day);
            LocalDate end = endDay > 0 ? LocalDate.of(y, month, endDay) : null;
            out.add(mention(t, from, to, start, end));
        } catch (java.time.DateTimeException e) {
            out.add(mention(t, from, to, null, null)); // "February 30"
        }
    }

    private static Integer nearestYear(int month, int day, LocalDate story) {
        int best = story.getYear();
        long bestDist = Long.MAX_VALUE;
        for (int y = story.getYear() - 1; y <= story.getYear() + 1; y++) {
            int d = Math.min(day, YearMonth.of(y, month).lengthOfMonth());
            long dist = Math.abs(LocalDate.of(y, month, d).toEpochDay() - story.toEpochDay());
            if (dist < bestDist) {
                bestDist = dist;
                best = y;
            }
        }
        return best;
    }

    private static boolean isRangeWord(String s) {
        return s.equals("to") || s.equals("-") || s.equals("through") || s.equals("and") || s.equals("\u2013")
                || s.equals("until") || s.equals("till");
    }

    private static DateMention mention(TokenizedText t, int from, int to, LocalDate start, LocalDate end) {
        return new DateMention(start == null ? null : start.toString(), end == null ? null : end.toString(),
                new MentionSpan(t.start(from), t.end(to - 1), t.span(from, to)));
    }

    private static int day(String tok) {
        int len = tok.length();
        if (len == 0 || len > 4) return -1;
        int v = 0, k = 0;
        while (k < len && Character.isDigit(tok.charAt(k))) v = v * 10 + (tok.charAt(k++) - '0');
        if (k == 0 || k > 2) return -1;
        String suffix = tok.substring(k);
        if (!suffix.isEmpty() && !suffix.equals("st") && !suffix.equals("nd") && !suffix.equals("rd") && !suffix.equals("th")) {
            return -1;
        }
        return v >= 1 && v <= 31 ? v : -1;
    }

    private static Integer year(String tok) {
        if (tok.length() != 4) return null;
        for (int k = 0; k < 4; k++) if (!Character.isDigit(tok.charAt(k))) return null;
        int y = Integer.parseInt(tok);
        return y >= 1800 && y <= 2200 ? y : null;
    }
}
