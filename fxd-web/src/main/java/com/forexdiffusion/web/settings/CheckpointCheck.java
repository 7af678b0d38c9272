package com.forexdiffusion.web.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a checkpoint directory can be used: empty when it loads, else why not. The application supplies one that
 * really loads the model (this module knows no model code); {@link #files()} only looks for the files.
 */
@FunctionalInterface
public interface CheckpointCheck {
    Optional<String> problem(String checkpoint);

    /** A checkpoint is a directory with at least one .safetensors file. */
    static CheckpointCheck files() {
        return cp -> {
            Path dir = Path.of(cp);
            if (!Files.isDirectory(dir)) {
                return Optional.of("no directory " + cp);
            }
            try (var s = Files.list(dir)) {
                return s.anyMatch(p -> p.toString().endsWith(".safetensors")) ? Optional.empty()
                        : Optional.of(cp + " holds no .safetensors file");
            } catch (java.io.IOException e) {
                return Optional.of("cannot list " + cp + ": " + e.getMessage());
            }
        };
    }
}
