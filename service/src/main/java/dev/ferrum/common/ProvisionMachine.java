package dev.ferrum.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ironic's provision state machine as one table: every state (stable or with the stable state it heads
 * for), every transition (state, event → state) and the API verbs that raise events. The conductor moves
 * nodes only through {@link #next}; the API checks {@link #actionable} before it calls the conductor.
 */
public final class ProvisionMachine {
    /** One edge of the machine. */
    public record Transition(String from, String event, String to) {
    }

    /** An API verb ({@code PUT /states/provision {"target": verb}}), the event it raises and its first microversion. */
    public record Verb(String name, String event, int since) {
    }

    /** Each state's target: the stable state a node in it is heading for; stable states have none. */
    private static final Map<String, String> TARGETS = new LinkedHashMap<>();
    private static final Set<String> STABLE = Set.of(States.ENROLL, States.MANAGEABLE, States.AVAILABLE, States.ACTIVE,
            States.ERROR, States.RESCUE);

    static {
        STABLE.forEach(s -> TARGETS.put(s, null));
        target(States.MANAGEABLE, States.VERIFYING, States.INSPECTING, States.INSPECT_WAIT, States.INSPECT_FAILED);
        target(States.ACTIVE, States.DEPLOYING, States.DEPLOY_WAIT, States.DEPLOY_FAILED, States.DEPLOY_HOLD,
                States.ADOPTING, States.ADOPT_FAILED, States.UNRESCUING, States.UNRESCUE_FAILED);
        target(States.AVAILABLE, States.CLEANING, States.CLEAN_WAIT, States.CLEAN_FAILED, States.CLEAN_HOLD, States.DELETING);
        target(States.RESCUE, States.RESCUING, States.RESCUE_WAIT, States.RESCUE_FAILED);
    }

    public static final List<Transition> TRANSITIONS = List.of(
            // enrollment and verification
            t(States.ENROLL, "manage", States.VERIFYING),
            t(States.VERIFYING, "done", States.MANAGEABLE),
            t(States.VERIFYING, "fail", States.ENROLL),
            // deployment
            t(States.AVAILABLE, "deploy", States.DEPLOYING),
            t(States.DEPLOYING, "wait", States.DEPLOY_WAIT),
            t(States.DEPLOYING, "done", States.ACTIVE),
            t(States.DEPLOYING, "fail", States.DEPLOY_FAILED),
            t(States.DEPLOYING, "hold", States.DEPLOY_HOLD),
            t(States.DEPLOY_WAIT, "resume", States.DEPLOYING),
            t(States.DEPLOY_WAIT, "fail", States.DEPLOY_FAILED),
            t(States.DEPLOY_WAIT, "hold", States.DEPLOY_HOLD),
            t(States.DEPLOY_WAIT, "delete", States.DELETING),
            t(States.DEPLOY_HOLD, "unhold", States.DEPLOY_WAIT),
            t(States.DEPLOY_HOLD, "abort", States.DEPLOY_FAILED),
            t(States.DEPLOY_FAILED, "rebuild", States.DEPLOYING),
            t(States.DEPLOY_FAILED, "deploy", States.DEPLOYING),
            t(States.DEPLOY_FAILED, "delete", States.DELETING),
            t(States.ACTIVE, "rebuild", States.DEPLOYING),
            t(States.ACTIVE, "delete", States.DELETING),
            t(States.ERROR, "rebuild", States.DEPLOYING),
            t(States.ERROR, "delete", States.DELETING),
            // tear down
            t(States.DELETING, "fail", States.ERROR),
            t(States.DELETING, "clean", States.CLEANING),
            // cleaning (automated after provide/tear down, manual from manageable)
            t(States.MANAGEABLE, "provide", States.CLEANING),
            t(States.MANAGEABLE, "clean", States.CLEANING),
            t(States.CLEANING, "done", States.AVAILABLE),
            t(States.CLEANING, "manage", States.MANAGEABLE),
            t(States.CLEANING, "fail", States.CLEAN_FAILED),
            t(States.CLEANING, "wait", States.CLEAN_WAIT),
            t(States.CLEANING, "hold", States.CLEAN_HOLD),
            t(States.CLEAN_WAIT, "resume", States.CLEANING),
            t(States.CLEAN_WAIT, "fail", States.CLEAN_FAILED),
            t(States.CLEAN_WAIT, "abort", States.CLEAN_FAILED),
            t(States.CLEAN_WAIT, "hold", States.CLEAN_HOLD),
            t(States.CLEAN_HOLD, "unhold", States.CLEAN_WAIT),
            t(States.CLEAN_HOLD, "abort", States.CLEAN_FAILED),
            t(States.CLEAN_FAILED, "manage", States.MANAGEABLE),
            t(States.AVAILABLE, "manage", States.MANAGEABLE),
            // inspection
            t(States.MANAGEABLE, "inspect", States.INSPECTING),
            t(States.INSPECTING, "done", States.MANAGEABLE),
            t(States.INSPECTING, "fail", States.INSPECT_FAILED),
            t(States.INSPECTING, "wait", States.INSPECT_WAIT),
            t(States.INSPECT_WAIT, "done", States.MANAGEABLE),
            t(States.INSPECT_WAIT, "fail", States.INSPECT_FAILED),
            t(States.INSPECT_WAIT, "abort", States.INSPECT_FAILED),
            t(States.INSPECT_FAILED, "manage", States.MANAGEABLE),
            t(States.INSPECT_FAILED, "inspect", States.INSPECTING),
            // rescue
            t(States.ACTIVE, "rescue", States.RESCUING),
            t(States.RESCUING, "done", States.RESCUE),
            t(States.RESCUING, "wait", States.RESCUE_WAIT),
            t(States.RESCUING, "fail", States.RESCUE_FAILED),
            t(States.RESCUE_WAIT, "resume", States.RESCUING),
            t(States.RESCUE_WAIT, "fail", States.RESCUE_FAILED),
            t(States.RESCUE_WAIT, "abort", States.RESCUE_FAILED),
            t(States.RESCUE_WAIT, "delete", States.DELETING),
            t(States.RESCUE, "rescue", States.RESCUING),
            t(States.RESCUE, "unrescue", States.UNRESCUING),
            t(States.RESCUE, "delete", States.DELETING),
            t(States.RESCUE_FAILED, "rescue", States.RESCUING),
            t(States.RESCUE_FAILED, "unrescue", States.UNRESCUING),
            t(States.RESCUE_FAILED, "delete", States.DELETING),
            t(States.UNRESCUING, "done", States.ACTIVE),
            t(States.UNRESCUING, "fail", States.UNRESCUE_FAILED),
            t(States.UNRESCUE_FAILED, "rescue", States.RESCUING),
            t(States.UNRESCUE_FAILED, "unrescue", States.UNRESCUING),
            t(States.UNRESCUE_FAILED, "delete", States.DELETING),
            // adoption
            t(States.MANAGEABLE, "adopt", States.ADOPTING),
            t(States.ADOPTING, "done", States.ACTIVE),
            t(States.ADOPTING, "fail", States.ADOPT_FAILED),
            t(States.ADOPT_FAILED, "adopt", States.ADOPTING),
            t(States.ADOPT_FAILED, "manage", States.MANAGEABLE));

    private static final Map<String, Map<String, String>> EDGES = TRANSITIONS.stream().collect(Collectors.groupingBy(
            Transition::from, Collectors.toMap(Transition::event, Transition::to)));

    /**
     * The verbs of {@code PUT /v1/nodes/{node}/states/provision}. Ironic 21.4 accepts {@code undeploy} at every
     * version (its version table is keyed by event, and undeploy's event is delete), so Ferrum does too. {@code unhold} postdates Ironic 21.4
     * (upstream 1.85); Ferrum accepts it at every version because the hold states it leaves can only
     * be entered by a client that asked for a {@code hold} step.
     */
    public static final Map<String, Verb> VERBS = java.util.stream.Stream.of(
            new Verb("active", "deploy", 1), new Verb("deploy", "deploy", 73),
            new Verb("deleted", "delete", 1), new Verb("undeploy", "delete", 1),
            new Verb("rebuild", "rebuild", 1),
            new Verb("manage", "manage", 4), new Verb("provide", "provide", 4),
            new Verb("inspect", "inspect", 6), new Verb("abort", "abort", 13),
            new Verb("clean", "clean", 15), new Verb("adopt", "adopt", 17),
            new Verb("rescue", "rescue", 38), new Verb("unrescue", "unrescue", 38),
            new Verb("unhold", "unhold", 1))
            .collect(Collectors.toMap(Verb::name, v -> v, (a, b) -> a, LinkedHashMap::new));

    private ProvisionMachine() {
    }

    public static Set<String> states() {
        return TARGETS.keySet();
    }

    public static boolean isStable(String state) {
        return STABLE.contains(state);
    }

    /** The stable state a node in {@code state} is heading for, or null. */
    public static String targetOf(String state) {
        return TARGETS.get(state);
    }

    public static Optional<String> next(String state, String event) {
        return Optional.ofNullable(EDGES.getOrDefault(state, Map.of()).get(event));
    }

    public static boolean actionable(String state, String event) {
        return next(state, event).isPresent();
    }

    /**
     * The target provision state after a transition, as Ironic computes it: an explicit target wins;
     * otherwise the new state's own target; otherwise the old target unless it was just reached. A node
     * that lands in a stable state with no work queued has no target.
     */
    public static String targetAfter(String newState, String oldTarget, String explicitTarget, boolean workQueued) {
        if (!workQueued && isStable(newState)) {
            return null;
        }
        if (explicitTarget != null) {
            return explicitTarget;
        }
        String own = targetOf(newState);
        if (own != null) {
            return own;
        }
        return newState.equals(oldTarget) ? null : oldTarget;
    }

    private static Transition t(String from, String event, String to) {
        return new Transition(from, event, to);
    }

    private static void target(String target, String... states) {
        for (String s : states) {
            TARGETS.put(s, target);
        }
    }
}
