package com.forexdiffusion.core;

/**
 * Input that cannot be accepted, located precisely: the source (a file or a config key), the 1-based line
 * where there is one, and the field. The message reads {@code source:line: field 'x': reason}.
 */
public final class BadInputException extends FxdException {
    private final String source;
    private final long line;
    private final String field;
    private final String reason;

    public BadInputException(String source, long line, String field, String reason) {
        super(format(source, line, field, reason));
        this.source = source;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    /** An error about a whole source (no line), such as an empty file or an unknown format. */
    public static BadInputException ofSource(String source, String reason) {
        return new BadInputException(source, 0, null, reason);
    }

    /** An error about a configuration field, such as a horizon that is not a multiple of the timeframe. */
    public static BadInputException ofField(String field, String reason) {
        return new BadInputException(null, 0, field, reason);
    }

    static String format(String source, long line, String field, String reason) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        } else if (line > 0) {
            sb.append("line ").append(line).append(": ");
        }
        if (field != null) {
            sb.append("field '").append(field).append("': ");
        }
        return sb.append(reason).toString();
    }

    public String source() {
        return source;
    }

    /** 1-based line number, or 0 when the error is not about one line. */
    public long line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
