package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** /v1/nodes/{node}/traits: list, replace, add one, remove one or all; validation and version gating. */
class NodeTraitsApiTest {
    static TestServer server;
    static String fixed;

    @BeforeAll
    static void start() {
        server = new TestServer();
        fixed = server.node("{\"driver\":\"fake-hardware\",\"name\":\"fixed\"}").get("uuid").asText();
        put("/v1/nodes/fixed/traits", "{\"traits\":[\"CUSTOM_KEEP\"]}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Reply put(String path, String body) {
        return server.call("PUT", path, "latest", body, Map.of());
    }

    private static List<String> traits(String node) {
        TestServer.Reply r = server.get("/v1/nodes/" + node + "/traits");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().properties()).extracting(Map.Entry::getKey).containsExactly("traits");
        return r.json().get("traits").valueStream().map(JsonNode::asText).toList();
    }

    private static String traitsBody(int n) {
        return IntStream.range(0, n).mapToObj(i -> "\"CUSTOM_T" + i + "\"").collect(Collectors.joining(",", "{\"traits\":[", "]}"));
    }

    @Test
    void replaceAddAndRemove() {
        String uuid = server.node("{\"driver\":\"fake-hardware\",\"name\":\"t1\"}").get("uuid").asText();
        assertThat(traits("t1")).isEmpty();

        assertThat(put("/v1/nodes/t1/traits", "{\"traits\":[\"CUSTOM_B\",\"HW_CPU_X86_AVX2\",\"CUSTOM_A\",\"CUSTOM_A\"]}").status()).isEqualTo(204);
        assertThat(traits(uuid)).containsExactly("CUSTOM_A", "CUSTOM_B", "HW_CPU_X86_AVX2");
        assertThat(server.get("/v1/nodes/t1?fields=traits").json().get("traits")).extracting(JsonNode::asText)
                .containsExactly("CUSTOM_A", "CUSTOM_B", "HW_CPU_X86_AVX2");

        TestServer.Reply one = put("/v1/nodes/t1/traits/CUSTOM_C", null);
        assertThat(one.status()).isEqualTo(204);
        assertThat(one.header("Location")).isEqualTo(server.base() + "/v1/nodes/t1/traits/CUSTOM_C");
        assertThat(put("/v1/nodes/t1/traits/CUSTOM_C", null).status()).as("adding again is a no-op").isEqualTo(204);
        assertThat(put("/v1/nodes/t1/traits/CUSTOM_D", "{}").status()).as("an empty object is no body").isEqualTo(204);
        assertThat(traits("t1")).containsExactly("CUSTOM_A", "CUSTOM_B", "CUSTOM_C", "CUSTOM_D", "HW_CPU_X86_AVX2");

        assertThat(server.delete("/v1/nodes/t1/traits/CUSTOM_B").status()).isEqualTo(204);
        TestServer.Reply absent = server.delete("/v1/nodes/t1/traits/CUSTOM_B");
        assertThat(absent.status()).isEqualTo(404);
        assertThat(absent.fault()).isEqualTo("Node " + uuid + " doesn't have a trait 'CUSTOM_B'");
        assertThat(traits("t1")).containsExactly("CUSTOM_A", "CUSTOM_C", "CUSTOM_D", "HW_CPU_X86_AVX2");

        assertThat(put("/v1/nodes/t1/traits", "{\"traits\":[\"CUSTOM_Z\"]}").status()).isEqualTo(204);
        assertThat(traits("t1")).containsExactly("CUSTOM_Z");
        assertThat(server.delete("/v1/nodes/t1/traits").status()).isEqualTo(204);
        assertThat(traits("t1")).isEmpty();
        assertThat(server.delete("/v1/nodes/t1/traits").status()).as("removing none is fine").isEqualTo(204);
        assertThat(put("/v1/nodes/t1/traits", "{\"traits\":[]}").status()).isEqualTo(204);
        assertThat(traits("fixed")).as("other nodes untouched").containsExactly("CUSTOM_KEEP");

        server.node("{\"driver\":\"fake-hardware\",\"name\":\"t1-deleted\"}");
        put("/v1/nodes/t1-deleted/traits", "{\"traits\":[\"CUSTOM_GONE\"]}");
        assertThat(server.delete("/v1/nodes/t1-deleted").status()).as("a node with traits can be deleted").isEqualTo(204);
    }

