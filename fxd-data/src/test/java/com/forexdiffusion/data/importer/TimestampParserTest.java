package com.forexdiffusion.data.importer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampParserTest {
    private static long local(String s, boolean epoch) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return new TimestampParser(epoch).parseDateTime(b, 0, b.length);
    }

    private static long utc(String iso) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void epochDayAgreesWithJavaTime() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            LocalDate d = LocalDate.ofEpochDay(rnd.nextLong(-800_000, 800_000));
            assertThat(TimestampParser.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                    .as(d.toString()).isEqualTo(d.toEpochDay());
        }
    }

    @Test
    void readsEverySupportedSpelling() {
        assertThat(local("20170102 020000", false)).isEqualTo(utc("2017-01-02T02:00:00"));
        assertThat(local("2017-01-02T02:03:04", false)).isEqualTo(utc("2017-01-02T02:03:04"));
        assertThat(local("2017-01-02 02:03", false)).isEqualTo(utc("2017-01-02T02:03:00"));
        assertThat(local("2017.01.02", false)).isEqualTo(utc("2017-01-02T00:00:00"));
        assertThat(local("20.02.2023 01:00:00.000", false)).isEqualTo(utc("2023-02-20T01:00:00"));
        assertThat(local("2024-02-29T23:59:59.5", false)).isEqualTo(utc("2024-02-29T23:59:59.500"));
    }

    @Test
    void reportsStatedOffsets() {
        TimestampParser p = new TimestampParser(false);
        byte[] b = "01.01.2020 00:00:00.000 GMT+0200".getBytes(StandardCharsets.US_ASCII);
        assertThat(p.parseDateTime(b, 0, b.length)).isEqualTo(utc("2020-01-01T00:00:00"));
        assertThat(p.offsetSeconds()).isEqualTo(7200);
        b = "2020-01-01T00:00:00-05:30".getBytes(StandardCharsets.US_ASCII);
        p.parseDateTime(b, 0, b.length);
        assertThat(p.offsetSeconds()).isEqualTo(-(5 * 3600 + 30 * 60));
        b = "2020-01-01T00:00:00Z".getBytes(StandardCharsets.US_ASCII);
        p.parseDateTime(b, 0, b.length);
        assertThat(p.offsetSeconds()).isZero();
        b = "2020-01-01 00:00".getBytes(StandardCharsets.US_ASCII);
        p.parseDateTime(b, 0, b.length);
        assertThat(p.offsetSeconds()).isEqualTo(TimestampParser.NO_OFFSET);
    }

    @Test
    void epochSecondsAndMillisAreToldApartByMagnitude() {
        assertThat(local("1700000000", true)).isEqualTo(1_700_000_000_000L);
        assertThat(local("1700000000000", true)).isEqualTo(1_700_000_000_000L);
        assertThat(local("1700000000", false)).isEqualTo(TimestampParser.FAIL);
    }

    @Test
    void rejectsImpossibleDates() {
        for (String s : new String[] {"20170230 000000", "2017-13-01", "2017-01-01 24:00", "2017-01-01 10:60",
                "01/02/2020 10:00", "2017-01-01T10:00:00 junk", "hello", "20170102 0200"}) {
            TimestampParser p = new TimestampParser(false);
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(p.parseDateTime(b, 0, b.length)).as(s).isEqualTo(TimestampParser.FAIL);
            assertThat(p.error()).as(s).isNotBlank();
        }
    }
}
