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

/**
 * Trait names as Ironic accepts them (node traits, deploy template names, allocation traits): a standard
 * os-traits name, or a custom one, {@code CUSTOM_} followed by upper-case letters, digits and underscores;
 * at most 255 characters either way.
 */
public final class Traits {
    /** Ironic's limit on the traits of one node. */
    public static final int MAX_PER_NODE = 50;
    public static final int MAX_LENGTH = 255;
    public static final String CUSTOM_PATTERN = "^CUSTOM_[A-Z0-9_]+$";
    private static final Pattern CUSTOM = Pattern.compile(CUSTOM_PATTERN);
    private static final Set<String> STANDARD = load("/traits/os-traits.txt");

    private Traits() {
    }

    public static boolean isStandard(String name) {
        return STANDARD.contains(name);
    }

    public static boolean isValid(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH
                && (STANDARD.contains(name) || CUSTOM.matcher(name).matches());
    }

    /**
     * Returns {@code name} if it is a valid trait name, else a 400 naming {@code what} (e.g. "trait").
     */
    public static String check(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw FerrumException.invalid("Invalid %s: the name is empty.", what);
        }
        if (name.length() > MAX_LENGTH) {
            throw FerrumException.invalid("Invalid %s '%s': it is longer than %d characters.", what, name, MAX_LENGTH);
        }
        if (!isValid(name)) {
            // worded as Ironic's JSON schema error, which clients show verbatim
            throw FerrumException.invalid("Schema error for %s: '%s' is not valid under any of the given schemas. Possible "
                    + "root cause: '%s' does not match '%s'", what, name, name, CUSTOM_PATTERN);
        }
        return name;
    }

    private static Set<String> load(String resource) {
        try (InputStream in = Traits.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
