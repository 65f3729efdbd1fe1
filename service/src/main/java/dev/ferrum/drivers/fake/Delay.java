package dev.ferrum.drivers.fake;

import dev.ferrum.common.config.ConfigException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fake interface's simulated hardware latency, from {@code [fake] X_delay}: "N" seconds, or "A,B" for a
 * random time between A and B weighted towards A (as Ironic's fake driver does).
 */
public record Delay(int earliest, int latest) {
    public static final Delay NONE = new Delay(0, 0);

    public static Delay parse(String option, String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String[] parts = value.split(",");
        try {
            int a = Integer.parseInt(parts[0].strip());
            int b = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : a;
            if (a < 0 || b < a || parts.length > 2) {
                throw new NumberFormatException();
            }
            return new Delay(a, b);
        } catch (NumberFormatException e) {
            throw new ConfigException("[fake]" + option + " must be N or A,B with 0 <= A <= B, got '" + value + "'");
        }
    }

    public void pause() {
        if (latest == 0) {
            return;
        }
        double seconds = earliest == latest ? earliest : triangular(earliest, latest);
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating hardware", e);
        }
    }

    private static double triangular(double low, double high) {
        double u = ThreadLocalRandom.current().nextDouble();
        // mode == low: the inverse CDF of a triangular distribution leaning to its lower end
        return high - Math.sqrt((1 - u) * (high - low) * (high - low));
    }
}