    @Test
    void nodesShowTheirTraitsAlsoWhenTheirRowPredatesTheTraitsColumn() {
        String uuid = server.node("{\"driver\":\"fake-hardware\"}").get("uuid").asText();
        assertThat(put("/v1/nodes/" + uuid + "/traits", "{\"traits\":[\"CUSTOM_B\",\"CUSTOM_A\"]}").status()).isEqualTo(204);
        JsonNode shown = server.call("GET", "/v1/nodes/" + uuid, "latest", null, Map.of()).json();
        assertThat(shown.get("traits").valueStream().map(JsonNode::asText)).containsExactly("CUSTOM_A", "CUSTOM_B");
        // a row written before migration V7 has no traits column value: views read node_traits instead
        server.stores().db.jdbi().useHandle(h -> h.execute("UPDATE nodes SET traits = NULL WHERE uuid = ?", uuid));
        for (JsonNode n : List.of(server.call("GET", "/v1/nodes/" + uuid, "latest", null, Map.of()).json(),
                server.call("GET", "/v1/nodes?fields=uuid,traits&limit=1000", "latest", null, Map.of()).json().get("nodes")
                        .valueStream().filter(x -> x.get("uuid").asText().equals(uuid)).findFirst().orElseThrow())) {
            assertThat(n.get("traits").valueStream().map(JsonNode::asText)).containsExactly("CUSTOM_A", "CUSTOM_B");
        }
    }

    @Test
    void aNodeHoldsAtMostFiftyTraits() {
        server.node("{\"driver\":\"fake-hardware\",\"name\":\"t50\"}");
        TestServer.Reply tooMany = put("/v1/nodes/t50/traits", traitsBody(51));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.fault()).contains("50").contains("51");
        assertThat(traits("t50")).isEmpty();

