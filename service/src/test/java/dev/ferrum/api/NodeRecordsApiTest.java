package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import dev.ferrum.db.Database;
import dev.ferrum.db.DatabaseUrl;
import dev.ferrum.db.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v1/nodes/{node}/bios, /history and /inventory: records read straight from the database. */
class NodeRecordsApiTest {
    TestServer server;
    Database db;
    Stores stores;
    String node;

    @BeforeEach
    void start() throws IOException {
        Path state = Files.createTempDirectory("ferrum-records-test");
        server = new TestServer(Map.of("DEFAULT.state_path", state.toString(), "api.max_limit", "3"));
        db = new Database(DatabaseUrl.parse("", state), 2); // the same embedded database, from the test's side
        stores = new Stores(db);
        node = server.node("{\"driver\":\"fake-hardware\",\"name\":\"rec\"}").get("uuid").asText();
    }

    @AfterEach
    void stop() {
        db.close();
        server.close();
    }

    private void provision(String body, String expectedState) {
        assertThat(server.call("PUT", "/v1/nodes/rec/states/provision", "latest", body, Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode n = server.get("/v1/nodes/rec").json();
            return expectedState.equals(n.get("provision_state").asText()) && n.get("reservation").isNull();
        });
    }

    private void applyBios(String settings) {
        provision("{\"target\":\"clean\",\"clean_steps\":[{\"interface\":\"bios\",\"step\":\"apply_configuration\","
                + "\"args\":{\"settings\":" + settings + "}}]}", "manageable");
    }

    @Test
    void biosSettingsWrittenByTheFakeCleanStep() {
        provision("{\"target\":\"manage\"}", "manageable");
        applyBios("[{\"name\":\"ProcVirtualization\",\"value\":\"Enabled\"},{\"name\":\"Num\",\"value\":5},{\"name\":\"Gone\",\"value\":\"x\"}]");
        applyBios("[{\"name\":\"ProcVirtualization\",\"value\":\"Enabled\"},{\"name\":\"Num\",\"value\":6}]");

        JsonNode list = server.get("/v1/nodes/rec/bios").json().get("bios");
        assertThat(list).hasSize(2); // apply_configuration replaces the whole set, as Ironic's fake does
        JsonNode num = list.get(0);
        assertThat(names(num)).containsExactly("created_at", "updated_at", "name", "value", "links");
        assertThat(num.get("name").asText()).isEqualTo("Num");
        assertThat(num.get("value").asText()).isEqualTo("6");
        assertThat(num.get("updated_at").isNull()).isFalse();
        assertThat(list.get(1).get("updated_at").isNull()).isTrue();
        assertThat(num.get("links").get(0).get("href").asText()).isEqualTo(server.base() + "/v1/nodes/rec/bios/Num");

        JsonNode one = server.get("/v1/nodes/rec/bios/Num").json().get("Num");
        assertThat(names(one)).containsExactly("created_at", "updated_at", "name", "value", "attribute_type", "allowable_values",
                "lower_bound", "max_length", "min_length", "read_only", "reset_required", "unique", "upper_bound", "links");
        assertThat(one.get("allowable_values").toString()).isEqualTo("[]");
        assertThat(one.get("links").get(0).get("href").asText()).isEqualTo(server.base() + "/v1/nodes/" + node + "/bios/Num");
        assertThat(names(server.get("/v1/nodes/rec/bios/Num", "1.73").json().get("Num")))
                .containsExactly("created_at", "updated_at", "name", "value", "links");
        TestServer.Reply missing = server.get("/v1/nodes/rec/bios/Nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.fault()).isEqualTo("Node " + node + " doesn't have a BIOS setting 'Nope'");
    }

    @Test
    void biosRegistryFieldsDetailAndFields() {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO bios_settings (node_uuid, name, setting_value, attribute_type, "
                        + "allowable_values, lower_bound, read_only, reset_required, unique_value, upper_bound, created_at) "
                        + "VALUES (?, 'BootMode', 'Uefi', 'Enumeration', '[\"Bios\", \"Uefi\"]', 0, false, true, false, 5, ?)")
                .bind(0, node).bind(1, java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5)).execute());
        JsonNode detail = server.get("/v1/nodes/rec/bios?detail=true").json().get("bios").get(0);
        assertThat(detail.get("attribute_type").asText()).isEqualTo("Enumeration");
        assertThat(detail.get("allowable_values").toString()).isEqualTo("[\"Bios\",\"Uefi\"]");
        assertThat(detail.get("reset_required").asBoolean()).isTrue();
        assertThat(detail.get("upper_bound").asInt()).isEqualTo(5);
        assertThat(detail.get("max_length").isNull()).isTrue();
        assertThat(detail.get("created_at").asText()).isEqualTo("2024-01-02T03:04:05+00:00");
        JsonNode some = server.get("/v1/nodes/rec/bios?fields=name,read_only").json().get("bios").get(0);
        assertThat(names(some)).containsExactly("created_at", "updated_at", "name", "read_only", "links");

