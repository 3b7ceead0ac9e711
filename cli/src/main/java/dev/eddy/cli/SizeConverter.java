package dev.eddy.cli;

import picocli.CommandLine;

/** Lets options such as {@code --piece-size 256k} or {@code --download-limit 10M} take suffixes. */
public final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    /** Creates the converter; picocli does this for options that name it. */
    public SizeConverter() {
    }

    @Override
    public Long convert(String value) {
        try {
            return Sizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
