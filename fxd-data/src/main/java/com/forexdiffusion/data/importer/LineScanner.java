package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines inside one reusable buffer, so a file of any size is read with constant
 * memory and no allocation per line. Accepts LF and CRLF endings, a missing final newline and a UTF-8 BOM.
 */
final class LineScanner {
    private static final int INITIAL = 1 << 16;
    private static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final String source;
    private byte[] buf = new byte[INITIAL];
    private int limit;
    private int pos;
    private int scanFrom;
    private boolean eof;
    private boolean started;
    private long bytesRead;
    private long lineNo;
    private int lineStart;
    private int lineEnd;

    LineScanner(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            fill();
            if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                pos = 3;
                scanFrom = 3;
            }
        }
        while (true) {
            byte[] b = buf;
            int lim = limit;
            for (int i = scanFrom; i < lim; i++) {
                if (b[i] == '\n') {
                    setLine(pos, i);
                    pos = i + 1;
                    scanFrom = pos;
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    setLine(pos, limit);
                    pos = limit;
                    scanFrom = limit;
                    return true;
                }
                return false;
            }
            compactAndFill();
        }
    }

    private void setLine(int start, int endExclusive) {
        lineStart = start;
        lineEnd = endExclusive > start && buf[endExclusive - 1] == '\r' ? endExclusive - 1 : endExclusive;
        lineNo++;
    }

    private void compactAndFill() throws IOException {
        int pending = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, pending);
        } else if (pending == buf.length) {
            if (buf.length >= MAX_LINE) {
                throw new BadInputException(source, lineNo + 1, null, "line longer than "
                        + MAX_LINE + " bytes; this is not a candle file");
            }
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        pos = 0;
        limit = pending;
        scanFrom = pending;
        fill();
    }

    private void fill() throws IOException {
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return;
            }
            limit += n;
            bytesRead += n;
            if (n > 0 && limit - scanFrom >= 4096) {
                return;
            }
        }
    }

    byte[] buffer() {
        return buf;
    }

    int lineStart() {
        return lineStart;
    }

    int lineEnd() {
        return lineEnd;
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return lineNo;
    }

    boolean lineIsBlank() {
        for (int i = lineStart; i < lineEnd; i++) {
            byte c = buf[i];
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    String lineText() {
        return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /** Bytes taken from the stream so far (for progress estimates). */
    long bytesRead() {
        return bytesRead;
    }
}
