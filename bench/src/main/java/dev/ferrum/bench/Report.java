package dev.ferrum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One target's end-of-run table, its server's resource use, and the same as JSON. */
final class Report {

    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

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

    List<Measurement.Result> results() {
        return results;
    }

    int errors() {
        return results.stream().mapToInt(Measurement.Result::errors).sum();
    }

    void server(ServerProcess process, ServerProcess.Sample first, ServerProcess.Sample last) {
        this.server = process;
        this.before = first;
        this.after = last;
    }

    /** "pid P: peak RSS ..., CPU ... during the run", or null without a server pid. */
    String serverSummary() {
        if (server == null) {
            return null;
        }
        return String.format(Locale.ROOT, "server pid %d: peak RSS (VmHWM) %.1f MiB, CPU (utime+stime) %.2f s during the run",
                server.pid(), after.peakRssKb() / 1024.0, after.cpuSeconds() - before.cpuSeconds());
    }

    void print(PrintStream out) {
        boolean cpu = server != null;
        List<String> header = new ArrayList<>(List.of("workload", "ops", "ops/s", "p50 ms", "p95 ms", "p99 ms", "errors"));
        if (cpu) {
            header.add("srv cpu s");
        }
        header.add("notes");
        Table table = new Table(header, true);
        for (Measurement.Result r : results) {
            List<String> row = new ArrayList<>(List.of(r.workload(), Integer.toString(r.ops()),
                    Table.fmt("%.1f", r.opsPerSecond()), Table.fmt("%.2f", r.p50Ms()), Table.fmt("%.2f", r.p95Ms()),
                    Table.fmt("%.2f", r.p99Ms()), Integer.toString(r.errors())));
            if (cpu) {
                row.add(r.serverCpuSeconds() == null ? "" : Table.fmt("%.2f", r.serverCpuSeconds()));
            }
            row.add(r.notes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                    .collect(Collectors.joining(" ")));
            table.row(row);
        }
        out.println();
        table.print(out);
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

    /** The run's settings, every result and the server's samples. */
    ObjectNode toJson() {
        ObjectNode doc = run.deepCopy();
        doc.set("workloads", JSON.valueToTree(results));
        if (server != null) {
            ObjectNode s = doc.putObject("server");
            s.put("pid", server.pid());
            s.set("before", JSON.valueToTree(before));
            s.set("after", JSON.valueToTree(after));
            s.put("cpu_seconds_during_run", after.cpuSeconds() - before.cpuSeconds());
        }
        return doc;
    }
}
