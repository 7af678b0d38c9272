package com.forexdiffusion.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process from /proc/self/status (Linux): it counts native tensor memory and libraries,
 * which the Java heap figures do not. Returns 0 where /proc is not available.
 */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Current resident set (VmRSS), bytes. */
    public static long residentBytes() {
        return field("VmRSS:");
    }

    /** Peak resident set since the process started (VmHWM), bytes. */
    public static long peakResidentBytes() {
        return field("VmHWM:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
