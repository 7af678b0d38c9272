package com.forexdiffusion.app;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --calibration} option of the commands that trade (SPEC §7: every forecaster calibrated by default). */
public final class CalibrationOption {
    @Option(names = "--calibration", paramLabel = "aci|split|none", defaultValue = "aci",
            converter = Converter.class,
            description = "Calibrate every forecaster's quantiles before signals, u and sizing read them: aci "
                    + "(adaptive conformal), split (one margin from the first outcomes) or none (raw). Only outcomes "
                    + "known at the decision are used; nothing is traded until each horizon has "
                    + CalibrationConfig.DEFAULT_WARMUP + " resolved outcomes (default: ${DEFAULT-VALUE}).")
    public CalibrationMode mode;

    public CalibrationConfig config() {
        return CalibrationConfig.defaults().withMode(mode);
    }

    /** Lower-case names in the usage error, as on the command line. */
    public static final class Converter implements ITypeConverter<CalibrationMode> {
        @Override
        public CalibrationMode convert(String value) {
            try {
                return CalibrationMode.parse("calibration", value);
            } catch (BadInputException e) {
                throw new TypeConversionException("'" + value + "' is not one of " + CalibrationMode.labels());
            }
        }
    }
}
