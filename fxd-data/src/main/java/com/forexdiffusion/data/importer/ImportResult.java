package com.forexdiffusion.data.importer;

import java.util.List;

/** The outcome of one import call, one entry per file in the order given. */
public record ImportResult(List<FileImportResult> files) {
    public ImportResult {
        files = List.copyOf(files);
    }

    public long rowsRead() {
        return files.stream().mapToLong(FileImportResult::rowsRead).sum();
    }

    public long rowsStored() {
        return files.stream().mapToLong(FileImportResult::rowsStored).sum();
    }

    public long duplicatesDropped() {
        return files.stream().mapToLong(FileImportResult::duplicatesDropped).sum();
    }

    /** Stored bars whose values the import changed. */
    public long storedReplaced() {
        return files.stream().mapToLong(FileImportResult::storedReplaced).sum();
    }

    public long conflictsSkipped() {
        return files.stream().mapToLong(FileImportResult::conflictsSkipped).sum();
    }

    public long rowsRejected() {
        return files.stream().mapToLong(FileImportResult::rowsRejected).sum();
    }
}