        assertThat(server.get("/v1/nodes/rec/bios?fields=name&detail=true").fault())
                .isEqualTo("Can not specify ?detail=True and fields in the same request.");
        assertThat(server.get("/v1/nodes/rec/bios?fields=bogus").fault()).isEqualTo("Field(s) \"bogus\" are not valid");
        assertThat(server.get("/v1/nodes/rec/bios?detail=true", "1.73").fault()).isEqualTo("Invalid query parameter ?detail=True received.");
        assertThat(server.get("/v1/nodes/rec/bios?fields=name,value", "1.73").fault())
                .isEqualTo("Invalid query parameter ?fields=['name', 'value'] received.");
        assertThat(server.get("/v1/nodes/rec/bios?detail=maybe").status()).isEqualTo(400);
        assertThat(server.get("/v1/nodes/rec/bios?limit=1").fault()).isEqualTo("Unexpected arguments: limit");
        assertThat(server.get("/v1/nodes/rec/bios/a%20b").fault()).isEqualTo("Expected name for setting_name: a b");
        assertThat(server.get("/v1/nodes/rec/bios", "1.39").status()).isEqualTo(404);
        assertThat(server.get("/v1/nodes/rec/bios/BootMode", "1.39").status()).isEqualTo(404);
    }

    @Test
    void historyPagesOldestFirstWithDetailAndSingleEvents() {
        provision("{\"target\":\"manage\"}", "manageable");
        provision("{\"target\":\"provide\"}", "available");
        JsonNode page = server.get("/v1/nodes/rec/history?limit=2").json();
        JsonNode first = page.get("history").get(0);
        assertThat(names(first)).containsExactly("uuid", "created_at", "severity", "event", "links");
        assertThat(first.get("event").asText()).contains("\"enroll\" to \"verifying\"");
        assertThat(first.get("severity").asText()).isEqualTo("INFO");
        assertThat(first.get("links")).hasSize(1);
        assertThat(first.get("links").get(0).get("href").asText())
                .isEqualTo(server.base() + "/v1/nodes/" + node + "/history/" + first.get("uuid").asText());

        List<String> all = new ArrayList<>();
        String url = "/v1/nodes/rec/history?detail=true&limit=2";
        while (url != null) {
            JsonNode p = server.get(url).json();
            p.get("history").forEach(e -> {
                assertThat(names(e)).containsExactly("uuid", "created_at", "severity", "event_type", "event", "conductor", "user", "links");
                assertThat(e.get("conductor").asText()).isEqualTo("test-conductor");
                all.add(e.get("uuid").asText());
            });
            url = p.has("next") ? p.get("next").asText().substring(server.base().length()) : null;
            assertThat(url == null || url.contains("detail=True")).isTrue();
        }
        assertThat(all.size()).isGreaterThanOrEqualTo(4); // enroll→verifying→manageable→cleaning→available
        assertThat(server.get("/v1/nodes/rec/history").json().get("history")).hasSize(3); // [api]max_limit

        JsonNode one = server.get("/v1/nodes/rec/history/" + all.getFirst()).json();
        assertThat(one.get("event_type").asText()).isEqualTo("verify");
        assertThat(one.get("uuid").asText()).isEqualTo(all.getFirst());
        String other = server.node("{\"driver\":\"fake-hardware\",\"name\":\"other\"}").get("uuid").asText();
        assertThat(server.get("/v1/nodes/" + other + "/history/" + all.getFirst()).status()).isEqualTo(404);
    }

    @Test
    void longEventsAreCutInTheShortList() {
        String text = "x".repeat(300);
        stores.history.record(new dev.ferrum.db.HistoryStore.Event(node, "c1", "console", "ERROR", text, null));
        JsonNode shortForm = server.get("/v1/nodes/rec/history").json().get("history").get(0);
        assertThat(shortForm.get("event").asText()).hasSize(254).endsWith("..."); // 251 characters and "...", as Ironic
        JsonNode full = server.get("/v1/nodes/rec/history?detail=true").json().get("history").get(0);
        assertThat(full.get("event").asText()).isEqualTo(text);
        assertThat(full.get("event_type").asText()).isEqualTo("console");
    }

    @Test
    void historyChecks() {
        assertThat(server.get("/v1/nodes/rec/history", "1.77").status()).isEqualTo(404);
        assertThat(server.get("/v1/nodes/rec/history?marker=nope").fault()).isEqualTo("Expected UUID for marker: nope");
        assertThat(server.get("/v1/nodes/rec/history?marker=fb459259-eeff-4e87-b41e-61a9a2672699").fault())
                .isEqualTo("Node history record fb459259-eeff-4e87-b41e-61a9a2672699 could not be found.");
        assertThat(server.get("/v1/nodes/rec/history?limit=0").fault()).isEqualTo("Limit must be positive");
        assertThat(server.get("/v1/nodes/rec/history?limit=x").fault()).isEqualTo("Expected an integer for limit: x");
        assertThat(server.get("/v1/nodes/rec/history?sort_key=uuid").fault()).isEqualTo("Unexpected arguments: sort_key");
        assertThat(server.get("/v1/nodes/rec/history/abc").fault()).isEqualTo("Node history record abc could not be found.");
        assertThat(server.get("/v1/nodes/rec/history/a%20b").fault()).isEqualTo("Expected UUID or name for event: a b");
        assertThat(server.get("/v1/nodes/rec/history/abc?detail=false").fault()).isEqualTo("Unexpected arguments: detail");
        assertThat(server.get("/v1/nodes/rec/history").json().get("history")).isEmpty();
    }

    @Test
    void inventoryIsNotFoundUntilInspectionDataIsStored() {
        TestServer.Reply none = server.get("/v1/nodes/rec/inventory");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.fault()).isEqualTo("Node inventory record for node " + node + " could not be found.");
        assertThat(server.get("/v1/nodes/rec/inventory", "1.80").status()).isEqualTo(404);

        // The fake inspection stores nothing, as Ironic's fake.
        provision("{\"target\":\"manage\"}", "manageable");
        provision("{\"target\":\"inspect\"}", "manageable");
        assertThat(server.get("/v1/nodes/rec/inventory").status()).isEqualTo(404);

        stores.inventory.put(node, Json.parse("{\"cpu\":{\"count\":8},\"interfaces\":[]}"), null);
        JsonNode inv = server.get("/v1/nodes/rec/inventory").json();
        assertThat(names(inv)).containsExactly("inventory", "plugin_data");
        assertThat(inv.get("inventory").get("cpu").get("count").asInt()).isEqualTo(8);
        assertThat(inv.get("plugin_data").toString()).isEqualTo("{}");
        assertThat(server.get("/v1/nodes/rec/inventory?x=1").fault()).isEqualTo("Unexpected arguments: x");
        // The inventory goes with its node.
        assertThat(server.delete("/v1/nodes/rec").status()).isEqualTo(204);
        assertThat(stores.inventory.get(node)).isEmpty();
    }

    private static List<String> names(JsonNode n) {
        return n.properties().stream().map(Map.Entry::getKey).toList();
    }
}
