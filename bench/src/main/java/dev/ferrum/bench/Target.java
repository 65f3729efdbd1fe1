package dev.ferrum.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** One endpoint a run drives, with the nodes it created there and what it measured. Each target has its own nodes. */
final class Target {

    final String name;
    final String endpoint;
    final Api api;
    /** The local server process whose RSS and CPU are read, or null. */
    final ServerProcess server;
    final int nodes;
    /** Tag in node names, bench-<runId>-<i>, so runs (and targets sharing a server) never collide. */
    final String runId;

    /** Per node index: uuid and name once its create succeeded, null before or when it failed. */
    String[] uuids = new String[0];
    String[] names = new String[0];
    /** Lifecycle and power: the node indexes still in play (a node that fails a phase sits out the later ones). */
    int[] inPlay = new int[0];

    Report report;
    ServerProcess.Sample before;

    Target(String name, String endpoint, Long pid, int nodes, String runId, String apiVersion, Duration timeout) {
        this.name = name;
        this.endpoint = endpoint;
        this.api = new Api(endpoint, apiVersion, timeout);
        this.server = pid == null ? null : new ServerProcess(pid);
        this.nodes = nodes;
        this.runId = runId;
    }

    /** Server CPU seconds so far, or null without a server pid. */
    Double cpuSeconds() {
        return server == null ? null : server.cpuSeconds();
    }

    /** Indexes of the nodes whose create succeeded. */
    int[] created() {
        return IntStream.range(0, uuids.length).filter(i -> uuids[i] != null).toArray();
    }

    List<String> uuidsCreated() {
        return Arrays.stream(created()).mapToObj(i -> uuids[i]).toList();
    }

    List<String> namesCreated() {
        return Arrays.stream(created()).mapToObj(i -> names[i]).toList();
    }
}
