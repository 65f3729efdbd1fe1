package dev.ferrum.common.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One declared configuration option: section, name, default and a parser that rejects bad values
 * with a message. Names follow Ironic's ironic.conf wherever the concept is the same.
 */
public record Opt<T>(String section, String name, String defaultText, Function<String, T> parser, String help) {
    public Opt {
        Objects.requireNonNull(section);
        Objects.requireNonNull(name);
        Objects.requireNonNull(parser);
    }

    public String key() {
        return section + "." + name;
    }

    public static Opt<String> str(String section, String name, String dflt, String help) {
        return new Opt<>(section, name, dflt, v -> v, help);
    }

    public static Opt<String> choice(String section, String name, String dflt, Set<String> allowed, String help) {
        return new Opt<>(section, name, dflt, v -> {
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
            return v;
        }, help);
    }

    public static Opt<Integer> integer(String section, String name, int dflt, int min, int max, String help) {
        return new Opt<>(section, name, Integer.toString(dflt), v -> {
            int n;
            try {
                n = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return n;
        }, help);
    }

    public static Opt<Boolean> bool(String section, String name, boolean dflt, String help) {
        return new Opt<>(section, name, Boolean.toString(dflt), v -> switch (v.trim().toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        }, help);
    }

    public static Opt<List<String>> list(String section, String name, String dflt, String help) {
        return new Opt<>(section, name, dflt, Opt::splitList, help);
    }

    static List<String> splitList(String v) {
        List<String> out = new ArrayList<>();
        Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return List.copyOf(out);
    }
}
