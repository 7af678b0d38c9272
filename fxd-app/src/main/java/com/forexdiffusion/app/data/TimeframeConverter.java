package com.forexdiffusion.app.data;

import com.forexdiffusion.core.Timeframe;
import picocli.CommandLine.ITypeConverter;

/** Accepts every spelling {@link Timeframe#parse} does ("M5", "5m", "1h", "D"). */
public final class TimeframeConverter implements ITypeConverter<Timeframe> {
    @Override
    public Timeframe convert(String value) {
        return Timeframe.parse(value);
    }
}
