package io.wirestream.ingest.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the timestamps wire formats use: ISO 8601 / RFC 3339 (NewsML-G2, ninjs, Atom), the NITF {@code norm}
 * form ({@code 20180731T143000Z}, {@code 20180731T143000+0300}, {@code 20180731}) and RFC 822 (RSS
 * {@code pubDate}, with the US zone abbreviations). Times without an offset are taken as UTC. Returns null when the
 * text is none of these; results are truncated to milliseconds.
 */
public final class TimestampReader {

    private static final Pattern NITF_NORM = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(?:T(\\d{2})(\\d{2})(\\d{2})?(?:[.,]\\d+)?(Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Map<String, String> US_ZONES = Map.of(
            "EST", "-0500", "EDT", "-0400", "CST", "-0600", "CDT", "-0500",
            "MST", "-0700", "MDT", "-0600", "PST", "-0800", "PDT", "-0700", "UT", "+0000", "UTC", "+0000");
    private static final DateTimeFormatter RFC_822 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .optionalStart().appendPattern("EEE").optionalStart().appendLiteral(',').optionalEnd().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
            .appendLiteral(' ').appendPattern("MMM").appendLiteral(' ')
            .appendValueReduced(ChronoField.YEAR, 2, 4, 1970)
            .appendLiteral(' ').appendPattern("HH:mm").optionalStart().appendPattern(":ss").optionalEnd()
            .appendLiteral(' ')
            .optionalStart().appendPattern("xx").optionalEnd()
            .optionalStart().appendLiteral("GMT").optionalEnd()
            .optionalStart().appendLiteral("Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter(Locale.ENGLISH);

    private TimestampReader() {
    }

    public static Instant read(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        try {
            return truncate(readOrThrow(s));
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Instant readOrThrow(String s) {
        if (Character.isDigit(s.charAt(0))) {
            Matcher m = NITF_NORM.matcher(s);
            if (m.matches()) {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                if (m.group(4) == null) {
                    return date.atStartOfDay().toInstant(ZoneOffset.UTC);
                }
                LocalDateTime time = date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                String off = m.group(7);
                ZoneOffset offset = off == null || off.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(off.length() == 5 ? off.substring(0, 3) + ":" + off.substring(3) : off);
                return time.toInstant(offset);
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e2) {
                    try {
                        return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException e3) {
                        // maybe RFC 822 without the day name
                    }
                }
            }
        }
        String rfc = s.replaceAll("\\s+", " ");
        for (Map.Entry<String, String> zone : US_ZONES.entrySet()) {
            if (rfc.endsWith(" " + zone.getKey())) {
                rfc = rfc.substring(0, rfc.length() - zone.getKey().length()) + zone.getValue();
                break;
            }
        }
        return ZonedDateTime.parse(rfc, RFC_822).toInstant();
    }

    private static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
