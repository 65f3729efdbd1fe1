package dev.ferrum.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HashRingTest {
    private static final List<String> NODES = IntStream.range(0, 10_000)
            .mapToObj(i -> UUID.nameUUIDFromBytes(("node-" + i).getBytes()).toString()).toList();

    private static HashRing ring(List<String> hosts) {
        return new HashRing(Map.of("", Map.of("fake-hardware", hosts)));
    }

    private static Map<String, String> owners(HashRing ring) {
        Map<String, String> owners = new HashMap<>();
        NODES.forEach(n -> owners.put(n, ring.owner(n, "fake-hardware", "").orElseThrow()));
        return owners;
    }

    @Test
    void nodesSpreadEvenlyOverTheConductors() {
        Map<String, String> owners = owners(ring(List.of("c1", "c2", "c3", "c4")));
        Map<String, Integer> counts = new HashMap<>();
        owners.values().forEach(h -> counts.merge(h, 1, Integer::sum));
        assertThat(counts).hasSize(4);
        counts.values().forEach(c -> assertThat(c).isBetween(2_200, 2_800)); // 2,500 each, give or take
    }

    @Test
    void aJoiningConductorTakesAboutOneMthAndNothingElseMoves() {
        Map<String, String> before = owners(ring(List.of("c1", "c2", "c3")));
        Map<String, String> after = owners(ring(List.of("c1", "c2", "c3", "c4")));
        List<String> moved = new ArrayList<>();
        before.forEach((n, h) -> {
            if (!h.equals(after.get(n))) {
                moved.add(n);
            }
        });
        assertThat(moved).allMatch(n -> after.get(n).equals("c4"));
        assertThat(moved.size()).isBetween(2_200, 2_800);
    }

    @Test
    void aLeavingConductorsNodesAloneMove() {
        Map<String, String> before = owners(ring(List.of("c1", "c2", "c3")));
        Map<String, String> after = owners(ring(List.of("c1", "c3")));
        before.forEach((n, h) -> {
            if (!h.equals("c2")) {
                assertThat(after.get(n)).isEqualTo(h);
            } else {
                assertThat(after.get(n)).isIn("c1", "c3");
            }
        });
    }

    @Test
    void groupsAndHardwareTypesAreSeparateRings() {
        HashRing ring = new HashRing(Map.of("", Map.of("fake-hardware", List.of("c1")),
                "rack-2", Map.of("ipmi", List.of("c2", "c3"))));
        assertThat(ring.owner(NODES.get(0), "fake-hardware", "")).contains("c1");
        assertThat(ring.owner(NODES.get(0), "ipmi", "rack-2")).get().isIn("c2", "c3");
        assertThat(ring.owner(NODES.get(0), "ipmi", "")).isEmpty();
        assertThat(ring.serves("ipmi", "rack-2")).isTrue();
        assertThat(ring.serves("ipmi", null)).isFalse();
        assertThat(ring.owner(NODES.get(0), "fake-hardware", null)).contains("c1");
    }
}
