package dev.ferrum.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a (local, Linux) server process's peak and current RSS and its CPU time from /proc. */
final class ServerProcess {

    /** Linux USER_HZ: /proc/PID/stat counts CPU time in 1/100 s. */
    private static final double CLOCK_TICKS = 100.0;

    record Sample(long peakRssKb, long rssKb, double cpuSeconds) {
    }

    private final long pid;

    ServerProcess(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    Sample sample() {
        try {
            long peak = 0;
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line);
                } else if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                }
            }
            return new Sample(peak, rss, cpuSeconds());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + " (is the server running here?): " + e, e);
        }
    }

    double cpuSeconds() {
        return stat(14, 15);
    }

    /** CPU seconds of the children the server waited for (the ipmitool processes of the ipmi driver). */
    double childCpuSeconds() {
        return stat(16, 17);
    }

    private double stat(int userField, int systemField) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces and parentheses; fields from 3 on follow its last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long utime = Long.parseLong(f[userField - 3]);
            long stime = Long.parseLong(f[systemField - 3]);
            return (utime + stime) / CLOCK_TICKS;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat: " + e, e);
        }
    }

    private static long kilobytes(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }
}
