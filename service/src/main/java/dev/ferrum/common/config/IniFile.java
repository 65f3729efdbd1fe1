package dev.ferrum.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads oslo.config-style INI files: {@code [section]} headers, {@code key = value} pairs, {@code #} and
 * {@code ;} comments, indented continuation lines. Hand-written because oslo's dialect (continuations,
 * DEFAULT section, later-file-wins merging) is not what generic INI libraries implement.
 */
final class IniFile {
    private IniFile() {
    }

    /** Merges {@code path} into {@code into} as section.name → value; later values win. */
    static void read(Path path, Map<String, Map<String, String>> into) throws IOException {
        List<String> lines = Files.readAllLines(path);
        String section = null;
        String lastKey = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            String where = path + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && lastKey != null && section != null) {
                Map<String, String> s = into.get(section);
                s.put(lastKey, (s.get(lastKey) + "\n" + line).strip());
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new ConfigException(where + ": malformed section header '" + line + "'");
                }
                section = line.substring(1, line.length() - 1).strip();
                into.computeIfAbsent(section, k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int eq = indexOfSeparator(line);
            if (eq <= 0) {
                throw new ConfigException(where + ": expected 'name = value', got '" + line + "'");
            }
            if (section == null) {
                throw new ConfigException(where + ": option '" + line.substring(0, eq).strip()
                        + "' appears before any [section] header");
            }
            lastKey = line.substring(0, eq).strip();
            into.get(section).put(lastKey, line.substring(eq + 1).strip());
        }
    }

    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }
}
