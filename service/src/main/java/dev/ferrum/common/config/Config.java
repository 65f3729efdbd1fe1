package dev.ferrum.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed, validated configuration. Built once at start from zero or more INI files (later files
 * win, as with oslo.config's repeated --config-file); any unknown option or bad value fails the start
 * with one message naming every problem.
 */
public final class Config {
    private static final Pattern VAR = Pattern.compile("\\$(\\{(\\w+)}|(\\w+))");

    private final Map<String, Object> values;

    private Config(Map<String, Object> values) {
        this.values = values;
    }

    public static Config defaults() {
        return load(List.of(), Map.of());
    }

    /** Loads files, then applies overrides (section.name → value), e.g. from tests or command-line flags. */
    public static Config load(List<Path> files, Map<String, String> overrides) {
        Map<String, Map<String, String>> raw = new LinkedHashMap<>();
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                throw new ConfigException("Cannot read config file " + f);
            }
            try {
                IniFile.read(f, raw);
            } catch (IOException e) {
                throw new ConfigException("Cannot read config file " + f + ": " + e.getMessage());
            }
        }
        overrides.forEach((k, v) -> {
            int dot = k.indexOf('.');
            raw.computeIfAbsent(k.substring(0, dot), s -> new LinkedHashMap<>()).put(k.substring(dot + 1), v);
        });

        Map<String, Opt<?>> known = Options.all();
        List<String> problems = new ArrayList<>();
        Map<String, String> text = new HashMap<>();
        raw.forEach((section, opts) -> opts.forEach((name, value) -> {
            String key = section + "." + name;
            if (!known.containsKey(key)) {
                problems.add("unknown option [" + section + "]" + name);
            } else {
                text.put(key, value);
            }
        }));
        Map<String, Object> values = new HashMap<>();
        for (Opt<?> opt : known.values()) {
            String v = text.getOrDefault(opt.key(), opt.defaultText());
            v = interpolate(v, text, known);
            try {
                values.put(opt.key(), opt.parser().apply(v));
            } catch (IllegalArgumentException e) {
                problems.add("bad value '" + v + "' for [" + opt.section() + "]" + opt.name() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid configuration: " + String.join("; ", problems));
        }
        return new Config(values);
    }

    /** oslo.config substitutes $name / ${name} with [DEFAULT] options, e.g. $state_path. */
    private static String interpolate(String v, Map<String, String> text, Map<String, Opt<?>> known) {
        if (v.indexOf('$') < 0) {
            return v;
        }
        Matcher m = VAR.matcher(v);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(2) != null ? m.group(2) : m.group(3);
            Opt<?> ref = known.get("DEFAULT." + name);
            String rep = ref == null ? m.group() : text.getOrDefault(ref.key(), ref.defaultText());
            m.appendReplacement(sb, Matcher.quoteReplacement(rep));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Opt<T> opt) {
        Object v = values.get(opt.key());
        if (v == null && !values.containsKey(opt.key())) {
            throw new IllegalArgumentException("undeclared option " + opt.key());
        }
        return (T) v;
    }
}
