package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The rejected rows of one file as CSV ({@code line,reason,raw}). Rows stream into a temporary file beside
 * the target, which is moved into place only when the import commits, so a failed import leaves no report
 * that describes data that was never stored, and a reader never sees half a report.
 */
final class RejectReport implements AutoCloseable {
    private final Path target;
    private Path temp;
    private BufferedWriter out;

    RejectReport(Path dir, String inputName) {
        this.target = dir.resolve(inputName + ".rejects.csv");
    }

    Path target() {
        return target;
    }

    boolean isEmpty() {
        return temp == null;
    }

    void add(BadInputException error, String raw) {
        try {
            if (out == null) {
                Path dir = target.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                temp = Files.createTempFile(dir, target.getFileName().toString() + ".", ".tmp");
                out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                out.write("line,reason,raw\n");
            }
            String reason = error.field() == null ? error.reason() : "field '" + error.field() + "': " + error.reason();
            out.write(Long.toString(error.line()));
            out.write(',');
            out.write(quote(reason));
            out.write(',');
            out.write(quote(raw == null ? "" : raw));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reject report " + target + ": " + e.getMessage(), e);
        }
    }

    /** Moves the finished report into place; returns its path, or null when nothing was rejected. */
    Path publish() throws IOException {
        if (temp == null) {
            return null;
        }
        out.close();
        out = null;
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        temp = null;
        return target;
    }

    /** Drops an unpublished report. */
    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // Only a leftover temp file is at stake; the import outcome must not be masked by it.
        }
    }

    static String quote(String s) {
        boolean needs = false;
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';' || c == '\t';
        }
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
