package dev.ferrum.lab.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redfish protocol details checked with plain HTTP: auth, error bodies, validation, ETags, Connection: close. */
class RedfishHttpTest {
    private static RedfishEmulator bmc;

    @BeforeAll
    static void start() {
        bmc = RedfishEmulator.builder().systems(4).credentials("admin", "password").start();
    }

    @AfterAll
    static void stop() {
        bmc.close();
    }

    @Test
    void serviceRootAndVersionsAreOpenEverythingElseNeedsCredentials() {
        assertThat(Http.getAnonymous(bmc, "/redfish").body().get("v1").asText()).isEqualTo("/redfish/v1/");
        Http.Response root = Http.getAnonymous(bmc, "/redfish/v1/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.header("OData-Version")).isEqualTo("4.0");
        assertThat(root.body().get("@odata.id").asText()).isEqualTo("/redfish/v1/");
        assertThat(root.body().get("@odata.type").asText()).startsWith("#ServiceRoot.");
        assertThat(root.body().get("@odata.context").asText()).isEqualTo("/redfish/v1/$metadata#ServiceRoot.ServiceRoot");
        assertThat(Http.getAnonymous(bmc, "/redfish/v1/odata").status()).isEqualTo(200);
        Http.Response metadata = Http.getAnonymous(bmc, "/redfish/v1/$metadata");
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.raw().body()).contains("<edmx:Edmx", "ComputerSystem_v1.xml");

        Http.Response denied = Http.getAnonymous(bmc, "/redfish/v1/Systems");
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.messageId()).isEqualTo("Base.1.16.NoValidSession");
        assertThat(denied.header("WWW-Authenticate")).startsWith("Basic");

