# Drives a Redfish BMC with Debian's python3-sushy (the library Ironic's redfish driver uses) and checks what
# sushy reads back. Usage: sushy_drive.py BASE_URL SYSTEM_PATH. Prints "ok" last when every check passed.
import sys
import sushy

base, system_path = sys.argv[1], sys.argv[2]
root = sushy.Sushy(base + '/redfish/v1', verify=False,
                   auth=sushy.auth.SessionAuth(username='admin', password='password'))
s = root.get_system(system_path)
assert s.power_state == sushy.SYSTEM_POWER_STATE_OFF, s.power_state
s.reset_system(sushy.RESET_ON)
s.refresh()
assert s.power_state == sushy.SYSTEM_POWER_STATE_ON, s.power_state
assert sushy.RESET_FORCE_RESTART in s.get_allowed_reset_system_values()
s.set_system_boot_options(sushy.BOOT_SOURCE_TARGET_PXE, enabled=sushy.BOOT_SOURCE_ENABLED_ONCE,
                          mode=sushy.BOOT_SOURCE_MODE_UEFI)
s.refresh()
assert (s.boot.target, s.boot.enabled, s.boot.mode) == (sushy.BOOT_SOURCE_TARGET_PXE, sushy.BOOT_SOURCE_ENABLED_ONCE,
                                                          sushy.BOOT_SOURCE_MODE_UEFI), s.boot
assert s.processors.summary.count == 8, s.processors.summary
assert s.processors.summary.architecture == sushy.PROCESSOR_ARCH_x86
assert s.memory_summary.size_gib == 16
assert len(s.ethernet_interfaces.summary) == 2
assert s.simple_storage.disks_sizes_bytes == [100 * 2 ** 30]
assert s.storage.drives_sizes_bytes == [100 * 2 ** 30]
bios = s.bios
assert bios.attributes['ProcTurboMode'] == 'Enabled'
bios.set_attributes({'ProcTurboMode': 'Disabled'})
s.set_indicator_led(sushy.INDICATOR_LED_BLINKING)
s.reset_system(sushy.RESET_FORCE_RESTART)  # pending BIOS settings apply on the next boot
bios.refresh()
assert bios.attributes['ProcTurboMode'] == 'Disabled', bios.attributes
manager = root.get_manager('/redfish/v1/Managers/BMC')
cd = manager.virtual_media.get_member('/redfish/v1/Managers/BMC/VirtualMedia/Cd')
cd.insert_media('http://127.0.0.1/boot.iso')
cd.refresh()
assert cd.inserted and cd.image == 'http://127.0.0.1/boot.iso'
assert [c.identity for c in root.get_chassis_collection().get_members()]
assert root.get_session_service().sessions.members_identities
print('ok')
