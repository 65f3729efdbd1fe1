package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Node and driver vendor passthru with fake-hardware's vendor interface (methods of Ironic's FakeVendorB). */
class VendorPassthruApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
        server.node("{\"driver\":\"fake-hardware\",\"name\":\"v1\"}");
        server.node("{\"driver\":\"fake-hardware\",\"name\":\"novendor\",\"vendor_interface\":\"no-vendor\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Reply call(String method, String path, String body) {
        return server.call(method, path, "latest", body, Map.of());
    }

    @Test
    void listsTheMethodsWithTheirMetadata() {
        JsonNode m = server.get("/v1/nodes/v1/vendor_passthru/methods").json();
        assertThat(m.properties()).extracting(Map.Entry::getKey)
                .containsExactly("fourth_method_shared_lock", "second_method", "third_method_sync");
        JsonNode second = m.get("second_method");
        assertThat(second.get("http_methods").toString()).isEqualTo("[\"POST\"]");
        assertThat(second.get("async").asBoolean()).isTrue();
        assertThat(second.get("attach").asBoolean()).isFalse();
        assertThat(second.get("require_exclusive_lock").asBoolean()).isTrue();
        assertThat(second.get("description").asText()).isEqualTo("Test if the value of bar is kazoo");
        assertThat(m.get("fourth_method_shared_lock").get("require_exclusive_lock").asBoolean()).isFalse();
        assertThat(server.get("/v1/nodes/novendor/vendor_passthru/methods").json().isEmpty()).isTrue();
    }

    @Test
    void synchronousMethodsAnswerTheirValue() {
        TestServer.Reply yes = call("POST", "/v1/nodes/v1/vendor_passthru?method=third_method_sync", "{\"bar\":\"meow\"}");
        assertThat(yes.status()).isEqualTo(200);
        assertThat(yes.text()).isEqualTo("true");
        assertThat(call("POST", "/v1/nodes/v1/vendor_passthru?method=third_method_sync", "{\"bar\":\"woof\"}").text()).isEqualTo("false");
    }

    @Test
    void theMethodMayBeInThePathAsIronicclientSendsIt() {
        TestServer.Reply r = call("POST", "/v1/nodes/v1/vendor_passthru/third_method_sync", "{\"bar\":\"meow\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("true");
        assertThat(call("POST", "/v1/nodes/v1/vendor_passthru/third_method_sync?method=x", "{\"bar\":\"meow\"}").fault())
                .isEqualTo("Unexpected arguments: method");
        // Only GET .../methods lists; any other HTTP method calls a vendor method named "methods".
        assertThat(call("POST", "/v1/nodes/v1/vendor_passthru/methods", "{}").fault()).isEqualTo("No handler for method methods");
        assertThat(call("POST", "/v1/drivers/fake-hardware/vendor_passthru/foo", "{}").fault()).isEqualTo("No handler for method foo");
    }

    @Test
    void asynchronousMethodsAnswer202WithNoBodyAndReleaseTheLock() {
        TestServer.Reply r = call("POST", "/v1/nodes/v1/vendor_passthru?method=second_method", "{\"bar\":\"kazoo\"}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        assertThat(r.header("Content-Type")).isNull();
        TestServer.Reply shared = call("POST", "/v1/nodes/v1/vendor_passthru?method=fourth_method_shared_lock", "{\"bar\":\"woof\"}");
        assertThat(shared.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.get("/v1/nodes/v1").json().get("reservation").isNull());
    }

    @Test
    void badCalls() {
        assertThat(call("POST", "/v1/nodes/v1/vendor_passthru?method=third_method_sync", "{}").fault())
                .isEqualTo("Parameter 'bar' not passed to method 'third_method_sync'.");
        assertThat(call("POST", "/v1/nodes/v1/vendor_passthru?method=second_method", null).fault())
                .isEqualTo("Parameter 'bar' not passed to method 'second_method'.");
        assertThat(call("GET", "/v1/nodes/v1/vendor_passthru?method=third_method_sync", null).fault())
                .isEqualTo("The method third_method_sync does not support HTTP GET");
        assertThat(call("DELETE", "/v1/nodes/v1/vendor_passthru?method=second_method", null).fault())
                .isEqualTo("The method second_method does not support HTTP DELETE");
        assertThat(call("POST", "/v1/nodes/v1/vendor_passthru", "{\"bar\":\"meow\"}").fault()).isEqualTo("Missing mandatory parameter: method");
        assertThat(call("POST", "/v1/nodes/v1/vendor_passthru?method=", "{}").fault()).isEqualTo("Method not specified");
        assertThat(call("POST", "/v1/nodes/v1/vendor_passthru?method=nope", "{}").fault()).isEqualTo("No handler for method nope");
        assertThat(call("POST", "/v1/nodes/v1/vendor_passthru?method=third_method_sync&bar=meow", null).fault())
                .isEqualTo("Unexpected arguments: bar");
        assertThat(call("POST", "/v1/nodes/v1/vendor_passthru?method=third_method_sync", "[1]").status()).isEqualTo(400);
        assertThat(call("POST", "/v1/nodes/novendor/vendor_passthru?method=second_method", "{\"bar\":\"kazoo\"}").fault())
                .isEqualTo("No handler for method second_method");
        assertThat(call("POST", "/v1/nodes/nope/vendor_passthru?method=second_method", "{}").status()).isEqualTo(404);
    }

    @Test
    void driverLevelPassthruHasNoMethodsOnFakeHardware() {
        assertThat(server.get("/v1/drivers/fake-hardware/vendor_passthru/methods").json().isEmpty()).isTrue();
        assertThat(server.get("/v1/drivers/manual-management/vendor_passthru/methods").json().isEmpty()).isTrue();
        TestServer.Reply r = call("POST", "/v1/drivers/fake-hardware/vendor_passthru?method=second_method", "{\"bar\":\"kazoo\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.fault()).isEqualTo("No handler for method second_method");
        assertThat(call("POST", "/v1/drivers/fake-hardware/vendor_passthru", "{}").fault()).isEqualTo("Missing mandatory parameter: method");
        TestServer.Reply unknown = server.get("/v1/drivers/nope/vendor_passthru/methods");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.fault()).isEqualTo("The driver 'nope' is unknown.");
        assertThat(call("POST", "/v1/drivers/nope/vendor_passthru?method=x", "{}").status()).isEqualTo(404);
    }
}
