package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * One input checked before anything is read: a plain candle file, or a zip holding exactly one .csv entry
 * (as HistData publishes them), which is decompressed as a stream.
 *
 * @param name      the file name, used as the source of stored rows and in messages
 * @param entryName the .csv entry inside a zip, or null for a plain file
 * @param size      uncompressed bytes, for progress estimates
 */
record InputFile(Path path, String name, String entryName, long size) {

    /** Checks that {@code path} is a readable, non-empty candle file; every failure names the file. */
    static InputFile of(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (!Files.exists(path)) {
            throw BadInputException.ofSource(path.toString(), "no such file");
        }
        if (Files.isDirectory(path)) {
            throw BadInputException.ofSource(path.toString(), "is a directory; give the candle files themselves");
        }
        if (!Files.isReadable(path)) {
            throw BadInputException.ofSource(path.toString(), "cannot be read (permission denied)");
        }
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw BadInputException.ofSource(path.toString(), "cannot be read: " + e.getMessage());
        }
        if (size == 0) {
            throw BadInputException.ofSource(path.toString(), "the file is empty");
        }
        InputFile file = name.toLowerCase(Locale.ROOT).endsWith(".zip") ? zipped(path, name, size)
                : new InputFile(path, name, null, size);
        file.refuseBinary();
        return file;
    }

    /** Bytes looked at to tell a text file from a binary one. */
    static final int SNIFF_BYTES = 8192;

    /**
     * Refuses a file that is not text (a NUL byte, or more than one byte in twenty a control character, in its first
     * {@value #SNIFF_BYTES} bytes) with a message naming it and never quoting its bytes, which would garble the
     * terminal.
     */
    void refuseBinary() {
        byte[] head = new byte[SNIFF_BYTES];
        int n = 0;
        try (InputStream in = open()) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        } catch (IOException e) {
            throw BadInputException.ofSource(source(), "cannot be read: " + e.getMessage());
        }
        int control = 0;
        boolean nul = false;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            nul |= b == 0;
            if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F) {
                control++;
            }
        }
        if (!nul && control * 20 <= n) {
            return;
        }
        boolean zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        throw BadInputException.ofSource(source(), "is a binary file, not a text candle file (" + control + " of its "
                + "first " + n + " bytes are control characters" + (nul ? ", some of them NUL" : "") + "); "
                + (zip ? "it is a zip archive: name it *.zip to import the .csv inside"
                : "give the CSV or TXT export (HistData, Dukascopy, MetaTrader, generic CSV) or a HistData zip"));
    }

    private static InputFile zipped(Path path, String name, long size) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            List<String> all = new ArrayList<>();
            List<ZipEntry> csvs = new ArrayList<>();
            zip.stream().forEach(e -> {
                all.add(e.getName());
                if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    csvs.add(e);
                }
            });
            if (csvs.size() != 1) {
                throw BadInputException.ofSource(path.toString(), (csvs.isEmpty() ? "the zip holds no .csv file"
                        : "the zip holds " + csvs.size() + " .csv files; unpack it and import them one by one")
                        + " (entries: " + (all.isEmpty() ? "none" : String.join(", ", all)) + ")");
            }
            ZipEntry entry = csvs.getFirst();
            if (entry.getSize() == 0) {
                throw BadInputException.ofSource(path.toString(), "the entry " + entry.getName() + " is empty");
            }
            return new InputFile(path, name, entry.getName(), entry.getSize() > 0 ? entry.getSize() : size);
        } catch (ZipException e) {
            throw BadInputException.ofSource(path.toString(), "not a readable zip file: " + e.getMessage());
        } catch (IOException e) {
            throw BadInputException.ofSource(path.toString(), "cannot be read: " + e.getMessage());
        }
    }

    /** The name used in row error messages: the file, and the entry for a zip. */
    String source() {
        return entryName == null ? name : name + "!" + entryName;
    }

    /** The uncompressed bytes of the candle data; closing it closes the zip too. */
    InputStream open() throws IOException {
        if (entryName == null) {
            return Files.newInputStream(path);
        }
        ZipFile zip = new ZipFile(path.toFile());
        try {
            InputStream in = zip.getInputStream(zip.getEntry(entryName));
            return new FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** Up to {@code max} non-blank lines from the start, for format detection. */
    List<String> firstLines(int max) {
        byte[] head = new byte[16 * 1024];
        int n = 0;
        try (InputStream in = open()) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source() + ": cannot be read: " + e.getMessage(), e);
        }
        String text = new String(head, 0, n, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isBlank() && lines.size() < max) {
                lines.add(line);
            }
        }
        // The last piece may be cut in the middle when the head is full.
        if (n == head.length && lines.size() > 1 && !text.endsWith("\n")) {
            lines.removeLast();
        }
        return lines;
    }
}
