package io.wirestream.ingest.format;

/** Whitespace collapsing without regular expressions (it runs on every paragraph of every article). */
public final class Whitespace {

    private Whitespace() {
    }

    /** Runs of whitespace (line breaks and NBSP included) become one space; leading and trailing whitespace goes. */
    public static String collapse(CharSequence s) {
        int n = s.length();
        StringBuilder sb = new StringBuilder(n);
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u00A0' || c == 0x0B
                || (c > 0x7F && Character.isWhitespace(c));
    }

    /** Drops C0 control characters other than tab, line feed and carriage return, and DEL. */
    public static String withoutControls(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!isControl(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
    }
}
