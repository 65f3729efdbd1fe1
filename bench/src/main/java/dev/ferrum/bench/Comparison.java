package dev.ferrum.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Two targets' results side by side, per workload, with the ratio of their rates (first / second). */
final class Comparison {

    private record Row(String workload, String unit, Measurement.Result a, Measurement.Result b) {
        double rateA() {
            return rate(a);
        }

        double rateB() {
            return rate(b);
        }

        Double ratio() {
            return rateB() > 0 ? rateA() / rateB() : null;
        }
    }

    private final Target a;
    private final Target b;
    private final List<Row> rows = new ArrayList<>();

    Comparison(Target a, Target b) {
        this.a = a;
        this.b = b;
        Map<String, Measurement.Result> other = b.report.results().stream()
                .collect(Collectors.toMap(Measurement.Result::workload, Function.identity()));
        for (Measurement.Result r : a.report.results()) {
            if (other.containsKey(r.workload())) {
                rows.add(new Row(r.workload(), unit(r), r, other.get(r.workload())));
            }
        }
    }

    /**
     * List and detail compare nodes read per second, so that targets with different node counts still compare
     * (one op there is a full read); a lifecycle or power phase's op is one node; the rest count requests.
     */
    private static String unit(Measurement.Result r) {
        return r.notes().containsKey("nodes/s") || r.workload().contains("/") ? "nodes/s" : "ops/s";
    }

    private static double rate(Measurement.Result r) {
        return r.notes().get("nodes/s") instanceof Number n ? n.doubleValue() : r.opsPerSecond();
    }

    void print(PrintStream out, Settings settings) {
        out.println();
        out.printf("%s = %s (%d nodes), %s = %s (%d nodes); %d clients each; polls after %d ms doubling to %d ms%n%n",
                a.name, a.endpoint, a.nodes, b.name, b.endpoint, b.nodes, settings.concurrency(),
                settings.pollIntervalMs(), settings.pollMaxMs());
        String ab = a.name + "/" + b.name;
        Table table = new Table(List.of("workload", "unit", a.name, b.name, ab, a.name + " p50/p95/p99 ms",
                b.name + " p50/p95/p99 ms", "errors " + ab, "srv cpu s " + ab), false);
        for (Row r : rows) {
            table.row(List.of(r.workload(), r.unit(), Table.fmt("%.1f", r.rateA()), Table.fmt("%.1f", r.rateB()),
                    r.ratio() == null ? "-" : Table.fmt("%.2f×", r.ratio()), percentiles(r.a()), percentiles(r.b()),
                    r.a().errors() + " / " + r.b().errors(), cpu(r.a()) + " / " + cpu(r.b())));
        }
        table.print(out);
        out.println();
        for (Target t : List.of(a, b)) {
            String server = t.report.serverSummary();
            out.println(t.name + ": " + (server == null ? "no --server pid given" : server));
        }
    }

    private static String percentiles(Measurement.Result r) {
        return Table.ms(r.p50Ms()) + " / " + Table.ms(r.p95Ms()) + " / " + Table.ms(r.p99Ms());
    }

    private static String cpu(Measurement.Result r) {
        return r.serverCpuSeconds() == null ? "-" : Table.fmt("%.1f", r.serverCpuSeconds());
    }

    /** Per workload: the unit, each target's rate and the ratio (the full results are in each target's JSON). */
    ArrayNode toJson() {
        ArrayNode out = Report.JSON.createArrayNode();
        for (Row r : rows) {
            ObjectNode row = out.addObject().put("workload", r.workload()).put("unit", r.unit());
            row.putObject("rate").put(a.name, r.rateA()).put(b.name, r.rateB());
            if (r.ratio() != null) {
                row.put("ratio", r.ratio());
            }
        }
        return out;
    }
}
