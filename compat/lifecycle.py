#!/usr/bin/python3
"""Deterministic HTTP capture of the provisioning lifecycle of an Ironic-compatible v1 API.

Usage:
    /usr/bin/python3 lifecycle.py BASE_URL OUT_DIR [--normalize]

e.g.
    /usr/bin/python3 lifecycle.py http://127.0.0.1:6386 /tmp/cap/ironic-lifecycle
    /usr/bin/python3 lifecycle.py http://127.0.0.1:6385 /tmp/cap/ferrum-lifecycle
    /usr/bin/python3 compare.py /tmp/cap/ironic-lifecycle /tmp/cap/ferrum-lifecycle --summary

The companion of capture.py (same output format, same normalization, compare.py diffs two captures), for what
capture.py leaves out: PUT /states/provision with every verb, /states/power, /maintenance,
/management/boot_device, /traits, /vifs, /allocations, /deploy_templates, /history, /validate, and their error
cases (unknown verbs, transitions the state machine refuses, old microversions, bad bodies, a locked node).

Flows run on fake-hardware nodes. After each asynchronous request a WAIT step polls GET until the resource is
stable (e.g. provision_state=available, no target_provision_state, no reservation) and records only that final
answer, so the capture does not depend on timing. The server needs compat/ironic.conf.in's settings, in particular
[service_catalog]endpoint_override (the direct deploy interface then reaches "clean wait", the only wait state
fake-hardware can reach, so abort can be exercised) and [fake]vendor_delay=25 (the fake vendor passthru
second_method then holds the node's lock for 25 s: the "locked" steps run inside that window). Start it with an
empty database (compat/start-ironic), like capture.py.
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import capture  # noqa: E402  (same directory; stdlib only)
from capture import S, h, J, LATEST  # noqa: E402

WAIT_TIMEOUT = 60.0
WAIT_INTERVAL = 0.1


def W(label, path, until, **expect):
    """Poll GET path until `until(json, expect)` holds; record the final answer."""
    return dict(label=label, method='GET', path=path, headers=h(LATEST), body=None, raw=None, save={},
                wait=(until, expect))


def node_stable(js, e):
    """True when settled as expected; None (stop waiting) when settled in a failure state nobody expected."""
    if (js.get('provision_state') == e['state'] and js.get('target_provision_state') == e.get('target')
            and js.get('reservation') is None):
        return True
    ps = js.get('provision_state') or ''
    if ps != e['state'] and (ps.endswith(' failed') or ps == 'error') and js.get('reservation') is None:
        return None
    return False


def node_power(js, e):
    return (js.get('power_state') == e['power'] and js.get('target_power_state') is None
            and js.get('reservation') is None)


def node_unlocked(js, e):
    return js.get('reservation') is None


def allocation_done(js, e):
    return js.get('state') == e['state']


def WN(label, var, state, target=None):
    return W(label, '/v1/nodes/${%s}' % var, node_stable, state=state, target=target)


def WP(label, var, power):
    return W(label, '/v1/nodes/${%s}' % var, node_power, power=power)


def PROV(label, var, target, ver=LATEST, **extra):
    body = {'target': target}
    body.update(extra)
    return S(label, 'PUT', '/v1/nodes/${%s}/states/provision' % var, J(ver), body)


def POWER(label, var, target, ver=LATEST, **extra):
    body = {'target': target}
    body.update(extra)
    return S(label, 'PUT', '/v1/nodes/${%s}/states/power' % var, J(ver), body)


def NODE(label, var, **fields):
    body = {'driver': 'fake-hardware'}
    body.update(fields)
    return S(label, 'POST', '/v1/nodes', J(), body, save={var: 'json:uuid'})


def GET(label, path, ver=LATEST):
    return S(label, 'GET', path, h(ver))


MISSING = '11111111-2222-3333-4444-555555555555'
APPLY_BIOS = [{'interface': 'bios', 'step': 'apply_configuration',
               'args': {'settings': [{'name': 'LogicalProc', 'value': 'Enabled'}]}}]
CONFIG_DRIVE = {'meta_data': {'hostname': 'lcy'}, 'user_data': '#!/bin/sh\necho hi\n'}
# what the CLI sends for --config-drive DIR: a gzipped, base64-encoded ISO; the fake deploy never reads it
CONFIG_DRIVE_STRING = 'H4sICNzBYWUAA2NkLmlzbwDtwTEBAAAAwqD1T20MH6AAAAAAAAAAAAAAAAAAAAAAADgbMLsFoQAoAAA='

STEPS = [
    # ------------------------------------------------ full cycle with automated cleaning (node automated_clean)
    NODE('node_a_create', 'nodeA', name='lcy-a', automated_clean=True),
    GET('node_a_states_enroll', '/v1/nodes/${nodeA}/states'),
    GET('node_a_states_1.1', '/v1/nodes/${nodeA}/states', '1.1'),
    PROV('prov_manage', 'nodeA', 'manage'),
    WN('wait_a_manageable', 'nodeA', 'manageable'),
    GET('node_a_states_manageable', '/v1/nodes/${nodeA}/states'),
    PROV('prov_inspect', 'nodeA', 'inspect'),
    WN('wait_a_inspected', 'nodeA', 'manageable'),
    PROV('prov_provide_cleaning', 'nodeA', 'provide'),
    WN('wait_a_available', 'nodeA', 'available'),
    PROV('prov_active_configdrive_dict', 'nodeA', 'active', configdrive=CONFIG_DRIVE),
    WN('wait_a_active', 'nodeA', 'active'),
    GET('node_a_states_active', '/v1/nodes/${nodeA}/states'),
    PROV('prov_active_again', 'nodeA', 'active'),
    PROV('prov_rebuild_configdrive_string', 'nodeA', 'rebuild', configdrive=CONFIG_DRIVE_STRING),
    WN('wait_a_rebuilt', 'nodeA', 'active'),
    PROV('prov_rebuild_deploy_steps', 'nodeA', 'rebuild',
         deploy_steps=[{'interface': 'deploy', 'step': 'deploy', 'args': {}, 'priority': 0}]),
    WN('wait_a_rebuild_no_steps', 'nodeA', 'deploy failed', 'active'),
    PROV('prov_deleted_from_deploy_failed', 'nodeA', 'deleted'),
    WN('wait_a_torn_down', 'nodeA', 'available'),
    PROV('prov_deploy_verb_1.72', 'nodeA', 'deploy', '1.72'),
    PROV('prov_deploy_verb', 'nodeA', 'deploy'),
    WN('wait_a_deployed_verb', 'nodeA', 'active'),
    # MIN_VERB_VERSIONS is keyed by verb ('delete'), but checked with the target: undeploy passes at 1.72
    PROV('prov_undeploy_verb_1.72', 'nodeA', 'undeploy', '1.72'),
    WN('wait_a_undeployed_1.72', 'nodeA', 'available'),
    PROV('prov_deploy_verb_again', 'nodeA', 'deploy'),
    WN('wait_a_deployed_again', 'nodeA', 'active'),
    PROV('prov_undeploy_verb', 'nodeA', 'undeploy'),
    WN('wait_a_undeployed_verb', 'nodeA', 'available'),
    GET('node_a_history_clean', '/v1/nodes/${nodeA}/history'),

    # --------------------------------------- provide without cleaning ([conductor]automated_clean=false)
    NODE('node_b_create', 'nodeB', name='lcy-b'),
    # by name: Location echoes the identifier as given
    S('prov_b_manage_by_name', 'PUT', '/v1/nodes/lcy-b/states/provision', J(), {'target': 'manage'}),
    WN('wait_b_manageable', 'nodeB', 'manageable'),
    PROV('prov_b_provide_no_cleaning', 'nodeB', 'provide'),
    WN('wait_b_available', 'nodeB', 'available'),
    PROV('prov_b_manage_from_available', 'nodeB', 'manage'),
    WN('wait_b_manageable_again', 'nodeB', 'manageable'),
    PROV('prov_b_adopt', 'nodeB', 'adopt'),
    WN('wait_b_adopted', 'nodeB', 'active'),

    # ------------------------------------------------------------------- provision errors
    NODE('node_e_create', 'nodeE', name='lcy-e'),
    PROV('prov_err_bogus_verb', 'nodeE', 'bogus'),
    PROV('prov_err_active_from_enroll', 'nodeE', 'active'),
    PROV('prov_err_deploy_from_enroll', 'nodeE', 'deploy'),
    PROV('prov_err_provide_from_enroll', 'nodeE', 'provide'),
    PROV('prov_err_inspect_from_enroll', 'nodeE', 'inspect'),
    PROV('prov_err_deleted_from_enroll', 'nodeE', 'deleted'),
    PROV('prov_err_abort_from_enroll', 'nodeE', 'abort'),
    PROV('prov_err_enroll_target', 'nodeE', 'enroll'),
    PROV('prov_err_manageable_target', 'nodeE', 'manageable'),
    PROV('prov_err_manage_1.3', 'nodeE', 'manage', '1.3'),
    PROV('prov_err_inspect_1.5', 'nodeE', 'inspect', '1.5'),
    PROV('prov_err_abort_1.12', 'nodeE', 'abort', '1.12'),
    PROV('prov_err_clean_1.14', 'nodeE', 'clean', '1.14', clean_steps=APPLY_BIOS),
    PROV('prov_err_adopt_1.16', 'nodeE', 'adopt', '1.16'),
    PROV('prov_err_rescue_1.37', 'nodeE', 'rescue', '1.37', rescue_password='pw'),
    S('prov_err_no_target', 'PUT', '/v1/nodes/${nodeE}/states/provision', J(), {}),
    S('prov_err_target_int', 'PUT', '/v1/nodes/${nodeE}/states/provision', J(), {'target': 5}),
    S('prov_err_target_null', 'PUT', '/v1/nodes/${nodeE}/states/provision', J(), {'target': None}),
    S('prov_err_not_json', 'PUT', '/v1/nodes/${nodeE}/states/provision', J(), raw='not json'),
    S('prov_err_list_body', 'PUT', '/v1/nodes/${nodeE}/states/provision', J(), ['manage']),
    S('prov_err_unknown_field', 'PUT', '/v1/nodes/${nodeE}/states/provision', J(),
      {'target': 'manage', 'bogus': 1}),
    S('prov_err_missing_node', 'PUT', '/v1/nodes/%s/states/provision' % MISSING, J(), {'target': 'manage'}),
    S('prov_err_get_not_allowed', 'GET', '/v1/nodes/${nodeE}/states/provision', h(LATEST)),
    PROV('prov_err_manage_with_clean_steps', 'nodeE', 'manage', clean_steps=APPLY_BIOS),
    PROV('prov_err_manage_with_rescue_password', 'nodeE', 'manage', rescue_password='pw'),
    PROV('prov_err_manage_with_configdrive', 'nodeE', 'manage', configdrive='abc'),
    PROV('prov_err_manage_with_deploy_steps', 'nodeE', 'manage',
         deploy_steps=[{'interface': 'deploy', 'step': 'deploy', 'args': {}, 'priority': 1}]),
    PROV('prov_err_manage_with_disable_ramdisk', 'nodeE', 'manage', disable_ramdisk=True),
    PROV('prov_e_manage', 'nodeE', 'manage'),
    WN('wait_e_manageable', 'nodeE', 'manageable'),
    PROV('prov_err_clean_without_steps', 'nodeE', 'clean'),
    PROV('prov_err_clean_empty_steps', 'nodeE', 'clean', clean_steps=[]),
    PROV('prov_err_clean_steps_not_list', 'nodeE', 'clean', clean_steps={'interface': 'bios'}),
    PROV('prov_err_clean_step_no_interface', 'nodeE', 'clean', clean_steps=[{'step': 'factory_reset'}]),
    PROV('prov_err_clean_step_bad_interface', 'nodeE', 'clean',
         clean_steps=[{'interface': 'nope', 'step': 'factory_reset'}]),
    PROV('prov_err_clean_step_extra_key', 'nodeE', 'clean',
         clean_steps=[{'interface': 'bios', 'step': 'factory_reset', 'priority': 1}]),
    PROV('prov_err_clean_step_args_not_object', 'nodeE', 'clean',
         clean_steps=[{'interface': 'bios', 'step': 'factory_reset', 'args': []}]),
    PROV('prov_err_rescue_from_manageable', 'nodeE', 'rescue', rescue_password='pw'),
    PROV('prov_err_unrescue_from_manageable', 'nodeE', 'unrescue'),
    PROV('prov_err_abort_from_manageable', 'nodeE', 'abort'),
    PROV('prov_err_rebuild_from_manageable', 'nodeE', 'rebuild'),
    PROV('prov_err_undeploy_from_manageable', 'nodeE', 'undeploy'),
    PROV('prov_err_inspect_bad_configdrive_type', 'nodeE', 'inspect', configdrive=5),
    PROV('prov_e_provide', 'nodeE', 'provide'),
    WN('wait_e_available', 'nodeE', 'available'),
    PROV('prov_err_active_configdrive_int', 'nodeE', 'active', configdrive=5),
    PROV('prov_err_active_configdrive_bad_key', 'nodeE', 'active', configdrive={'bogus': 1}),
    PROV('prov_err_active_deploy_steps_no_priority', 'nodeE', 'active',
         deploy_steps=[{'interface': 'deploy', 'step': 'deploy', 'args': {}}]),
    PROV('prov_err_clean_from_available', 'nodeE', 'clean', clean_steps=APPLY_BIOS),
    PROV('prov_err_abort_from_available', 'nodeE', 'abort'),
    PROV('prov_err_adopt_from_available', 'nodeE', 'adopt'),
    S('maint_e_on', 'PUT', '/v1/nodes/${nodeE}/maintenance', J(), {'reason': 'lcy'}),
    PROV('prov_err_active_in_maintenance', 'nodeE', 'active'),
    PROV('prov_manage_in_maintenance', 'nodeE', 'manage'),
    WN('wait_e_manageable_in_maintenance', 'nodeE', 'manageable'),
    S('maint_e_off', 'DELETE', '/v1/nodes/${nodeE}/maintenance', h(LATEST)),

    # ------------------------------------------------------------- manual cleaning with fake BIOS steps
    NODE('node_c_create', 'nodeC', name='lcy-c'),
    PROV('prov_c_manage', 'nodeC', 'manage'),
    WN('wait_c_manageable', 'nodeC', 'manageable'),
    PROV('prov_clean_apply_bios', 'nodeC', 'clean', clean_steps=APPLY_BIOS),
    WN('wait_c_cleaned', 'nodeC', 'manageable'),
    GET('node_c_bios', '/v1/nodes/${nodeC}/bios'),
    GET('node_c_bios_setting', '/v1/nodes/${nodeC}/bios/LogicalProc'),
    PROV('prov_clean_factory_reset', 'nodeC', 'clean',
         clean_steps=[{'interface': 'bios', 'step': 'factory_reset'}]),
    WN('wait_c_reset', 'nodeC', 'manageable'),
    GET('node_c_bios_after_reset', '/v1/nodes/${nodeC}/bios'),
    PROV('prov_clean_missing_required_arg', 'nodeC', 'clean',
         clean_steps=[{'interface': 'bios', 'step': 'apply_configuration'}]),
    WN('wait_c_failed_missing_arg', 'nodeC', 'clean failed', 'manageable'),
    PROV('prov_c_manage_after_fail', 'nodeC', 'manage'),
    WN('wait_c_manageable_after_fail', 'nodeC', 'manageable'),
    PROV('prov_clean_unknown_step', 'nodeC', 'clean',
         clean_steps=[{'interface': 'bios', 'step': 'no_such_step'}]),
    WN('wait_c_clean_failed', 'nodeC', 'clean failed', 'manageable'),
    S('node_c_history', 'GET', '/v1/nodes/${nodeC}/history', h(LATEST), save={'eventC': 'json:history'}),
    GET('node_c_history_detail', '/v1/nodes/${nodeC}/history?detail=True'),
    GET('node_c_history_1.77', '/v1/nodes/${nodeC}/history', '1.77'),
    GET('node_c_history_fields', '/v1/nodes/${nodeC}/history?fields=uuid,event'),
    GET('node_c_history_limit', '/v1/nodes/${nodeC}/history?limit=1'),
    GET('node_c_history_event_missing', '/v1/nodes/${nodeC}/history/%s' % MISSING),
    GET('node_c_history_detail_path', '/v1/nodes/${nodeC}/history/detail'),
    PROV('prov_c_manage_keeps_last_error', 'nodeC', 'manage'),
    WN('wait_c_manageable_last_error', 'nodeC', 'manageable'),
    PROV('prov_clean_disable_ramdisk', 'nodeC', 'clean', disable_ramdisk=True,
         clean_steps=[{'interface': 'bios', 'step': 'factory_reset'}]),
    WN('wait_c_clean_disable_ramdisk', 'nodeC', 'clean failed', 'manageable'),

    # --------------------------------------------------------------------------- rescue / unrescue
    NODE('node_r_create', 'nodeR', name='lcy-r'),
    PROV('prov_r_manage', 'nodeR', 'manage'),
    WN('wait_r_manageable', 'nodeR', 'manageable'),
    PROV('prov_r_provide', 'nodeR', 'provide'),
    WN('wait_r_available', 'nodeR', 'available'),
    PROV('prov_r_active', 'nodeR', 'active'),
    WN('wait_r_active', 'nodeR', 'active'),
    PROV('prov_err_rescue_no_password', 'nodeR', 'rescue'),
    PROV('prov_err_rescue_empty_password', 'nodeR', 'rescue', rescue_password=''),
    PROV('prov_err_rescue_password_int', 'nodeR', 'rescue', rescue_password=5),
    PROV('prov_err_active_with_rescue_password', 'nodeR', 'active', rescue_password='pw'),
    PROV('prov_rescue', 'nodeR', 'rescue', rescue_password='s3cret'),
    WN('wait_r_rescue', 'nodeR', 'rescue'),
    PROV('prov_err_rescue_again_no_password', 'nodeR', 'rescue'),
    PROV('prov_unrescue', 'nodeR', 'unrescue'),
    WN('wait_r_unrescued', 'nodeR', 'active'),
    PROV('prov_err_unrescue_from_active', 'nodeR', 'unrescue'),
    PROV('prov_r_rescue_again', 'nodeR', 'rescue', rescue_password='again'),
    WN('wait_r_rescue_again', 'nodeR', 'rescue'),
    PROV('prov_deleted_from_rescue', 'nodeR', 'deleted'),
    WN('wait_r_available_after_rescue', 'nodeR', 'available'),

    # ---------------------------------------------------------- abort from clean wait (direct deploy)
    NODE('node_w_create', 'nodeW', name='lcy-w', deploy_interface='direct', automated_clean=True),
    PROV('prov_w_manage', 'nodeW', 'manage'),
    WN('wait_w_manageable', 'nodeW', 'manageable'),
    PROV('prov_w_provide', 'nodeW', 'provide'),
    WN('wait_w_clean_wait', 'nodeW', 'clean wait', 'available'),
    GET('node_w_states_clean_wait', '/v1/nodes/${nodeW}/states'),
    PROV('prov_err_manage_in_clean_wait', 'nodeW', 'manage'),
    PROV('prov_abort', 'nodeW', 'abort'),
    WN('wait_w_clean_failed', 'nodeW', 'clean failed', 'available'),
    GET('node_w_history_after_abort', '/v1/nodes/${nodeW}/history'),
    PROV('prov_err_abort_from_clean_failed', 'nodeW', 'abort'),
    PROV('prov_w_manage_after_abort', 'nodeW', 'manage'),
    WN('wait_w_manageable_after_abort', 'nodeW', 'manageable'),
    PROV('prov_w_clean_manual', 'nodeW', 'clean',
         clean_steps=[{'interface': 'bios', 'step': 'factory_reset'}]),
    WN('wait_w_manual_clean_wait', 'nodeW', 'clean wait', 'manageable'),
    PROV('prov_abort_manual_clean', 'nodeW', 'abort'),
    WN('wait_w_manual_clean_failed', 'nodeW', 'clean failed', 'manageable'),

    # ------------------------------------------------------------------------ maintenance and power
    NODE('node_p_create', 'nodeP', name='lcy-p'),
    S('maint_on', 'PUT', '/v1/nodes/${nodeP}/maintenance', J(), {'reason': 'disk swap'}),
    GET('node_p_maintenance', '/v1/nodes/${nodeP}?fields=maintenance,maintenance_reason,fault'),
    S('maint_on_no_body', 'PUT', '/v1/nodes/${nodeP}/maintenance', h(LATEST)),
    GET('node_p_maintenance_no_reason', '/v1/nodes/${nodeP}?fields=maintenance,maintenance_reason'),
    S('maint_on_reason_int', 'PUT', '/v1/nodes/${nodeP}/maintenance', J(), {'reason': 5}),
    S('maint_off', 'DELETE', '/v1/nodes/${nodeP}/maintenance', h(LATEST)),
    GET('node_p_maintenance_off', '/v1/nodes/${nodeP}?fields=maintenance,maintenance_reason'),
    S('maint_off_again', 'DELETE', '/v1/nodes/${nodeP}/maintenance', h(LATEST)),
    S('maint_missing_node', 'PUT', '/v1/nodes/%s/maintenance' % MISSING, J(), {'reason': 'x'}),
    POWER('power_on', 'nodeP', 'power on'),
    WP('wait_p_on', 'nodeP', 'power on'),
    GET('node_p_states_on', '/v1/nodes/${nodeP}/states'),
    S('power_on_again_by_name', 'PUT', '/v1/nodes/lcy-p/states/power', J(), {'target': 'power on'}),
    WP('wait_p_on_again', 'nodeP', 'power on'),
    POWER('power_reboot', 'nodeP', 'rebooting'),
    WP('wait_p_rebooted', 'nodeP', 'power on'),
    POWER('power_off_timeout', 'nodeP', 'power off', timeout=10),
    WP('wait_p_off', 'nodeP', 'power off'),
    POWER('power_soft_off', 'nodeP', 'soft power off'),
    WP('wait_p_soft_off', 'nodeP', 'power off'),
    POWER('power_soft_reboot', 'nodeP', 'soft rebooting'),
    WP('wait_p_soft_rebooted', 'nodeP', 'power on'),
    POWER('power_err_bogus', 'nodeP', 'bogus'),
    POWER('power_err_timeout_zero', 'nodeP', 'power off', timeout=0),
    POWER('power_err_timeout_str', 'nodeP', 'power off', timeout='abc'),
    POWER('power_err_timeout_1.26', 'nodeP', 'power off', '1.26', timeout=10),
    POWER('power_err_soft_1.26', 'nodeP', 'soft power off', '1.26'),
    S('power_err_no_target', 'PUT', '/v1/nodes/${nodeP}/states/power', J(), {}),
    S('power_err_not_json', 'PUT', '/v1/nodes/${nodeP}/states/power', J(), raw='{'),
    S('power_err_missing_node', 'PUT', '/v1/nodes/%s/states/power' % MISSING, J(), {'target': 'power on'}),
    POWER('power_off_1.1', 'nodeP', 'power off', '1.1'),
    WP('wait_p_off_1.1', 'nodeP', 'power off'),

    # -------------------------------------------------------------------------------- boot device
    GET('boot_device_get', '/v1/nodes/${nodeP}/management/boot_device'),
    GET('boot_device_supported', '/v1/nodes/${nodeP}/management/boot_device/supported'),
    S('boot_device_set_pxe', 'PUT', '/v1/nodes/${nodeP}/management/boot_device', J(),
      {'boot_device': 'pxe', 'persistent': True}),
    GET('boot_device_get_after', '/v1/nodes/${nodeP}/management/boot_device'),
    S('boot_device_set_cdrom', 'PUT', '/v1/nodes/${nodeP}/management/boot_device', J(),
      {'boot_device': 'cdrom'}),
    S('boot_device_set_bogus', 'PUT', '/v1/nodes/${nodeP}/management/boot_device', J(),
      {'boot_device': 'bogus'}),
    S('boot_device_set_no_device', 'PUT', '/v1/nodes/${nodeP}/management/boot_device', J(), {}),
    S('boot_device_set_persistent_str', 'PUT', '/v1/nodes/${nodeP}/management/boot_device', J(),
      {'boot_device': 'pxe', 'persistent': 'maybe'}),
    GET('boot_device_missing_node', '/v1/nodes/%s/management/boot_device' % MISSING),
    GET('management_root', '/v1/nodes/${nodeP}/management'),

    # ------------------------------------------------------------------------------------ traits
    GET('traits_empty', '/v1/nodes/${nodeP}/traits'),
    S('traits_put', 'PUT', '/v1/nodes/${nodeP}/traits', J(), {'traits': ['CUSTOM_GPU', 'HW_CPU_X86_AVX2']}),
    GET('traits_list', '/v1/nodes/${nodeP}/traits'),
    S('traits_put_one', 'PUT', '/v1/nodes/${nodeP}/traits/CUSTOM_FPGA', h(LATEST)),
    S('traits_put_one_again', 'PUT', '/v1/nodes/${nodeP}/traits/CUSTOM_FPGA', h(LATEST)),
    S('traits_put_one_bad', 'PUT', '/v1/nodes/${nodeP}/traits/lowercase_bad', h(LATEST)),
    S('traits_put_bad', 'PUT', '/v1/nodes/${nodeP}/traits', J(), {'traits': ['lowercase_bad']}),
    S('traits_put_not_list', 'PUT', '/v1/nodes/${nodeP}/traits', J(), {'traits': 'CUSTOM_X'}),
    S('traits_put_no_key', 'PUT', '/v1/nodes/${nodeP}/traits', J(), {}),
    S('traits_delete_one', 'DELETE', '/v1/nodes/${nodeP}/traits/CUSTOM_GPU', h(LATEST)),
    S('traits_delete_missing', 'DELETE', '/v1/nodes/${nodeP}/traits/CUSTOM_NOPE', h(LATEST)),
    GET('traits_after_delete', '/v1/nodes/${nodeP}/traits'),
    GET('traits_1.36', '/v1/nodes/${nodeP}/traits', '1.36'),
    S('traits_delete_all', 'DELETE', '/v1/nodes/${nodeP}/traits', h(LATEST)),
    GET('traits_after_delete_all', '/v1/nodes/${nodeP}/traits'),

    # -------------------------------------------------------------------- VIFs (noop network interface)
    S('port_p_create', 'POST', '/v1/ports', J(), {'address': '52:54:00:4c:59:01', 'node_uuid': '${nodeP}'},
      save={'portP': 'json:uuid'}),
    GET('vifs_empty', '/v1/nodes/${nodeP}/vifs'),
    S('vif_attach', 'POST', '/v1/nodes/${nodeP}/vifs', J(), {'id': '1c7c0b1e-0000-4000-8000-00000000000a'}),
    GET('vifs_after_attach', '/v1/nodes/${nodeP}/vifs'),
    S('vif_attach_port_uuid', 'POST', '/v1/nodes/${nodeP}/vifs', J(),
      {'id': '1c7c0b1e-0000-4000-8000-00000000000b', 'port_uuid': '${portP}'}),
    S('vif_attach_port_and_portgroup', 'POST', '/v1/nodes/${nodeP}/vifs', J(),
      {'id': '1c7c0b1e-0000-4000-8000-00000000000c', 'port_uuid': '${portP}', 'portgroup_uuid': MISSING}),
    S('vif_attach_no_id', 'POST', '/v1/nodes/${nodeP}/vifs', J(), {}),
    S('vif_attach_id_int', 'POST', '/v1/nodes/${nodeP}/vifs', J(), {'id': 5}),
    S('vif_attach_name_id', 'POST', '/v1/nodes/${nodeP}/vifs', J(), {'id': 'not-a-uuid'}),
    S('vif_attach_1.27', 'POST', '/v1/nodes/${nodeP}/vifs', J('1.27'), {'id': '1c7c0b1e-0000-4000-8000-00000000000a'}),
    GET('vifs_1.27', '/v1/nodes/${nodeP}/vifs', '1.27'),
    S('vif_detach', 'DELETE', '/v1/nodes/${nodeP}/vifs/1c7c0b1e-0000-4000-8000-00000000000a', h(LATEST)),
    S('vif_detach_again', 'DELETE', '/v1/nodes/${nodeP}/vifs/1c7c0b1e-0000-4000-8000-00000000000a', h(LATEST)),
    S('vif_missing_node', 'POST', '/v1/nodes/%s/vifs' % MISSING, J(), {'id': '1c7c0b1e-0000-4000-8000-00000000000a'}),

    # --------------------------------------------------------------------------------- validate
    GET('validate_fake', '/v1/nodes/${nodeP}/validate'),
    GET('validate_fake_1.1', '/v1/nodes/${nodeP}/validate', '1.1'),
    NODE('node_v_create', 'nodeV', name='lcy-v', deploy_interface='direct', rescue_interface='no-rescue'),
    GET('validate_direct_no_rescue', '/v1/nodes/${nodeV}/validate'),
    GET('validate_by_name', '/v1/nodes/lcy-v/validate'),
    GET('validate_missing_node', '/v1/nodes/%s/validate' % MISSING),
    NODE('node_i_create', 'nodeI', name='lcy-i', driver='ipmi'),
    GET('validate_ipmi_no_driver_info', '/v1/nodes/${nodeI}/validate'),

    # ------------------------------------------------------------------------------- allocations
    NODE('node_k_create', 'nodeK', name='lcy-k', resource_class='lcy-gold'),
    PROV('prov_k_manage', 'nodeK', 'manage'),
    WN('wait_k_manageable', 'nodeK', 'manageable'),
    PROV('prov_k_provide', 'nodeK', 'provide'),
    WN('wait_k_available', 'nodeK', 'available'),
    S('traits_k_put', 'PUT', '/v1/nodes/${nodeK}/traits/CUSTOM_LCY', h(LATEST)),
    S('alloc_before_power_state', 'POST', '/v1/allocations', J(),
      {'resource_class': 'lcy-gold', 'name': 'lcy-alloc-nopower'}, save={'allocNoPower': 'json:uuid'}),
    W('wait_alloc_nopower_error', '/v1/allocations/${allocNoPower}', allocation_done, state='error'),
    POWER('power_k_off', 'nodeK', 'power off'),
    WP('wait_k_off', 'nodeK', 'power off'),
    S('alloc_create', 'POST', '/v1/allocations', J(),
      {'resource_class': 'lcy-gold', 'traits': ['CUSTOM_LCY'], 'name': 'lcy-alloc', 'extra': {'k': 'v'}},
      save={'alloc1': 'json:uuid'}),
    W('wait_alloc_active', '/v1/allocations/${alloc1}', allocation_done, state='active'),
    GET('node_k_allocated', '/v1/nodes/${nodeK}'),
    GET('node_k_allocation', '/v1/nodes/${nodeK}/allocation'),
    GET('alloc_by_name', '/v1/allocations/lcy-alloc'),
    GET('alloc_list_node', '/v1/allocations?node=${nodeK}'),
    GET('alloc_list_state', '/v1/allocations?state=active&fields=uuid,state'),
    GET('alloc_list_1.51', '/v1/allocations', '1.51'),
    S('alloc_no_candidate', 'POST', '/v1/allocations', J(), {'resource_class': 'lcy-gold', 'name': 'lcy-none'},
      save={'alloc2': 'json:uuid'}),
    W('wait_alloc_error', '/v1/allocations/${alloc2}', allocation_done, state='error'),
    S('alloc_trait_mismatch', 'POST', '/v1/allocations', J(),
      {'resource_class': 'lcy-gold', 'traits': ['CUSTOM_NOPE']}, save={'alloc3': 'json:uuid'}),
    W('wait_alloc_trait_error', '/v1/allocations/${alloc3}', allocation_done, state='error'),
    S('alloc_err_dup_name', 'POST', '/v1/allocations', J(), {'resource_class': 'lcy-gold', 'name': 'lcy-alloc'}),
    S('alloc_err_no_rc', 'POST', '/v1/allocations', J(), {'name': 'lcy-norc'}),
    S('alloc_err_bad_trait', 'POST', '/v1/allocations', J(), {'resource_class': 'x', 'traits': ['bad']}),
    S('alloc_err_unknown_candidate', 'POST', '/v1/allocations', J(),
      {'resource_class': 'x', 'candidate_nodes': [MISSING]}),
    S('alloc_err_unknown_field', 'POST', '/v1/allocations', J(), {'resource_class': 'x', 'bogus': 1}),
    S('alloc_err_state_field', 'POST', '/v1/allocations', J(), {'resource_class': 'x', 'state': 'active'}),
    S('alloc_patch_name', 'PATCH', '/v1/allocations/${alloc1}', J(),
      [{'op': 'replace', 'path': '/name', 'value': 'lcy-alloc-renamed'}]),
    S('alloc_patch_rc_refused', 'PATCH', '/v1/allocations/${alloc1}', J(),
      [{'op': 'replace', 'path': '/resource_class', 'value': 'other'}]),
    S('alloc_delete', 'DELETE', '/v1/allocations/${alloc1}', h(LATEST)),
    GET('node_k_after_alloc_delete', '/v1/nodes/${nodeK}'),
    S('alloc_err_backfill_not_active', 'POST', '/v1/allocations', J(), {'node': '${nodeK}', 'name': 'lcy-bf0'}),
    PROV('prov_k_active', 'nodeK', 'active'),
    WN('wait_k_active', 'nodeK', 'active'),
    S('alloc_backfill', 'POST', '/v1/allocations', J(), {'node': '${nodeK}', 'name': 'lcy-backfill'},
      save={'alloc4': 'json:uuid'}),
    GET('node_k_backfilled', '/v1/nodes/${nodeK}?fields=allocation_uuid,instance_uuid'),
    S('alloc_err_delete_via_active_node', 'DELETE', '/v1/nodes/${nodeK}/allocation', h(LATEST)),
    S('maint_k_on', 'PUT', '/v1/nodes/${nodeK}/maintenance', J(), {'reason': 'lcy'}),
    S('alloc_delete_via_node', 'DELETE', '/v1/nodes/${nodeK}/allocation', h(LATEST)),
    GET('alloc_backfill_gone', '/v1/allocations/${alloc4}'),
    GET('node_k_after_node_allocation_delete', '/v1/nodes/${nodeK}?fields=allocation_uuid,instance_uuid,instance_info'),
    S('alloc_err_delete_via_node_none', 'DELETE', '/v1/nodes/${nodeK}/allocation', h(LATEST)),
    S('maint_k_off', 'DELETE', '/v1/nodes/${nodeK}/maintenance', h(LATEST)),
    S('alloc_delete_error', 'DELETE', '/v1/allocations/${alloc2}', h(LATEST)),
    S('alloc_delete_missing', 'DELETE', '/v1/allocations/%s' % MISSING, h(LATEST)),
    S('alloc_delete_nopower', 'DELETE', '/v1/allocations/${allocNoPower}', h(LATEST)),
    S('alloc_delete_trait', 'DELETE', '/v1/allocations/${alloc3}', h(LATEST)),

    # ---------------------------------------------------------------------------- deploy templates
    S('tpl_create', 'POST', '/v1/deploy_templates', J(),
      {'name': 'CUSTOM_LCY_TPL', 'extra': {'team': 'lcy'},
       'steps': [{'interface': 'deploy', 'step': 'deploy', 'args': {}, 'priority': 0}]},
      save={'tpl1': 'json:uuid'}),
    GET('tpl_list', '/v1/deploy_templates'),
    GET('tpl_list_detail', '/v1/deploy_templates?detail=True'),
    GET('tpl_show_by_name', '/v1/deploy_templates/CUSTOM_LCY_TPL'),
    GET('tpl_show_1.54', '/v1/deploy_templates/${tpl1}', '1.54'),
    GET('tpl_show_1.55', '/v1/deploy_templates/${tpl1}', '1.55'),
    S('tpl_err_dup', 'POST', '/v1/deploy_templates', J(),
      {'name': 'CUSTOM_LCY_TPL', 'steps': [{'interface': 'deploy', 'step': 'deploy', 'args': {}, 'priority': 0}]}),
    S('tpl_err_bad_name', 'POST', '/v1/deploy_templates', J(),
      {'name': 'bad_name', 'steps': [{'interface': 'deploy', 'step': 'deploy', 'args': {}, 'priority': 0}]}),
    S('tpl_err_empty_steps', 'POST', '/v1/deploy_templates', J(), {'name': 'CUSTOM_LCY_E', 'steps': []}),
    S('tpl_err_no_args', 'POST', '/v1/deploy_templates', J(),
      {'name': 'CUSTOM_LCY_E', 'steps': [{'interface': 'deploy', 'step': 'deploy', 'priority': 0}]}),
    S('tpl_err_bad_interface', 'POST', '/v1/deploy_templates', J(),
      {'name': 'CUSTOM_LCY_E', 'steps': [{'interface': 'nope', 'step': 'x', 'args': {}, 'priority': 1}]}),
    S('tpl_err_dup_step', 'POST', '/v1/deploy_templates', J(),
      {'name': 'CUSTOM_LCY_E', 'steps': [{'interface': 'bios', 'step': 'x', 'args': {}, 'priority': 1},
                                         {'interface': 'bios', 'step': 'x', 'args': {}, 'priority': 2}]}),
    S('tpl_patch_extra', 'PATCH', '/v1/deploy_templates/${tpl1}', J(),
      [{'op': 'add', 'path': '/extra/rack', 'value': 'r1'}]),
    S('tpl_patch_bad_name', 'PATCH', '/v1/deploy_templates/${tpl1}', J(),
      [{'op': 'replace', 'path': '/name', 'value': 'lower'}]),
    NODE('node_t_create', 'nodeT', name='lcy-t'),
    PROV('prov_t_manage', 'nodeT', 'manage'),
    WN('wait_t_manageable', 'nodeT', 'manageable'),
    PROV('prov_t_provide', 'nodeT', 'provide'),
    WN('wait_t_available', 'nodeT', 'available'),
    S('traits_t_put', 'PUT', '/v1/nodes/${nodeT}/traits/CUSTOM_LCY_TPL', h(LATEST)),
    S('node_t_instance_traits', 'PATCH', '/v1/nodes/${nodeT}', J(),
      [{'op': 'add', 'path': '/instance_info/traits', 'value': ['CUSTOM_LCY_TPL']}]),
    PROV('prov_t_active_template_disables_deploy', 'nodeT', 'active'),
    WN('wait_t_deploy_failed', 'nodeT', 'deploy failed', 'active'),
    S('node_t_history', 'GET', '/v1/nodes/${nodeT}/history?detail=True', h(LATEST)),
    S('tpl_delete', 'DELETE', '/v1/deploy_templates/${tpl1}', h(LATEST)),
    S('tpl_delete_again', 'DELETE', '/v1/deploy_templates/${tpl1}', h(LATEST)),
    GET('tpl_show_deleted', '/v1/deploy_templates/CUSTOM_LCY_TPL'),
    PROV('prov_t_active_after_template_delete', 'nodeT', 'active'),
    WN('wait_t_active', 'nodeT', 'active'),
    S('tpl_create_core_override', 'POST', '/v1/deploy_templates', J(),
      {'name': 'CUSTOM_LCY_CORE', 'steps': [{'interface': 'deploy', 'step': 'deploy', 'args': {}, 'priority': 50}]},
      save={'tpl2': 'json:uuid'}),
    S('traits_t_put_core', 'PUT', '/v1/nodes/${nodeT}/traits/CUSTOM_LCY_CORE', h(LATEST)),
    S('node_t_instance_traits_core', 'PATCH', '/v1/nodes/${nodeT}', J(),
      [{'op': 'replace', 'path': '/instance_info/traits', 'value': ['CUSTOM_LCY_CORE']}]),
    PROV('prov_t_rebuild_core_step_override', 'nodeT', 'rebuild'),
    GET('node_t_after_rejected_rebuild', '/v1/nodes/${nodeT}?fields=provision_state,target_provision_state,last_error'),
    S('tpl_delete_core', 'DELETE', '/v1/deploy_templates/${tpl2}', h(LATEST)),

    # ------------------------------------------------------------------------------- locked node
    NODE('node_l_create', 'nodeL', name='lcy-l'),
    PROV('prov_l_manage', 'nodeL', 'manage'),
    WN('wait_l_manageable', 'nodeL', 'manageable'),
    GET('vendor_methods', '/v1/nodes/${nodeL}/vendor_passthru/methods'),
    # [fake]vendor_delay=25: second_method runs asynchronously and holds the exclusive lock for 25 s. Every
    # request below that needs the lock waits ~3 s in the conductor ([conductor]node_locked_retry_attempts=3,
    # node_locked_retry_interval=1) before answering 409, so they all fit in that window.
    S('lock_vendor_passthru', 'POST', '/v1/nodes/${nodeL}/vendor_passthru?method=second_method', J(),
      {'bar': 'kazoo'}),
    GET('locked_node_show', '/v1/nodes/${nodeL}?fields=uuid,reservation,provision_state'),
    PROV('locked_prov_provide', 'nodeL', 'provide'),
    PROV('locked_prov_active_not_actionable', 'nodeL', 'active'),
    POWER('locked_power_on', 'nodeL', 'power on'),
    S('locked_patch', 'PATCH', '/v1/nodes/${nodeL}', J(), [{'op': 'add', 'path': '/extra/k', 'value': 'v'}]),
    S('locked_delete', 'DELETE', '/v1/nodes/${nodeL}', h(LATEST)),
    W('wait_l_unlocked', '/v1/nodes/${nodeL}', node_unlocked),
    PROV('prov_l_provide_after_unlock', 'nodeL', 'provide'),
    WN('wait_l_available', 'nodeL', 'available'),

    # ------------------------------------------------------------------------------ final states
    GET('nodes_final', '/v1/nodes?fields=name,provision_state,target_provision_state,power_state,maintenance'
        '&sort_key=name'),
]


def wait_request(base, step, ctx):
    until, expect = step['wait']
    deadline = time.time() + WAIT_TIMEOUT
    polls = 0
    while True:
        rec = capture.do_request(base, step, ctx)
        polls += 1
        js = rec.get('response_json')
        done = until(js, expect) if rec['status'] == 200 and isinstance(js, dict) else False
        if done:
            rec['waited'] = dict(polls=polls, timed_out=False)
            return rec
        if done is None or time.time() > deadline:
            rec['waited'] = dict(polls=polls, timed_out=True, expected=expect)
            return rec
        time.sleep(WAIT_INTERVAL)


def extract(rec, spec):
    if spec == 'json:history':  # uuid of the first history event
        js = rec.get('response_json')
        if isinstance(js, dict) and js.get('history'):
            return js['history'][0].get('uuid')
        return None
    return capture.extract(rec, spec)


def main():
    base, out, normalize = capture.start(__doc__)
    ctx = {}
    results = []
    timeouts = 0
    for i, step in enumerate(STEPS, 1):
        rec = wait_request(base, step, ctx) if 'wait' in step else capture.do_request(base, step, ctx)
        for var, spec in step['save'].items():
            val = extract(rec, spec)
            if val is not None and 200 <= rec['status'] < 300:
                ctx[var] = val
        results.append((i, step, rec))
        note = ''
        if rec.get('waited', {}).get('timed_out'):
            timeouts += 1
            note = '  !! TIMED OUT waiting for %s' % rec['waited']['expected']
        print('%03d %-45s %s %s -> %s%s' % (i, step['label'], rec['method'], rec['path'][:60], rec['status'], note))
    norm = capture.Normalizer(base, ctx)
    combined = []
    for i, step, rec in results:
        nrec = dict(rec)
        nrec['path'] = norm.s(rec['path'])
        nrec['request_headers'] = norm.headers(rec['request_headers'])
        nrec['request_body'] = norm.obj(rec['request_body'])
        nrec['response_headers'] = norm.headers(rec['response_headers'])
        nrec['response_json'] = norm.obj(capture.truncate_big(rec['response_json']))
        nrec['response_text'] = norm.s(rec['response_text'])
        nrec.pop('waited', None)  # poll counts depend on timing; kept in 'raw' only
        raw = dict(rec)
        raw['response_json'] = capture.truncate_big(rec['response_json'])
        combined.append(dict(index=i, label=step['label'], raw=raw, normalized=nrec))
        fname = '%03d_%s_%s.txt' % (i, rec['method'], re.sub(r'[^A-Za-z0-9_.-]', '_', step['label']))
        with open(os.path.join(out, fname), 'w') as f:
            f.write(capture.render(i, step['label'], nrec if normalize else rec))
    with open(os.path.join(out, 'capture.json'), 'w') as f:
        capture.json.dump(dict(base=base, vars=ctx, requests=combined), f, indent=1)
    print('wrote %d requests to %s%s' % (len(combined), out,
                                         ' (%d wait(s) timed out)' % timeouts if timeouts else ''))
    sys.exit(1 if timeouts else 0)


if __name__ == '__main__':
    main()
