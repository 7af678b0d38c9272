package com.forexdiffusion.data.importer;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Converts local civil time (as "local epoch millis") of a source zone to UTC without allocating per row.
 * For zones with daylight saving the offset is looked up once per local quarter hour, since every modern
 * transition falls on a quarter hour. A local time inside a spring-forward gap or an autumn overlap takes
 * the offset in force before the transition (the java.time rule for LocalDateTime lookups).
 */
final class ZoneConverter {
    private static final long SLOT_MS = 15 * 60_000L;

    private final ZoneRules rules;
    private final boolean fixed;
    private final long fixedOffsetMs;
    private long cachedSlot = Long.MIN_VALUE;
    private long cachedOffsetMs;

    ZoneConverter(ZoneId zone) {
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedOffsetMs = fixed ? rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds() * 1000L : 0;
    }

    long toUtc(long localMs) {
        if (fixed) {
            return localMs - fixedOffsetMs;
        }
        long slot = Math.floorDiv(localMs, SLOT_MS);
        if (slot != cachedSlot) {
            LocalDateTime ldt = LocalDateTime.ofEpochSecond(Math.floorDiv(slot * SLOT_MS, 1000L), 0, ZoneOffset.UTC);
            cachedOffsetMs = rules.getOffset(ldt).getTotalSeconds() * 1000L;
            cachedSlot = slot;
        }
        return localMs - cachedOffsetMs;
    }
}
