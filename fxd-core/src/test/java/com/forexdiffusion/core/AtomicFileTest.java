package com.forexdiffusion.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void writesTheWholeFileReadableByOthers() throws Exception {
        Path f = dir.resolve("sub/out.txt");
        AtomicFile.writeString(f, "hello");
        assertThat(Files.readString(f)).isEqualTo("hello");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
        try (var s = Files.list(f.getParent())) {
            assertThat(s.toList()).containsExactly(f);
        }
    }

    @Test
    void aFailedWriteKeepsTheOldContentAndLeavesNoTemporaryFile() throws Exception {
        Path f = dir.resolve("out.txt");
        Files.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFile.write(f, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        })).isInstanceOf(FxdException.class).hasMessageContaining("out.txt").hasMessageContaining("disk full");
        assertThat(Files.readString(f)).isEqualTo("old");
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(f);
        }
    }
}