        Http.Response wrong = Http.send(Http.request(bmc, "/redfish/v1/Systems")
                .header("Authorization", "Basic YWRtaW46d3Jvbmc=").GET().build()); // admin:wrong
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(Http.get(bmc, "/redfish/v1/Systems").body().get("Members@odata.count").asInt()).isEqualTo(4);
    }

    @Test
    void unknownResourcesAndMethodsAreRedfishErrors() {
        Http.Response missing = Http.get(bmc, "/redfish/v1/Systems/99");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.messageId()).isEqualTo("Base.1.16.ResourceMissingAtURI");
        assertThat(missing.body().get("error").get("code").asText()).isEqualTo("Base.1.16.ResourceMissingAtURI");
        assertThat(missing.body().get("error").get("message").asText()).contains("/redfish/v1/Systems/99");
        assertThat(Http.get(bmc, "/redfish/v1/Systems/1/Processors/CPU9").status()).isEqualTo(404);
        assertThat(Http.get(bmc, "/elsewhere").status()).isEqualTo(404);
        Http.Response delete = Http.send(Http.request(bmc, "/redfish/v1/Systems/1")
                .header("Authorization", Http.BASIC).DELETE().build());
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.messageId()).isEqualTo("Base.1.16.OperationNotAllowed");
    }

    @Test
    void patchValidatesBootAndIndicatorLedValues() {
        String sys = bmc.systemPath("2");
        Http.Response led = Http.patch(bmc, sys, "{\"IndicatorLED\": \"Purple\"}");
        assertThat(led.status()).isEqualTo(400);
        assertThat(led.messageId()).isEqualTo("Base.1.16.PropertyValueNotInList");
        JsonNode info = led.body().get("error").get("@Message.ExtendedInfo").get(0);
        assertThat(info.get("RelatedProperties").get(0).asText()).isEqualTo("#/IndicatorLED");
        assertThat(info.get("MessageArgs").toString()).isEqualTo("[\"Purple\",\"IndicatorLED\"]");
        assertThat(info.get("Severity").asText()).isEqualTo("Warning");

        assertThat(Http.patch(bmc, sys, "{\"Boot\": {\"BootSourceOverrideEnabled\": \"Twice\"}}").messageId())
                .isEqualTo("Base.1.16.PropertyValueNotInList");
        assertThat(Http.patch(bmc, sys, "{\"Boot\": {\"BootSourceOverrideMode\": \"EFI\"}}").messageId())
                .isEqualTo("Base.1.16.PropertyValueNotInList");
        assertThat(Http.patch(bmc, sys, "{\"Boot\": {\"BootSourceOverrideTarget\": 7}}").messageId())
                .isEqualTo("Base.1.16.PropertyValueTypeError");
        assertThat(Http.patch(bmc, sys, "{\"Boot\": {\"BootOrder\": []}}").messageId())
                .isEqualTo("Base.1.16.PropertyUnknown");
        assertThat(Http.patch(bmc, sys, "{\"PowerState\": \"On\"}").messageId())
                .isEqualTo("Base.1.16.PropertyNotWritable");
        assertThat(Http.patch(bmc, sys, "{\"Colour\": \"red\"}").messageId())
                .isEqualTo("Base.1.16.PropertyUnknown");
        assertThat(Http.patch(bmc, sys, "{not json").messageId()).isEqualTo("Base.1.16.MalformedJSON");
        // one bad value refuses the whole PATCH
        assertThat(Http.patch(bmc, sys, "{\"IndicatorLED\": \"Lit\", \"Boot\": {\"BootSourceOverrideTarget\":"
                + " \"Moon\"}}").status()).isEqualTo(400);
        assertThat(bmc.system("2").indicatorLed()).isEqualTo("Off");
        assertThat(bmc.system("2").powerState()).isEqualTo("Off");

        Http.Response ok = Http.patch(bmc, sys, "{\"IndicatorLED\": \"Lit\", \"Boot\": {\"BootSourceOverrideTarget\":"
                + " \"Cd\", \"BootSourceOverrideEnabled\": \"Once\"}}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("Boot").get("BootSourceOverrideTarget").asText()).isEqualTo("Cd");
        assertThat(bmc.system("2").indicatorLed()).isEqualTo("Lit");
        assertThat(bmc.system("2").bootSourceOverrideTarget()).isEqualTo("Cd");
        assertThat(bmc.system("2").bootSourceOverrideEnabled()).isEqualTo("Once");
        assertThat(bmc.system("2").bootSourceOverrideMode()).isEqualTo("UEFI");
    }

    @Test
    void patchWithAStaleEtagIsRefused() {
        String sys = bmc.systemPath("3");
        Http.Response read = Http.get(bmc, sys);
        String etag = read.header("ETag");
        assertThat(etag).startsWith("W/\"");
        bmc.system("3").setPowerState("On"); // someone else changed the system since our read
        Http.Response stale = Http.send(Http.request(bmc, sys).header("Authorization", Http.BASIC)
                .header("If-Match", etag).method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"IndicatorLED\": \"Blinking\"}")).build());
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.messageId()).isEqualTo("Base.1.16.PreconditionFailed");
        String fresh = Http.get(bmc, sys).header("ETag");
        Http.Response ok = Http.send(Http.request(bmc, sys).header("Authorization", Http.BASIC)
                .header("If-Match", fresh).method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"IndicatorLED\": \"Blinking\"}")).build());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(bmc.system("3").indicatorLed()).isEqualTo("Blinking");
    }

    @Test
    void resetActionChecksResetType() {
        String target = bmc.systemPath("4") + "/Actions/ComputerSystem.Reset";
        Http.Response missing = Http.post(bmc, target, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.messageId()).isEqualTo("Base.1.16.ActionParameterMissing");
        Http.Response bad = Http.post(bmc, target, "{\"ResetType\": \"PowerCycle\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.messageId()).isEqualTo("Base.1.16.ActionParameterValueNotInList");
        assertThat(bmc.system("4").resets()).isEmpty();

        assertThat(Http.post(bmc, target, "{\"ResetType\": \"PushPowerButton\"}").status()).isEqualTo(204);
        assertThat(bmc.system("4").powerState()).isEqualTo("On");
        assertThat(Http.post(bmc, target, "{\"ResetType\": \"Nmi\"}").status()).isEqualTo(204);
        assertThat(Http.post(bmc, target, "{\"ResetType\": \"GracefulShutdown\"}").status()).isEqualTo(204);
        assertThat(bmc.system("4").powerState()).isEqualTo("Off");
        assertThat(Http.post(bmc, target, "{\"ResetType\": \"GracefulRestart\"}").status()).isEqualTo(204);
        assertThat(bmc.system("4").powerState()).as("a graceful restart needs a running OS").isEqualTo("Off");
        assertThat(bmc.system("4").resets()).containsExactly("PushPowerButton", "Nmi", "GracefulShutdown",
                "GracefulRestart");
    }

    @Test
    void biosSettingsPatchIsCheckedAgainstTheRegistry() {
        String settings = bmc.systemPath("1") + "/Bios/Settings";
        assertThat(Http.patch(bmc, settings, "{\"Attributes\": {\"Frobnicate\": \"Enabled\"}}").messageId())
                .isEqualTo("Base.1.16.PropertyUnknown");
        assertThat(Http.patch(bmc, settings, "{\"Attributes\": {\"SystemModelName\": \"x\"}}").messageId())
                .isEqualTo("Base.1.16.PropertyNotWritable");
        assertThat(Http.patch(bmc, settings, "{\"Attributes\": {\"PxeRetries\": 11}}").messageId())
                .isEqualTo("Base.1.16.PropertyValueOutOfRange");
        assertThat(Http.patch(bmc, settings, "{\"Attributes\": {\"PxeRetries\": \"5\"}}").messageId())
                .isEqualTo("Base.1.16.PropertyValueTypeError");
        assertThat(Http.patch(bmc, settings, "{\"Attributes\": {\"BootMode\": \"Uefi\", \"EmbSata\": \"Nvme\"}}")
                .messageId()).isEqualTo("Base.1.16.PropertyValueNotInList");
        assertThat(Http.patch(bmc, settings, "{\"Settings\": {}}").messageId())
                .isEqualTo("Base.1.16.PropertyUnknown");
        assertThat(bmc.system("1").pendingBiosAttributes()).isEmpty();

        Http.Response ok = Http.patch(bmc, settings, "{\"Attributes\": {\"BootMode\": \"Bios\"}}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("Attributes").get("BootMode").asText()).isEqualTo("Bios");
        assertThat(bmc.system("1").pendingBiosAttributes()).containsEntry("BootMode", "Bios");
        JsonNode bios = Http.get(bmc, bmc.systemPath("1") + "/Bios").body();
        assertThat(bios.get("Attributes").get("BootMode").asText()).isEqualTo("Uefi");
        assertThat(bios.get("@Redfish.Settings").get("SettingsObject").get("@odata.id").asText())
                .isEqualTo(settings);
        assertThat(bios.get("AttributeRegistry").asText()).isEqualTo("BiosAttributeRegistry.v1_0_0");
        bmc.system("1").setPowerState("On");
        assertThat(bmc.system("1").pendingBiosAttributes()).as("only a reset boots the machine").isNotEmpty();
        assertThat(Http.post(bmc, bmc.systemPath("1") + "/Actions/ComputerSystem.Reset",
                "{\"ResetType\": \"ForceRestart\"}").status()).isEqualTo(204);
        assertThat(bmc.system("1").biosAttributes()).containsEntry("BootMode", "Bios");
        assertThat(bmc.system("1").pendingBiosAttributes()).isEmpty();
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        String response = Http.raw(bmc, "GET /redfish/v1/Systems/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + Http.BASIC + "\r\nConnection: close\r\n\r\n");
        // Http.raw returns only once the server has closed the socket
        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(response.toLowerCase()).contains("connection: close");
        assertThat(response).contains("\"Id\":\"1\"");
    }

    @Test
    void managersAndChassisFollowTheirSystem() {
        JsonNode managers = Http.get(bmc, "/redfish/v1/Managers").body();
        assertThat(managers.get("Members@odata.count").asInt()).isEqualTo(4);
        JsonNode manager = Http.get(bmc, "/redfish/v1/Managers/2").body();
        assertThat(manager.get("ManagerType").asText()).isEqualTo("BMC");
        assertThat(manager.get("Links").get("ManagerForServers").get(0).get("@odata.id").asText())
                .isEqualTo("/redfish/v1/Systems/2");
        Http.Response vm = Http.get(bmc, "/redfish/v1/Managers/2/VirtualMedia/Floppy");
        assertThat(vm.body().get("Inserted").asBoolean()).isFalse();
        assertThat(Http.post(bmc, "/redfish/v1/Managers/2/VirtualMedia/Floppy/Actions/VirtualMedia.InsertMedia",
                "{}").messageId()).isEqualTo("Base.1.16.ActionParameterMissing");
        assertThat(Http.post(bmc, "/redfish/v1/Managers/2/VirtualMedia/Floppy/Actions/VirtualMedia.InsertMedia",
                "{\"Image\": \"http://10.0.0.1/config.img\"}").status()).isEqualTo(204);
        assertThat(bmc.system("2").virtualMediaImage("Floppy")).isEqualTo("http://10.0.0.1/config.img");
        assertThat(bmc.system("2").virtualMediaImage("Cd")).isNull();

        bmc.system("4").setPowerState("On");
        JsonNode chassis = Http.get(bmc, "/redfish/v1/Chassis/4").body();
        assertThat(chassis.get("PowerState").asText()).isEqualTo("On");
        assertThat(chassis.get("Links").get("ComputerSystems").get(0).get("@odata.id").asText())
                .isEqualTo("/redfish/v1/Systems/4");
        bmc.system("4").setPowerState("Off");
    }

    @Test
    void requestsAreCountedPerEmulatorAndPerSystem() {
        long before = bmc.requests();
        long system = bmc.system("3").requests();
        Http.get(bmc, "/redfish/v1/Systems/3");
        Http.get(bmc, "/redfish/v1/Managers/3");
        Http.get(bmc, "/redfish/v1/");
        assertThat(bmc.requests()).isGreaterThanOrEqualTo(before + 3);
        assertThat(bmc.system("3").requests()).isEqualTo(system + 2);
    }

    @Test
    void macsAndUuidsAreDeterministicAndUnique() {
        try (RedfishEmulator a = RedfishEmulator.builder().systems(10_000).start();
             RedfishEmulator b = RedfishEmulator.builder().systems(10_000).macOffset(10_000).start();
             RedfishEmulator again = RedfishEmulator.builder().systems(3).start()) {
            Set<String> macs = new HashSet<>();
            Set<String> uuids = new HashSet<>();
            for (RedfishEmulator e : List.of(a, b)) {
                for (EmulatedSystem s : e.systems()) {
                    macs.addAll(s.macAddresses());
                    uuids.add(s.uuid().toString());
                }
            }
            assertThat(macs).hasSize(40_000).allMatch(m -> m.matches("52:54:00(:[0-9a-f]{2}){3}"));
            assertThat(uuids).hasSize(20_000);
            assertThat(a.system("1").macAddresses()).containsExactly("52:54:00:00:00:00", "52:54:00:00:00:01")
                    .isEqualTo(again.system("1").macAddresses());
            assertThat(a.system("2").uuid()).isEqualTo(again.system("2").uuid());
        }
    }

    @Test
    void builderRefusesBadSettings() {
        assertThatThrownBy(() -> RedfishEmulator.builder().systemIds(List.of("a/b")).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a/b");
        assertThatThrownBy(() -> RedfishEmulator.builder().systemIds(List.of("x", "x")).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> RedfishEmulator.builder().powerState("Standby"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bmc.system("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> bmc.system("1").setPowerState("Sleeping"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
