package dev.ferrum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The end-of-run table, the server's resource use, and the same as JSON. */
final class Report {

    private final ObjectNode run;
    private final List<Measurement.Result> results = new ArrayList<>();
    private ServerProcess server;
    private ServerProcess.Sample before;
    private ServerProcess.Sample after;

    Report(ObjectNode run) {
        this.run = run;
    }

    void add(Measurement.Result result) {
        results.add(result);
    }

    int errors() {
        return results.stream().mapToInt(Measurement.Result::errors).sum();
    }

    void server(ServerProcess process, ServerProcess.Sample first, ServerProcess.Sample last) {
        this.server = process;
        this.before = first;
        this.after = last;
    }

    void print(PrintStream out) {
        boolean cpu = server != null;
        List<String> header = new ArrayList<>(List.of("workload", "ops", "ops/s", "p50 ms", "p95 ms", "p99 ms", "errors"));
        if (cpu) {
            header.add("srv cpu s");
        }
        header.add("notes");
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (Measurement.Result r : results) {
            List<String> row = new ArrayList<>(List.of(r.workload(), Integer.toString(r.ops()), fmt("%.1f", r.opsPerSecond()),
                    fmt("%.2f", r.p50Ms()), fmt("%.2f", r.p95Ms()), fmt("%.2f", r.p99Ms()), Integer.toString(r.errors())));
            if (cpu) {
                row.add(r.serverCpuSeconds() == null ? "" : fmt("%.2f", r.serverCpuSeconds()));
            }
            row.add(r.notes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                    .collect(Collectors.joining(" ")));
            rows.add(row);
        }
        int[] width = new int[header.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        out.println();
        for (int i = 0; i < rows.size(); i++) {
            out.println(line(rows.get(i), width));
            if (i == 0) {
                out.println(rule(width));
            }
        }
        if (cpu) {
            out.println();
            out.printf(Locale.ROOT, "server pid %d: peak RSS (VmHWM) %.1f MiB before, %.1f MiB after; RSS %.1f MiB before, %.1f MiB after%n",
                    server.pid(), before.peakRssKb() / 1024.0, after.peakRssKb() / 1024.0,
                    before.rssKb() / 1024.0, after.rssKb() / 1024.0);
            out.printf(Locale.ROOT, "server pid %d: CPU (utime+stime) %.2f s before, %.2f s after, %.2f s during the run%n",
                    server.pid(), before.cpuSeconds(), after.cpuSeconds(), after.cpuSeconds() - before.cpuSeconds());
        }
        for (Measurement.Result r : results) {
            if (!r.errorSamples().isEmpty()) {
                out.println();
                out.println(r.workload() + ": " + r.errors() + " errors, the first " + r.errorSamples().size() + ":");
                r.errorSamples().forEach(s -> out.println("  " + s));
            }
        }
    }

    void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        ObjectNode doc = run.deepCopy();
        doc.set("workloads", json.valueToTree(results));
        if (server != null) {
            ObjectNode s = doc.putObject("server");
            s.put("pid", server.pid());
            s.set("before", json.valueToTree(before));
            s.set("after", json.valueToTree(after));
            s.put("cpu_seconds_during_run", after.cpuSeconds() - before.cpuSeconds());
        }
        json.writeValue(file.toFile(), doc);
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            boolean left = c == 0 || c == cells.size() - 1;
            b.append(c == 0 ? "" : " | ").append(left ? pad(cell, width[c], false) : pad(cell, width[c], true));
        }
        return b.toString().stripTrailing();
    }

    private static String rule(int[] width) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            b.append(c == 0 ? "" : "-|-").append("-".repeat(width[c]));
        }
        return b.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
