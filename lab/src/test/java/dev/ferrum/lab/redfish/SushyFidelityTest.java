package dev.ferrum.lab.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Debian's sushy (what Ironic's redfish drivers use) reads and drives the emulator; we assert on its state. */
class SushyFidelityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RedfishEmulator bmc;

    @BeforeAll
    static void start() {
        bmc = RedfishEmulator.builder()
                .systemIds(List.of("node-a", "node-b", "node-c", "node-d", "node-e", "node-f", "node-g"))
                .credentials("admin", "password").cpus(24).memoryMib(65536).localDiskGib(480).start();
    }

    @AfterAll
    static void stop() {
        bmc.close();
    }

    private static JsonNode sushyJson(String script) throws Exception {
        return JSON.readTree(Tools.sushy(bmc, script));
    }

    @Test
    void getSystemShowsPowerBootHardwareAndLinks() throws Exception {
        EmulatedSystem s = bmc.system("node-a");
        JsonNode out = sushyJson("""
                s = connect()
                sys_ = s.get_system('%s')
                print(json.dumps({'id': sys_.identity, 'uuid': sys_.uuid, 'power': str(sys_.power_state.value),
                    'target': sys_.boot.target.value, 'enabled': sys_.boot.enabled.value,
                    'mode': sys_.boot.mode.value, 'led': sys_.indicator_led.value,
                    'allowed': sorted(v.value for v in sys_.get_allowed_system_boot_source_values()),
                    'resets': sorted(v.value for v in sys_.get_allowed_reset_system_values()),
                    'cpus': sys_.processors.summary.count,
                    'arch': sys_.processors.summary.architecture.value,
                    'cpu_members': [(p.instruction_set.value, p.total_cores, p.total_threads)
                                    for p in sys_.processors.get_members()],
                    'memory_gib': sys_.memory_summary.size_gib,
                    'dimms_mib': sum(s._conn.get(m['@odata.id']).json()['CapacityMiB'] for m in
                                     s._conn.get(sys_.json['Memory']['@odata.id']).json()['Members']),
                    'macs': sorted(sys_.ethernet_interfaces.summary),
                    'drives': [d.capacity_bytes for st in sys_.storage.get_members() for d in st.drives],
                    'simple': sys_.simple_storage.disks_sizes_bytes,
                    'managers': [m.identity for m in sys_.managers],
                    'chassis': [(c.identity, c.power_state.value) for c in sys_.chassis],
                    'systems': sorted(m.identity for m in s.get_system_collection().get_members())}))
                """.formatted(bmc.systemPath("node-a")));
        assertThat(out.get("id").asText()).isEqualTo("node-a");
        assertThat(out.get("uuid").asText()).isEqualTo(s.uuid().toString());
        assertThat(out.get("power").asText()).isEqualTo("Off").isEqualTo(s.powerState());
        assertThat(out.get("target").asText()).isEqualTo("None");
        assertThat(out.get("enabled").asText()).isEqualTo("Disabled");
        assertThat(out.get("mode").asText()).isEqualTo("UEFI");
        assertThat(out.get("led").asText()).isEqualTo("Off");
        assertThat(texts(out.get("allowed"))).contains("Pxe", "Hdd", "Cd", "BiosSetup", "UefiHttp");
        assertThat(texts(out.get("resets"))).containsExactlyInAnyOrder("On", "ForceOff", "GracefulShutdown",
                "GracefulRestart", "ForceRestart", "Nmi", "ForceOn", "PushPowerButton");
        assertThat(out.get("cpus").asInt()).isEqualTo(24).isEqualTo(s.cpus());
        assertThat(out.get("arch").asText()).isEqualTo("x86");
        assertThat(out.get("cpu_members").toString()).isEqualTo("[[\"x86-64\",6,12],[\"x86-64\",6,12]]");
        assertThat(out.get("memory_gib").asInt()).isEqualTo(64);
        assertThat(out.get("dimms_mib").asInt()).isEqualTo(65536).isEqualTo(s.memoryMib());
        assertThat(texts(out.get("macs"))).containsExactlyElementsOf(s.macAddresses());
        assertThat(out.get("drives").get(0).asLong()).isEqualTo(480L << 30);
        assertThat(out.get("simple").get(0).asLong()).isEqualTo(480L << 30);
        assertThat(texts(out.get("managers"))).containsExactly("node-a");
        assertThat(out.get("chassis").toString()).isEqualTo("[[\"node-a\",\"Off\"]]");
        assertThat(texts(out.get("systems"))).hasSize(7).contains("node-a", "node-g");
    }

    @Test
    void resetSystemChangesPowerAndIsRecorded() {
        EmulatedSystem s = bmc.system("node-b");
        Tools.sushy(bmc, """
                sys_ = connect().get_system('%s')
                sys_.reset_system(sushy.ResetType.ON)
                sys_.refresh()
                assert sys_.power_state == sushy.PowerState.ON, sys_.power_state
                sys_.reset_system(sushy.ResetType.FORCE_RESTART)
                sys_.reset_system(sushy.ResetType.FORCE_OFF)
                sys_.refresh()
                assert sys_.power_state == sushy.PowerState.OFF, sys_.power_state
                """.formatted(bmc.systemPath("node-b")));
        assertThat(s.resets()).containsExactly("On", "ForceRestart", "ForceOff");
        assertThat(s.powerState()).isEqualTo("Off");

        s.setPowerState("On");
        String seen = Tools.sushy(bmc, "print(connect().get_system('%s').power_state.value)"
                .formatted(bmc.systemPath("node-b")));
        assertThat(seen).isEqualTo("On");
    }

    @Test
    void bootOptionsAndIndicatorLedArePatched() {
        EmulatedSystem s = bmc.system("node-c");
        Tools.sushy(bmc, """
                sys_ = connect().get_system('%s')
                sys_.set_system_boot_options(sushy.BootSource.PXE,
                    enabled=sushy.BootSourceOverrideEnabled.CONTINUOUS, mode=sushy.BootSourceOverrideMode.LEGACY)
                """.formatted(bmc.systemPath("node-c")));
        assertThat(s.bootSourceOverrideTarget()).isEqualTo("Pxe");
        assertThat(s.bootSourceOverrideEnabled()).isEqualTo("Continuous");
        assertThat(s.bootSourceOverrideMode()).isEqualTo("Legacy");

        String out = Tools.sushy(bmc, """
                sys_ = connect().get_system('%s')
                sys_.set_system_boot_source(sushy.BootSource.HDD, mode=sushy.BootSourceOverrideMode.UEFI)
                sys_.set_indicator_led(sushy.IndicatorLED.BLINKING)
                sys_.refresh()
                print(sys_.boot.target.value, sys_.boot.enabled.value, sys_.indicator_led.value)
                """.formatted(bmc.systemPath("node-c")));
        assertThat(out).isEqualTo("Hdd Once Blinking");
        assertThat(s.bootSourceOverrideTarget()).isEqualTo("Hdd");
        assertThat(s.bootSourceOverrideEnabled()).isEqualTo("Once");
        assertThat(s.bootSourceOverrideMode()).isEqualTo("UEFI");
        assertThat(s.indicatorLed()).isEqualTo("Blinking");
    }

    @Test
    void biosSettingsArePendingUntilTheNextBootAndResetBiosRestoresDefaults() throws Exception {
        EmulatedSystem s = bmc.system("node-d");
        Map<String, Object> defaults = s.biosAttributes();
        JsonNode out = sushyJson("""
                bios = connect().get_system('%s').bios
                before = bios.attributes
                bios.set_attributes({'ProcTurboMode': 'Disabled', 'PxeRetries': 5, 'NumLock': False})
                bios.refresh()
                print(json.dumps({'before': before, 'after': bios.attributes, 'pending': bios.pending_attributes,
                                  'apply_times': [str(t.value) for t in bios.supported_apply_times]}))
                """.formatted(bmc.systemPath("node-d")));
        assertThat(out.get("before").get("ProcTurboMode").asText()).isEqualTo("Enabled");
        assertThat(out.get("after")).isEqualTo(out.get("before"));
        assertThat(out.get("pending").toString()).isEqualTo(
                "{\"ProcTurboMode\":\"Disabled\",\"PxeRetries\":5,\"NumLock\":false}");
        assertThat(texts(out.get("apply_times"))).containsExactly("OnReset");
        assertThat(s.pendingBiosAttributes()).containsEntry("PxeRetries", 5).containsEntry("NumLock", false);
        assertThat(s.biosAttributes()).isEqualTo(defaults);

        Tools.sushy(bmc, "connect().get_system('%s').reset_system(sushy.ResetType.ON)"
                .formatted(bmc.systemPath("node-d")));
        assertThat(s.pendingBiosAttributes()).isEmpty();
        assertThat(s.biosAttributes()).containsEntry("ProcTurboMode", "Disabled").containsEntry("PxeRetries", 5)
                .containsEntry("NumLock", false).containsEntry("BootMode", "Uefi");

        String after = Tools.sushy(bmc, """
                bios = connect().get_system('%s').bios
                bios.reset_bios()
                bios.refresh()
                print(bios.attributes['ProcTurboMode'], bios.attributes['PxeRetries'])
                """.formatted(bmc.systemPath("node-d")));
        assertThat(after).isEqualTo("Enabled 3");
        assertThat(s.biosAttributes()).isEqualTo(defaults);
    }

    @Test
    void invalidBiosValueIsABadRequestWithARedfishMessage() {
        String out = Tools.sushy(bmc, """
                bios = connect().get_system('%s').bios
                try:
                    bios.set_attributes({'ProcTurboMode': 'Maybe'})
                    print('accepted')
                except sushy.exceptions.BadRequestError as e:
                    print(e.status_code, e.code, e.detail)
                """.formatted(bmc.systemPath("node-e")));
        assertThat(out).startsWith("400 Base.1.16.PropertyValueNotInList")
                .contains("Maybe", "Attributes/ProcTurboMode");
        assertThat(bmc.system("node-e").pendingBiosAttributes()).isEmpty();
    }

    /**
     * Bios.get_attribute_registry() needs sushy's packaged standard registries, which Debian's python3-sushy
     * 4.3.3 does not ship (standard_registries/ is missing), so the script loads our registry file the way
     * sushy's registry lookup does: MessageRegistryFile -> Location -> AttributeRegistry.
     */
    @Test
    void biosAttributeRegistryListsTypesAllowedValuesAndReadOnly() throws Exception {
        JsonNode out = sushyJson("""
                from sushy.resources.registry import message_registry_file as mrf
                s = connect()
                bios = s.get_system('%s').bios
                files = mrf.MessageRegistryFileCollection(s._conn, s._registries_path).get_members()
                f = [f for f in files if bios._attribute_registry in (f.identity, f.registry)][0]
                reg = f.get_attribute_registry('en', None)
                print(json.dumps({'id': reg.identity, 'attrs': {a.name: {'type': a.attribute_type,
                    'ro': a.read_only, 'values': [v['ValueName'] for v in (a.allowable_values or [])],
                    'lower': a.lower_bound, 'upper': a.upper_bound} for a in reg.registry_entries.attributes}}))
                """.formatted(bmc.systemPath("node-e")));
        assertThat(out.get("id").asText()).isEqualTo("BiosAttributeRegistry.v1_0_0");
        JsonNode attrs = out.get("attrs");
        assertThat(attrs.get("ProcTurboMode").get("type").asText()).isEqualTo("Enumeration");
        assertThat(texts(attrs.get("ProcTurboMode").get("values"))).containsExactly("Enabled", "Disabled");
        assertThat(attrs.get("PxeRetries").get("type").asText()).isEqualTo("Integer");
        assertThat(attrs.get("PxeRetries").get("upper").asInt()).isEqualTo(10);
        assertThat(attrs.get("SystemModelName").get("ro").asBoolean()).isTrue();
        assertThat(attrs.get("BootMode").get("ro").asBoolean()).isFalse();
        List<String> names = bmc.system("node-e").biosAttributes().keySet().stream().toList();
        assertThat(names).allSatisfy(n -> assertThat(attrs.has(n)).as(n).isTrue());
    }

    @Test
    void virtualMediaInsertAndEjectThroughTheSystemsManager() {
        EmulatedSystem s = bmc.system("node-f");
        String out = Tools.sushy(bmc, """
                sys_ = connect().get_system('%s')
                vms = sys_.managers[0].virtual_media
                print(sorted(v.identity for v in vms.get_members()))
                cd = [v for v in vms.get_members() if sushy.VirtualMediaType.CD in v.media_types][0]
                cd.insert_media('http://10.0.0.1/deploy.iso')
                cd.refresh()
                print(cd.inserted, cd.image)
                """.formatted(bmc.systemPath("node-f")));
        assertThat(out).isEqualTo("['Cd', 'Floppy']\nTrue http://10.0.0.1/deploy.iso");
        assertThat(s.virtualMediaImage("Cd")).isEqualTo("http://10.0.0.1/deploy.iso");
        assertThat(bmc.system("node-e").virtualMediaImage("Cd")).isNull();

        String ejected = Tools.sushy(bmc, """
                cd = connect().get_system('%s').managers[0].virtual_media.get_member(
                    '/redfish/v1/Managers/node-f/VirtualMedia/Cd')
                cd.eject_media()
                cd.refresh()
                print(cd.inserted, cd.image)
                """.formatted(bmc.systemPath("node-f")));
        assertThat(ejected).isEqualTo("False None");
        assertThat(s.virtualMediaImage("Cd")).isNull();
    }

    @Test
    void sushyLogsInWithASessionAndDeletesItOnExit() {
        int peakBefore = bmc.peakSessions();
        String out = Tools.sushy(bmc, """
                s = connect()
                auth = s._auth
                print(type(auth).__name__, auth.get_session_key() is not None,
                      auth.get_session_resource_id(), len(s.get_session_service().sessions.get_members()))
                s.get_system('%s').power_state
                auth.close()
                """.formatted(bmc.systemPath("node-g")));
        assertThat(out).matches("SessionOrBasicAuth True /redfish/v1/SessionService/Sessions/\\d+ \\d+");
        assertThat(bmc.peakSessions()).isGreaterThanOrEqualTo(Math.max(1, peakBefore));
        await().atMost(Duration.ofSeconds(10)).until(() -> bmc.activeSessions() == 0);
    }

    @Test
    void wrongPasswordIsAnAccessError() {
        String out = Tools.sushy(bmc, "admin", "wrong", """
                try:
                    connect().get_system('%s').power_state
                    print('accepted')
                except sushy.exceptions.AccessError as e:
                    print(e.status_code)
                """.formatted(bmc.systemPath("node-g")));
        assertThat(out).isEqualTo("401");
    }

    @Test
    void sushyTalksTlsToAnEmulatorWithASelfSignedCertificate() {
        try (RedfishEmulator tls = RedfishEmulator.builder().systems(2).tls(true).powerState("On").start()) {
            assertThat(tls.address()).startsWith("https://127.0.0.1:");
            String out = Tools.sushy(tls, """
                    sys_ = connect().get_system('%s')
                    sys_.reset_system(sushy.ResetType.GRACEFUL_SHUTDOWN)
                    sys_.refresh()
                    print(sys_.power_state.value)
                    """.formatted(tls.systemPath("2")));
            assertThat(out).isEqualTo("Off");
            assertThat(tls.system("2").resets()).containsExactly("GracefulShutdown");
            assertThat(tls.system("1").powerState()).isEqualTo("On");
        }
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
