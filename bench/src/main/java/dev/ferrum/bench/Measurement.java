package dev.ferrum.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** What one workload recorded: a latency per operation (nanoseconds), its errors, its wall time. Thread-safe. */
final class Measurement {

    static final int KEPT_ERRORS = 5;
    private static final int KEPT_BODY_CHARS = 600;

    /** The finished numbers of one workload, as the table and the JSON show them. */
    record Result(String workload, int ops, double seconds, double opsPerSecond, double p50Ms, double p95Ms,
                  double p99Ms, int errors, List<String> errorSamples, Double serverCpuSeconds,
                  Map<String, Object> notes) {
    }

    final String workload;
    private final long[] nanos;
    private final AtomicInteger errors = new AtomicInteger();
    private final List<String> errorSamples = new ArrayList<>();
    final Map<String, Object> notes = new LinkedHashMap<>();

    Measurement(String workload, int ops) {
        this.workload = workload;
        this.nanos = new long[ops];
    }

    int ops() {
        return nanos.length;
    }

    /** Each operation index is written by exactly one worker, so no lock is needed here. */
    void latency(int op, long elapsedNanos) {
        nanos[op] = elapsedNanos;
    }

    void error(Api.Call call, String what) {
        errors.incrementAndGet();
        synchronized (errorSamples) {
            if (errorSamples.size() < KEPT_ERRORS) {
                String text = what.length() > KEPT_BODY_CHARS ? what.substring(0, KEPT_BODY_CHARS) + "…" : what;
                errorSamples.add(call + " -> " + text);
            }
        }
    }

    Result finish(long wallNanos, Double serverCpuSeconds) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double seconds = wallNanos / 1e9;
        List<String> samples;
        synchronized (errorSamples) {
            samples = List.copyOf(errorSamples);
        }
        return new Result(workload, sorted.length, seconds, seconds > 0 ? sorted.length / seconds : 0,
                percentileMs(sorted, 50), percentileMs(sorted, 95), percentileMs(sorted, 99),
                errors.get(), samples, serverCpuSeconds, Map.copyOf(notes));
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    private static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
    }
}