        assertThat(put("/v1/nodes/t50/traits", traitsBody(50)).status()).isEqualTo(204);
        assertThat(traits("t50")).hasSize(50);
        assertThat(put("/v1/nodes/t50/traits/CUSTOM_ONE_MORE", null).status()).isEqualTo(400);
        assertThat(put("/v1/nodes/t50/traits/CUSTOM_T7", null).status()).as("an existing trait adds nothing").isEqualTo(204);
        assertThat(traits("t50")).hasSize(50).doesNotContain("CUSTOM_ONE_MORE");
    }

    @Test
    void theEndpointsAppearAtOnePointThirtySeven() {
        assertThat(server.get("/v1/nodes/fixed/traits", "1.36").status()).isEqualTo(406);
        TestServer.Reply put = server.call("PUT", "/v1/nodes/fixed/traits", "1.36", "{\"traits\":[]}", Map.of());
        assertThat(put.status()).isEqualTo(405);
        assertThat(Json.parseStored(put.json().get("error_message").asText()).get("code").asInt()).isEqualTo(405);
        assertThat(server.call("PUT", "/v1/nodes/fixed/traits/CUSTOM_X", "1.36", null, Map.of()).status()).isEqualTo(405);
        assertThat(server.call("DELETE", "/v1/nodes/fixed/traits", "1.36", null, Map.of()).status()).isEqualTo(404);
        assertThat(server.call("DELETE", "/v1/nodes/fixed/traits/CUSTOM_KEEP", "1.36", null, Map.of()).status()).isEqualTo(404);
        assertThat(server.get("/v1/nodes/" + fixed, "1.36").json().has("traits")).isFalse();
        assertThat(traits("fixed")).containsExactly("CUSTOM_KEEP");
        assertThat(server.get("/v1/nodes/fixed/traits", "1.37").json().get("traits")).hasSize(1);
    }

    static Stream<Arguments> badRequests() {
        String n = "/v1/nodes/fixed/traits";
        return Stream.of(
                Arguments.of("PUT", n + "/custom_lower", null, 400, "custom_lower"),
                Arguments.of("PUT", n + "/HW_CPU_X86_NOT_A_TRAIT", null, 400, "HW_CPU_X86_NOT_A_TRAIT"),
                Arguments.of("PUT", n + "/CUSTOM_" + "A".repeat(250), null, 400, "255"),
                Arguments.of("PUT", n + "/CUSTOM_X", "{\"traits\":[\"CUSTOM_Y\"]}", 400, "PUT /v1/nodes/<node>/traits/<trait>"),
                Arguments.of("PUT", n + "/CUSTOM_X", "{\"a\":1}", 400, "'a' was unexpected"),
                Arguments.of("PUT", n, null, 400, "PUT /v1/nodes/<node>/traits"),
                Arguments.of("PUT", n, "{}", 400, "PUT /v1/nodes/<node>/traits"),
                Arguments.of("PUT", n, "null", 400, "PUT /v1/nodes/<node>/traits"),
                Arguments.of("PUT", n, "[]", 400, "object"),
                Arguments.of("PUT", n, "{\"traits\":\"CUSTOM_A\"}", 400, "list"),
                Arguments.of("PUT", n, "{\"traits\":null}", 400, "list"),
                Arguments.of("PUT", n, "{\"traits\":[\"bad\"]}", 400, "bad"),
                Arguments.of("PUT", n, "{\"traits\":[\"\"]}", 400, "empty"),
                Arguments.of("PUT", n, "{\"traits\":[1]}", 400, "string"),
                Arguments.of("PUT", n, "{\"traits\":[],\"x\":1}", 400, "'x' was unexpected"),
                Arguments.of("PUT", n, "{\"traits\":[", 400, "JSON"),
                Arguments.of("PUT", n + "?x=1", "{\"traits\":[]}", 400, "Unexpected arguments: x"),
                Arguments.of("GET", n + "?x=1", null, 400, "Unexpected arguments: x"),
                Arguments.of("DELETE", n + "/CUSTOM_NOPE", null, 404, "doesn't have a trait 'CUSTOM_NOPE'"),
                Arguments.of("DELETE", n + "/custom_keep", null, 404, "custom_keep"),
                Arguments.of("GET", "/v1/nodes/no-such-node/traits", null, 404, "no-such-node"),
                Arguments.of("PUT", "/v1/nodes/no-such-node/traits", "{\"traits\":[]}", 404, "no-such-node"),
                Arguments.of("PUT", "/v1/nodes/no-such-node/traits", null, 404, "no-such-node"),
                Arguments.of("DELETE", "/v1/nodes/no-such-node/traits", null, 404, "no-such-node"),
                Arguments.of("PATCH", "/v1/nodes/fixed", "[{\"op\":\"add\",\"path\":\"/traits\",\"value\":[\"CUSTOM_A\"]}]", 400, "/traits"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("badRequests")
    void badRequestIsRefusedAndChangesNothing(String method, String path, String body, int status, String messagePart) {
        String before = server.get("/v1/nodes/detail").text();
        TestServer.Reply r = server.call(method, path, "latest", body, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        JsonNode fault = Json.parseStored(r.json().get("error_message").asText());
        assertThat(fault.get("faultcode").asText()).isEqualTo("Client");
        assertThat(fault.get("faultstring").asText()).contains(messagePart);
        assertThat(server.get("/v1/nodes/detail").text()).isEqualTo(before);
        assertThat(traits("fixed")).containsExactly("CUSTOM_KEEP");
    }
}
