package io.wirestream.ingest.format;

/**
 * The input is not a valid document of the format: says which format, where (line/column, byte or character offset,
 * or an element path) and why. Every parser failure is one of these, so a source can reject the input with a reason.
 */
public class ParseException extends Exception {

    private final String format;
    private final String reason;
    private final int line;
    private final int column;
    private final long offset;
    private final String path;

    public ParseException(String format, String reason, int line, int column, long offset, String path, Throwable cause) {
        super(null, cause);
        this.format = format;
        this.reason = reason == null || reason.isBlank() ? "invalid input" : reason;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.path = path;
    }

    /** Error at a line and column (1-based). */
    public static ParseException atLine(String format, String reason, int line, int column) {
        return new ParseException(format, reason, Math.max(1, line), Math.max(1, column), -1, null, null);
    }

    /** Error at an offset (0-based) into the input. */
    public static ParseException atOffset(String format, String reason, long offset) {
        return new ParseException(format, reason, 0, 0, Math.max(0, offset), null, null);
    }

    /** Error at a character index of decoded text: reported as line, column and offset. */
    public static ParseException atIndex(String format, String reason, CharSequence text, int index) {
        int i = Math.max(0, Math.min(index, text.length()));
        int line = 1;
        int col = 1;
        for (int k = 0; k < i; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new ParseException(format, reason, line, col, i, null, null);
    }

    /** Error at a structural path: an XML element path or a JSON pointer. */
    public static ParseException atPath(String format, String reason, String path) {
        return new ParseException(format, reason, 0, 0, -1, path == null || path.isBlank() ? "/" : path, null);
    }

    public String format() {
        return format;
    }

    public String reason() {
        return reason;
    }

    /** 1-based line, or 0 when the location is not a line. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when the location is not a line. */
    public int column() {
        return column;
    }

    /** 0-based offset into the input, or -1. */
    public long offset() {
        return offset;
    }

    /** Element path or JSON pointer, or null. */
    public String path() {
        return path;
    }

    /** Human-readable location, never empty: {@code line 3, column 7}, {@code offset 120}, {@code element /nitf/head}. */
    public String location() {
        StringBuilder sb = new StringBuilder();
        if (line > 0) {
            sb.append("line ").append(line).append(", column ").append(column);
        }
        if (offset >= 0) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append("offset ").append(offset);
        }
        if (path != null) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append("at ").append(path);
        }
        return sb.length() == 0 ? "start of input" : sb.toString();
    }

    @Override
    public String getMessage() {
        return (format == null ? "" : format + ": ") + reason + " (" + location() + ")";
    }
}
