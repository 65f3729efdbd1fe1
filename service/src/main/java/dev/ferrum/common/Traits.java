package dev.ferrum.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Trait names as Placement defines them: a standard trait (os-traits) or a custom one, CUSTOM_[A-Z0-9_]+. */
public final class Traits {
    public static final String CUSTOM_PATTERN = "^CUSTOM_[A-Z0-9_]+$";
    private static final Pattern CUSTOM = Pattern.compile(CUSTOM_PATTERN);
    private static final Set<String> STANDARD = load();

    private Traits() {
    }

    public static boolean isValid(String trait) {
        return trait.length() <= 255 && (CUSTOM.matcher(trait).matches() || STANDARD.contains(trait));
    }

    private static Set<String> load() {
        try (InputStream in = Traits.class.getResourceAsStream("/traits/standard-traits.txt")) {
            if (in == null) {
                throw new IllegalStateException("traits/standard-traits.txt is missing from the classpath");
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toUnmodifiableSet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
