package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import dev.ferrum.db.ObjectStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** /v1/allocations and /v1/nodes/{node}/allocation end to end; each test uses its own resource class. */
class AllocationsApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A node in provision state {@code state}, powered off, with traits; returns its UUID. */
    static String nodeIn(String state, String name, String rc, String... traits) {
        String body = "{\"driver\":\"fake-hardware\",\"resource_class\":\"" + rc + "\"" + (name == null ? "" : ",\"name\":\"" + name + "\"") + "}";
        String uuid = server.node(body).get("uuid").asText();
        server.stores().nodes.update(uuid, Map.of("provision_state", state, "power_state", "power off"));
        server.stores().db.jdbi().useHandle(h -> {
            for (String t : traits) {
                h.execute("INSERT INTO node_traits (node_uuid, trait, created_at) VALUES (?, ?, ?)", uuid, t, ObjectStore.now());
            }
        });
        return uuid;
    }

    static String node(String name, String rc, String... traits) {
        return nodeIn("available", name, rc, traits);
    }

    static JsonNode create(String body) {
        TestServer.Reply r = server.post("/v1/allocations", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    /** Waits until the conductor has finished with the allocation and returns it. */
    static JsonNode settled(String uuid) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !server.get("/v1/allocations/" + uuid).json().get("state").asText().equals("allocating"));
        return server.get("/v1/allocations/" + uuid).json();
    }

    static JsonNode allocate(String body) {
        return settled(create(body).get("uuid").asText());
    }

    @Test
    void anAllocationStartsAllocatingAndGetsAMatchingNode() {
        node("crud-silver", "crud-s", "CUSTOM_GPU");
        node("crud-plain", "crud-g");
        String gpu = node("crud-gpu", "crud-g", "CUSTOM_GPU", "HW_CPU_X86_AVX2");
        TestServer.Reply r = server.post("/v1/allocations", "{\"resource_class\":\"crud-g\",\"name\":\"crud-1\","
                + "\"traits\":[\"CUSTOM_GPU\"],\"extra\":{\"k\":\"v\"}}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode created = r.json();
        String uuid = created.get("uuid").asText();
        assertThat(r.header("Location")).endsWith("/v1/allocations/" + uuid);
        assertThat(created.get("state").asText()).isEqualTo("allocating");
        assertThat(created.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("uuid", "name", "node_uuid", "state",
                "last_error", "resource_class", "traits", "candidate_nodes", "extra", "owner", "created_at", "updated_at", "links");
        assertThat(created.get("candidate_nodes")).isEmpty();
        assertThat(created.get("links").get(0).get("href").asText()).endsWith("/v1/allocations/" + uuid);

        JsonNode done = settled(uuid);
        assertThat(done.get("state").asText()).isEqualTo("active");
        assertThat(done.get("node_uuid").asText()).isEqualTo(gpu);
        assertThat(done.get("last_error").isNull()).isTrue();
        JsonNode node = server.get("/v1/nodes/" + gpu).json();
        assertThat(node.get("allocation_uuid").asText()).isEqualTo(uuid);
        assertThat(node.get("instance_uuid").asText()).isEqualTo(uuid);
        assertThat(node.get("instance_info").get("traits").get(0).asText()).isEqualTo("CUSTOM_GPU");
        assertThat(server.get("/v1/allocations/crud-1").json().get("uuid").asText()).isEqualTo(uuid);
        assertThat(server.get("/v1/nodes/crud-gpu/allocation?fields=uuid,node_uuid").json().properties())
                .extracting(Map.Entry::getKey).containsExactly("uuid", "node_uuid", "links");
    }

    @Test
    void nullListsAndExtraMeanEmptyAsInIronic() {
        JsonNode a = create("{\"resource_class\":\"nulls\",\"traits\":null,\"candidate_nodes\":null,\"extra\":null,\"name\":null}");
        assertThat(a.get("traits").isArray()).isTrue();
        assertThat(a.get("candidate_nodes").isArray()).isTrue();
        assertThat(a.get("extra").isObject()).isTrue();
        assertThat(a.get("name").isNull()).isTrue();
        settled(a.get("uuid").asText());
    }

    @Test
    void candidatesAreGivenByNameOrUuidAndStoredAsUuids() {
        String a = node("cand-a", "cand");
        String b = node("cand-b", "cand");
        JsonNode created = create("{\"resource_class\":\"cand\",\"candidate_nodes\":[\"cand-b\",\"" + a.toUpperCase() + "\"]}");
        assertThat(created.get("candidate_nodes")).extracting(JsonNode::asText).containsExactly(b, a);
        assertThat(settled(created.get("uuid").asText()).get("node_uuid").asText()).isIn(a, b);
    }

    @Test
    void whenNoNodeMatchesTheErrorExplainsEachNode() {
        String enrolled = nodeIn("enroll", "why-enrolled", "why");
        String fixing = node("why-fixing", "why");
        server.patch("/v1/nodes/" + fixing, "[{\"op\":\"replace\",\"path\":\"/maintenance\",\"value\":true}]");
        JsonNode failed = allocate("{\"resource_class\":\"why\"}");
        assertThat(failed.get("state").asText()).isEqualTo("error");
        assertThat(failed.get("node_uuid").isNull()).isTrue();
        assertThat(failed.get("last_error").asText())
                .startsWith("Failed to process allocation " + failed.get("uuid").asText() + ": no available nodes match the resource class why.")
                .contains("why-fixing (" + fixing + "): in maintenance")
                .contains("why-enrolled (" + enrolled + "): provision state is \"enroll\"");
        assertThat(allocate("{\"resource_class\":\"why-not-a-class\"}").get("last_error").asText())
                .contains("No node has resource class why-not-a-class; the resource classes in use are: ");
    }

    @Test
    void listsFilterPageAndSelectFields() {
        String n = node("list-n", "list-a");
        String active = allocate("{\"resource_class\":\"list-a\",\"name\":\"list-1\"}").get("uuid").asText();
        String failed = allocate("{\"resource_class\":\"list-a\",\"name\":\"list-2\",\"owner\":\"p-list\"}").get("uuid").asText();
        allocate("{\"resource_class\":\"list-b\",\"name\":\"list-3\"}");

        assertThat(uuids("/v1/allocations?node=list-n")).containsExactly(active);
        assertThat(uuids("/v1/allocations?node=" + n + "&state=active")).containsExactly(active);
        assertThat(uuids("/v1/allocations?resource_class=list-a&state=error")).containsExactly(failed);
        assertThat(uuids("/v1/allocations?owner=p-list")).containsExactly(failed);
        assertThat(server.get("/v1/allocations?owner=p-list", "1.59").status()).isEqualTo(406);
        JsonNode page = server.get("/v1/allocations?resource_class=list-a&limit=1&fields=uuid,state").json();
        assertThat(page.get("allocations").get(0).properties()).extracting(Map.Entry::getKey).containsExactly("uuid", "state", "links");
        assertThat(page.get("next").asText()).contains("/v1/allocations?").contains("resource_class=list-a")
                .contains("fields=uuid,state").contains("limit=1&marker=" + active);
        String next = page.get("next").asText().substring(server.base().length());
        assertThat(uuids(next)).containsExactly(failed);
        assertThat(uuids("/v1/allocations?resource_class=list-a&sort_key=name&sort_dir=desc")).containsExactly(failed, active);
        JsonNode old = server.get("/v1/allocations/list-2", "1.59").json();
        assertThat(old.has("owner")).isFalse();
        assertThat(old.has("node_uuid")).isTrue();
    }

    @Test
    void nameAndExtraArePatchableFrom157() {
        allocate("{\"resource_class\":\"patch\",\"name\":\"patch-1\"}");
        String patch = "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"patch-2\"},{\"op\":\"add\",\"path\":\"/extra/a\",\"value\":1}]";
        TestServer.Reply tooOld = server.call("PATCH", "/v1/allocations/patch-1", "1.56", patch, Map.of());
        assertThat(tooOld.status()).isEqualTo(405);
        assertThat(tooOld.fault()).isEqualTo("The API version does not allow updating allocations");
        JsonNode patched = server.patch("/v1/allocations/patch-1", patch).json();
        assertThat(patched.get("name").asText()).isEqualTo("patch-2");
        assertThat(patched.get("extra").get("a").asInt()).isEqualTo(1);
        assertThat(server.patch("/v1/allocations/patch-2", "[{\"op\":\"remove\",\"path\":\"/name\"}]").json().get("name").isNull()).isTrue();
    }

    @Test
    void deletingFreesTheNodeButNotAnActiveOneOutsideMaintenance() {
        String n = node("del-n", "del");
        String uuid = allocate("{\"resource_class\":\"del\"}").get("uuid").asText();
        server.stores().nodes.update(n, Map.of("provision_state", "active"));
        TestServer.Reply refused = server.delete("/v1/allocations/" + uuid);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.fault()).contains("because the node is active (and maintenance mode is off)");
        server.patch("/v1/nodes/" + n, "[{\"op\":\"replace\",\"path\":\"/maintenance\",\"value\":true}]");

        assertThat(server.delete("/v1/nodes/del-n/allocation").status()).isEqualTo(204);

        JsonNode node = server.get("/v1/nodes/" + n).json();
        assertThat(node.get("allocation_uuid").isNull()).isTrue();
        assertThat(node.get("instance_uuid").isNull()).isTrue();
        assertThat(server.get("/v1/allocations/" + uuid).status()).isEqualTo(404);
        assertThat(server.get("/v1/nodes/del-n/allocation").fault()).isEqualTo("Allocation for node del-n was not found");
    }

    @Test
    void backfillingAnActiveNodeTakesItsInstanceUuid() {
        String instance = UUID.randomUUID().toString();
        String n = nodeIn("active", "bf-n", "bf");
        server.patch("/v1/nodes/" + n, "[{\"op\":\"add\",\"path\":\"/instance_uuid\",\"value\":\"" + instance + "\"}]");
        TestServer.Reply old = server.call("POST", "/v1/allocations", "1.57", "{\"node\":\"bf-n\"}", Map.of());
        assertThat(old.status()).isEqualTo(400);
        JsonNode a = create("{\"node\":\"bf-n\",\"name\":\"bf-1\"}");
        assertThat(a.get("uuid").asText()).isEqualTo(instance);
        assertThat(a.get("state").asText()).isEqualTo("active");
        assertThat(a.get("resource_class").asText()).isEqualTo("bf");
        assertThat(a.get("node_uuid").asText()).isEqualTo(n);
        assertThat(server.get("/v1/nodes/" + n).json().get("allocation_uuid").asText()).isEqualTo(instance);
        assertThat(server.post("/v1/allocations", "{\"node\":\"bf-n\"}").status()).as("already allocated").isEqualTo(409);
    }

    @Test
    void nodesTakeTheirAllocationAlongWhenDeletedOrUnassociated() {
        String n = node("gone-n", "gone");
        server.patch("/v1/nodes/" + n, "[{\"op\":\"add\",\"path\":\"/owner\",\"value\":\"p1\"}]");
        String first = allocate("{\"resource_class\":\"gone\",\"owner\":\"p1\"}").get("uuid").asText();
        TestServer.Reply owner = server.patch("/v1/nodes/" + n, "[{\"op\":\"add\",\"path\":\"/owner\",\"value\":\"p2\"}]");
        assertThat(owner.status()).isEqualTo(409);
        assertThat(owner.fault()).contains("allocated to an allocation with an owner");
        assertThat(server.patch("/v1/nodes/" + n, "[{\"op\":\"remove\",\"path\":\"/instance_uuid\"}]").status()).isEqualTo(200);
        assertThat(server.get("/v1/allocations/" + first).status()).isEqualTo(404);
        assertThat(server.get("/v1/nodes/" + n).json().get("allocation_uuid").isNull()).isTrue();

        String second = allocate("{\"resource_class\":\"gone\"}").get("uuid").asText();
        server.patch("/v1/nodes/" + n, "[{\"op\":\"replace\",\"path\":\"/maintenance\",\"value\":true}]");
        assertThat(server.delete("/v1/nodes/" + n).status()).isEqualTo(204);
        assertThat(server.get("/v1/allocations/" + second).status()).isEqualTo(404);
    }

    @Test
    void twentyConcurrentRequestsForTenNodesGetTenDistinctNodes() throws Exception {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            nodes.add(node(null, "race"));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<String> uuids = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                clients.submit(() -> {
                    go.await();
                    uuids.add(create("{\"resource_class\":\"race\"}").get("uuid").asText());
                    return null;
                });
            }
            go.countDown();
        }
        assertThat(uuids).hasSize(20);
        List<JsonNode> done = uuids.stream().map(AllocationsApiTest::settled).toList();
        List<String> got = done.stream().filter(a -> a.get("state").asText().equals("active")).map(a -> a.get("node_uuid").asText()).toList();
        assertThat(got).hasSize(10).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(done.stream().filter(a -> a.get("state").asText().equals("error"))).hasSize(10);
    }

    @Test
    void theEndpointsExistFrom152() {
        assertThat(server.get("/v1/allocations", "1.51").status()).isEqualTo(404);
        assertThat(server.call("POST", "/v1/allocations", "1.51", "{\"resource_class\":\"x\"}", Map.of()).status()).isEqualTo(405);
        assertThat(server.get("/v1/nodes/x/allocation", "1.51").status()).isEqualTo(404);
        assertThat(server.get("/v1", "1.51").json().has("allocations")).isFalse();
        assertThat(server.get("/v1", "1.52").json().get("allocations").get(0).get("href").asText()).endsWith("/v1/allocations/");
        assertThat(server.get("/v1/allocations/detail").fault()).isEqualTo("Allocation detail could not be found.");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("POST", "/v1/allocations", "{}", 400, "resource_class field is mandatory"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"\"}", 400, "resource_class field is mandatory"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"x\",\"name\":\"bad name\"}", 400, "invalid name 'bad name'"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"x\",\"name\":\"bad-1\"}", 409, "name bad-1 already exists"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"x\",\"uuid\":\"nope\"}", 400, "nope"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"x\",\"traits\":[\"lower\"]}", 400, "lower"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"x\",\"traits\":\"CUSTOM_A\"}", 400, "traits"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"x\",\"traits\":[1]}", 400, "traits"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"x\",\"candidate_nodes\":[\"nosuch\",\"bad name!\"]}", 400,
                        "Nodes cannot be found: bad name!"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"x\",\"candidate_nodes\":[\"nosuch\",\"bad-n\","
                        + "\"00000000-0000-0000-0000-000000000000\"]}", 400, "Nodes cannot be found: 00000000-0000-0000-0000-000000000000, nosuch"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"x\",\"bogus\":1}", 400, "bogus"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"" + "x".repeat(81) + "\"}", 400, "resource_class"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":5}", 400, "resource_class"),
                Arguments.of("POST", "/v1/allocations", "{\"resource_class\":\"x\",\"extra\":[]}", 400, "extra"),
                Arguments.of("POST", "/v1/allocations", "{\"node\":\"nosuch\"}", 400, "Node nosuch could not be found."),
                Arguments.of("POST", "/v1/allocations", "{\"node\":\"bad-n\"}", 400, "Node must be in the \"active\" state"),
                Arguments.of("POST", "/v1/allocations", "[]", 400, "object"),
                Arguments.of("POST", "/v1/allocations", "xx", 400, "Malformed JSON"),
                Arguments.of("GET", "/v1/allocations?node=nosuch", null, 400, "Node nosuch could not be found."),
                Arguments.of("GET", "/v1/allocations?detail=true", null, 400, "Unexpected arguments: detail"),
                Arguments.of("GET", "/v1/allocations?sort_key=traits", null, 400, "traits"),
                Arguments.of("GET", "/v1/allocations?marker=00000000-0000-0000-0000-000000000000", null, 404, "could not be found"),
                Arguments.of("GET", "/v1/allocations?fields=bogus", null, 400, "bogus"),
                Arguments.of("GET", "/v1/allocations/nosuch", null, 404, "Allocation nosuch could not be found."),
                Arguments.of("GET", "/v1/allocations/bad%20name", null, 400, "bad name"),
                Arguments.of("GET", "/v1/nodes/nosuch/allocation", null, 400, "Node nosuch could not be found."),
                Arguments.of("DELETE", "/v1/nodes/nosuch/allocation", null, 404, "Node nosuch could not be found."),
                Arguments.of("DELETE", "/v1/nodes/bad-free/allocation", null, 404, "Allocation for node bad-free was not found"),
                Arguments.of("DELETE", "/v1/allocations/nosuch", null, 404, "could not be found"),
                Arguments.of("PATCH", "/v1/allocations/bad-1", "[{\"op\":\"replace\",\"path\":\"/resource_class\",\"value\":\"y\"}]", 400,
                        "Cannot patch /resource_class"),
                Arguments.of("PATCH", "/v1/allocations/bad-1", "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"bad name\"}]", 400,
                        "invalid name 'bad name'"),
                Arguments.of("PATCH", "/v1/allocations/bad-1", "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"bad-2\"}]", 409,
                        "name bad-2 already exists"),
                Arguments.of("PATCH", "/v1/allocations/bad-1", "[{\"op\":\"remove\",\"path\":\"/extra/nope\"}]", 400, "nope"),
                Arguments.of("PATCH", "/v1/allocations/bad-1", "[{\"op\":\"replace\",\"path\":\"/extra\",\"value\":[]}]", 400, "extra"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("badRequests")
    void badRequestIsRefusedAndChangesNothing(String method, String path, String body, int status, String messagePart) {
        if (server.get("/v1/allocations/bad-1").status() == 404) {
            node("bad-n", "bad");
            nodeIn("enroll", "bad-free", "bad-other");
            allocate("{\"resource_class\":\"bad\",\"name\":\"bad-1\"}");
            allocate("{\"resource_class\":\"bad\",\"name\":\"bad-2\"}");
        }
        String before = snapshot();
        TestServer.Reply r = server.call(method, path, "latest", body, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        JsonNode fault = Json.parseStored(r.json().get("error_message").asText());
        assertThat(fault.get("faultcode").asText()).isEqualTo("Client");
        assertThat(fault.get("faultstring").asText()).contains(messagePart);
        assertThat(snapshot()).isEqualTo(before);
    }

    private static String snapshot() {
        return server.get("/v1/allocations").text() + server.get("/v1/nodes/detail").text();
    }

    private static List<String> uuids(String path) {
        TestServer.Reply r = server.get(path);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("allocations").forEach(a -> out.add(a.get("uuid").asText()));
        return out;
    }
}
