package dev.ferrum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The lifecycle (manage, provide, deploy, undeploy) and power (on, off) workloads: each phase sends its verb to
 * every node still in play and polls each node until it settles, as a client waiting on it does.
 */
final class Phases {

    private final Settings settings;

    Phases(Settings settings) {
        this.settings = settings;
    }

    /**
     * What a node reads as while a verb acts on it: SETTLED (reached the phase's stable state and nothing holds
     * it), FAILED (the action ended elsewhere; the detail says where) or still under way (null).
     */
    private record Verdict(boolean settled, String failure) {
        static final Verdict SETTLED = new Verdict(true, null);

        static Verdict failed(String why) {
            return new Verdict(false, why);
        }
    }

    /** One phase: the verb sent to each node and how its GET /v1/nodes/{uuid} says it is done. */
    private record Phase(String name, String path, String body, Function<JsonNode, Verdict> check) {
    }

    /** Provision states an action ends in when it fails (Ironic's *FAIL states, and ERROR for tear down). */
    private static boolean failedState(String state) {
        return state != null && (state.endsWith(" failed") || state.equals("error"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String summary(JsonNode n) {
        return String.format("provision_state=%s target_provision_state=%s power_state=%s target_power_state=%s "
                        + "reservation=%s last_error=%s", text(n, "provision_state"), text(n, "target_provision_state"),
                text(n, "power_state"), text(n, "target_power_state"), text(n, "reservation"), text(n, "last_error"));
    }

    /** Settled in {@code stable} with no target and no reservation; failed in a *failed state (or {@code fallback}). */
    private static Function<JsonNode, Verdict> provisioned(String stable, String fallback) {
        return n -> {
            String state = text(n, "provision_state");
            boolean idle = text(n, "target_provision_state") == null && text(n, "reservation") == null;
            if (stable.equals(state) && idle) {
                return Verdict.SETTLED;
            }
            if (failedState(state) || (idle && state != null && state.equals(fallback) && text(n, "last_error") != null)) {
                return Verdict.failed(summary(n));
            }
            return null;
        };
    }

    /** Settled when power_state is {@code wanted}, target_power_state null and the node not reserved. */
    private static Function<JsonNode, Verdict> powered(String wanted) {
        return n -> {
            boolean idle = text(n, "target_power_state") == null && text(n, "reservation") == null;
            if (idle && wanted.equals(text(n, "power_state"))) {
                return Verdict.SETTLED;
            }
            if (idle && text(n, "last_error") != null) {
                return Verdict.failed(summary(n));
            }
            return null;
        };
    }

    private static String target(String value) {
        return Workloads.JSON.createObjectNode().put("target", value).toString();
    }

    /** manage, provide, deploy (target active) and undeploy (target deleted) of every created node, phase by phase. */
    List<Step> lifecycle() {
        String provision = "/states/provision";
        return steps(List.of(
                new Phase("lifecycle/manage", provision, target("manage"), provisioned("manageable", "enroll")),
                new Phase("lifecycle/provide", provision, target("provide"), provisioned("available", null)),
                new Phase("lifecycle/deploy", provision, target("active"), provisioned("active", null)),
                new Phase("lifecycle/undeploy", provision, target("deleted"), provisioned("available", null))));
    }

    /** Power on, then power off, every created node. */
    List<Step> power() {
        String power = "/states/power";
        return steps(List.of(
                new Phase("power/on", power, target("power on"), powered("power on")),
                new Phase("power/off", power, target("power off"), powered("power off"))));
    }

    /** The first phase starts from every created node; each later one from those that settled in the one before. */
    private List<Step> steps(List<Phase> phases) {
        List<Step> steps = new ArrayList<>();
        for (int p = 0; p < phases.size(); p++) {
            Phase phase = phases.get(p);
            boolean first = p == 0;
            steps.add(new Step(phase.name(), t -> (first ? t.created() : t.inPlay).length, (t, m) -> {
                int[] nodes = first ? t.created() : t.inPlay;
                boolean[] ok = new boolean[nodes.length];
                long wall = drive(t, m, nodes, phase, ok);
                t.inPlay = IntStream.range(0, nodes.length).filter(k -> ok[k]).map(k -> nodes[k]).toArray();
                return wall;
            }));
        }
        return steps;
    }

    /**
     * Each of the C clients takes the next node, sends the phase's verb (202 expected), then GETs the node at once
     * and again after --poll-interval ms, the wait doubling up to --poll-max ms, until the phase's check says
     * settled or failed. A node's latency runs from its verb to the GET that saw it settled; the wall time from the
     * phase's first request to its last node settled. Any other status, a failed state or a node not settled
     * within --settle-timeout is an error.
     */
    private long drive(Target t, Measurement m, int[] nodes, Phase phase, boolean[] ok) throws InterruptedException {
        AtomicLong polls = new AtomicLong();
        long timeout = settings.settleTimeoutSeconds() * 1_000_000_000L;
        long start = System.nanoTime();
        Workloads.clients(settings.concurrency(), nodes.length, k -> {
            String node = "/v1/nodes/" + t.uuids[nodes[k]];
            Api.Call verb = new Api.Call("PUT", node + phase.path(), phase.body());
            Api.Call get = new Api.Call("GET", node, null);
            long t0 = System.nanoTime();
            try {
                Api.Reply reply = t.api.send(verb);
                if (reply.statusCode() != 202) {
                    m.error(verb, reply.statusCode() + " " + reply.body());
                    return;
                }
                for (long wait = settings.pollIntervalMs(); ; wait = Math.min(2 * wait, settings.pollMaxMs())) {
                    reply = t.api.send(get);
                    polls.incrementAndGet();
                    if (reply.statusCode() != 200) {
                        m.error(get, reply.statusCode() + " " + reply.body());
                        return;
                    }
                    JsonNode n = Workloads.JSON.readTree(reply.bytes());
                    Verdict v = phase.check().apply(n);
                    if (v != null && v.settled()) {
                        ok[k] = true;
                        return;
                    } else if (v != null) {
                        m.error(get, "node failed: " + v.failure());
                        return;
                    } else if (System.nanoTime() - t0 > timeout) {
                        m.error(get, "not settled after " + settings.settleTimeoutSeconds() + " s: " + summary(n));
                        return;
                    }
                    Thread.sleep(wait);
                }
            } catch (IOException | RuntimeException e) {
                m.error(verb, e.toString());
            } finally {
                m.latency(k, System.nanoTime() - t0);
            }
        });
        long wall = System.nanoTime() - start;
        m.notes.put("polls/node", nodes.length == 0 ? 0 : Math.round(10.0 * polls.get() / nodes.length) / 10.0);
        return wall;
    }
}
