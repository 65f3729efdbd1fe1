package dev.ferrum.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The provision state machine against Ironic 21.4's transition table. */
class ProvisionMachineTest {
    /** Upstream Ironic's hold states (after 21.4), which the issue asks for; nothing else may differ. */
    private static final Set<ProvisionMachine.Transition> HOLD_EXTENSIONS = Set.of(
            new ProvisionMachine.Transition("cleaning", "hold", "clean hold"),
            new ProvisionMachine.Transition("clean wait", "hold", "clean hold"),
            new ProvisionMachine.Transition("clean hold", "unhold", "clean wait"),
            new ProvisionMachine.Transition("clean hold", "abort", "clean failed"),
            new ProvisionMachine.Transition("deploying", "hold", "deploy hold"),
            new ProvisionMachine.Transition("wait call-back", "hold", "deploy hold"),
            new ProvisionMachine.Transition("deploy hold", "unhold", "wait call-back"),
            new ProvisionMachine.Transition("deploy hold", "abort", "deploy failed"));

    static Set<ProvisionMachine.Transition> ironic() throws IOException {
        try (InputStream in = ProvisionMachineTest.class.getResourceAsStream("/ironic/transitions-21.4.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> Arrays.stream(l.split("\\|")).map(String::strip).toList())
                    .map(p -> new ProvisionMachine.Transition(p.get(0), p.get(1), p.get(2)))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void everyIronicTransitionIsInTheTableAndOnlyHoldStatesAreAdded() throws IOException {
        Set<ProvisionMachine.Transition> ours = new HashSet<>(ProvisionMachine.TRANSITIONS);
        Set<ProvisionMachine.Transition> ironic = ironic();
        assertThat(ironic).hasSizeGreaterThan(60);
        assertThat(ours).containsAll(ironic);
        Set<ProvisionMachine.Transition> extra = new HashSet<>(ours);
        extra.removeAll(ironic);
        assertThat(extra).isEqualTo(HOLD_EXTENSIONS);
        assertThat(ours).hasSize(ProvisionMachine.TRANSITIONS.size()); // no duplicate edges
    }

    @Test
    void everyStateOfTheTableIsKnownAndListedForFilters() {
        for (ProvisionMachine.Transition t : ProvisionMachine.TRANSITIONS) {
            assertThat(ProvisionMachine.states()).contains(t.from(), t.to());
            assertThat(States.ALL).contains(t.from(), t.to());
        }
        // Ironic 21.4's 24 states and the two hold states
        assertThat(ProvisionMachine.states()).hasSize(26).doesNotContain("rebuild");
    }

    @Test
    void verbsRaiseTheirEventsFromTheirMicroversion() {
        assertThat(ProvisionMachine.VERBS.get("active").event()).isEqualTo("deploy");
        assertThat(ProvisionMachine.VERBS.get("deploy").since()).isEqualTo(73);
        assertThat(ProvisionMachine.VERBS.get("deleted").event()).isEqualTo("delete");
        // Ironic 21.4 gates deploy at 1.73 but, through a keying quirk, accepts undeploy at any version
        assertThat(ProvisionMachine.VERBS.get("undeploy").since()).isEqualTo(1);
        assertThat(ProvisionMachine.VERBS.get("clean").since()).isEqualTo(15);
        assertThat(ProvisionMachine.VERBS.get("rescue").since()).isEqualTo(38);
        assertThat(ProvisionMachine.VERBS.get("adopt").since()).isEqualTo(17);
    }

    @Test
    void invalidTransitionsAreNotActionable() {
        assertThat(ProvisionMachine.actionable("enroll", "deploy")).isFalse();
        assertThat(ProvisionMachine.actionable("active", "provide")).isFalse();
        assertThat(ProvisionMachine.actionable("available", "delete")).isFalse();
        assertThat(ProvisionMachine.next("manageable", "provide")).contains("cleaning");
        assertThat(ProvisionMachine.next("active", "delete")).contains("deleting");
    }

    @Test
    void targetStatesFollowIronic() {
        // deploying heads for active; the failure keeps that target; reaching a stable state clears it
        assertThat(ProvisionMachine.targetAfter("deploying", null, null, true)).isEqualTo("active");
        assertThat(ProvisionMachine.targetAfter("deploy failed", "active", null, false)).isEqualTo("active");
        assertThat(ProvisionMachine.targetAfter("active", "active", null, false)).isNull();
        // manual cleaning heads back to manageable
        assertThat(ProvisionMachine.targetAfter("cleaning", null, "manageable", true)).isEqualTo("manageable");
        assertThat(ProvisionMachine.targetAfter("clean failed", "manageable", "manageable", false)).isEqualTo("manageable");
        // verifying → manageable
        assertThat(ProvisionMachine.targetAfter("verifying", null, null, true)).isEqualTo("manageable");
        for (String stable : List.of("enroll", "manageable", "available", "active", "error", "rescue")) {
            assertThat(ProvisionMachine.isStable(stable)).isTrue();
            assertThat(ProvisionMachine.targetAfter(stable, "active", null, false)).isNull();
        }
    }
}
