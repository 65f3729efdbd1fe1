#!/usr/bin/python3
"""Deterministic HTTP capture of an Ironic-compatible v1 API.

Usage:
    /usr/bin/python3 capture.py BASE_URL OUT_DIR [--normalize]

e.g.
    /usr/bin/python3 capture.py http://127.0.0.1:6386 captures/ironic
    /usr/bin/python3 capture.py http://127.0.0.1:6385 captures/ferrum

Runs a FIXED, ordered list of requests (see STEPS). The server must start
with an EMPTY database (start.sh wipes it for the reference Ironic) because
requests create resources and later requests depend on them.

Writes:
    OUT_DIR/NNN_METHOD_label.txt   one human readable file per request
    OUT_DIR/capture.json           all requests (raw + normalized)
With --normalize the per-request .txt files show normalized data
(capture.json always contains both 'raw' and 'normalized').

Normalization replaces: the base URL -> <BASE>, UUIDs of resources created
by the script -> <uuid:VAR> (VAR = name in STEPS), any other UUID -> <UUID>,
ISO timestamps -> <TS>, python object addresses -> 0xADDR, request ids req-<uuid> -> <REQ_ID>, Date header ->
<DATE>, Content-Length -> <LEN>.  Error bodies ({"error_message": "<json
string>"}) get an extra parsed copy under "_error_message_parsed".
Use compare.py to diff two capture dirs.
"""
import http.client
import json
import os
import re
import sys
import urllib.parse

V = 'X-OpenStack-Ironic-API-Version'
LATEST = '1.82'


def h(ver=None, **extra):
    d = {}
    if ver is not None:
        d[V] = ver
    d.update(extra)
    return d


def J(ver=LATEST):
    """Headers for a JSON body at version `ver`."""
    d = h(ver)
    d['Content-Type'] = 'application/json'
    return d


# Each step: dict(label, method, path, headers, body, raw, save)
#   path: may contain ${var} placeholders
#   body: JSON-serializable (strings may contain ${var}); raw: bytes/str sent as is
#   save: {var: 'json:key' | 'location'} values extracted from the response
def S(label, method, path, headers=None, body=None, raw=None, save=None):
    return dict(label=label, method=method, path=path, headers=headers or {},
                body=body, raw=raw, save=save or {})


BIG = 'x' * (2 * 1024 * 1024)  # 2 MiB string

STEPS = [
    # ---------------------------------------------------------------- root
    S('root', 'GET', '/'),
    S('root_latest_hdr', 'GET', '/', h('1.82')),
    S('v1_noslash', 'GET', '/v1'),
    S('v1_nohdr', 'GET', '/v1/'),
    S('v1_1.1', 'GET', '/v1/', h('1.1')),
    S('v1_1.82', 'GET', '/v1/', h('1.82')),
    S('v1_latest', 'GET', '/v1/', h('latest')),
    S('v1_1.99', 'GET', '/v1/', h('1.99')),
    S('v1_1.0', 'GET', '/v1/', h('1.0')),
    S('v1_abc', 'GET', '/v1/', h('abc')),
    S('v1_os_api_version_1.50', 'GET', '/v1/',
      {'OpenStack-API-Version': 'baremetal 1.50'}),
    S('nodes_nohdr', 'GET', '/v1/nodes'),
    S('nodes_1.99', 'GET', '/v1/nodes', h('1.99')),
    S('nodes_1.0', 'GET', '/v1/nodes', h('1.0')),
    S('nodes_abc', 'GET', '/v1/nodes', h('abc')),
    S('nodes_2.1', 'GET', '/v1/nodes', h('2.1')),
    S('nodes_latest', 'GET', '/v1/nodes', h('latest')),
    S('nodes_os_api_version_1.50', 'GET', '/v1/nodes',
      {'OpenStack-API-Version': 'baremetal 1.50'}),
    S('nodes_os_api_version_latest', 'GET', '/v1/nodes',
      {'OpenStack-API-Version': 'baremetal latest'}),
    S('nodes_both_hdrs', 'GET', '/v1/nodes',
      {'OpenStack-API-Version': 'baremetal 1.50', V: '1.60'}),
    S('nodes_json_suffix', 'GET', '/v1/nodes.json', h('1.82')),
    S('nodes_trailing_slash', 'GET', '/v1/nodes/', h('1.82')),

    # ------------------------------------------------------------- chassis
    S('chassis_create', 'POST', '/v1/chassis', J(),
      {'description': 'chassis one', 'extra': {'k': 'v'}},
      save={'chassis1': 'json:uuid'}),
    S('chassis_create_1.1', 'POST', '/v1/chassis', J('1.1'),
      {'description': 'chassis two'}, save={'chassis2': 'json:uuid'}),
    S('chassis_create_unknown_field', 'POST', '/v1/chassis', J(),
      {'description': 'x', 'bogus': 1}),
    S('chassis_create_long_description', 'POST', '/v1/chassis', J(),
      {'description': 'd' * 256}),
    S('chassis_list', 'GET', '/v1/chassis', h(LATEST)),
    S('chassis_list_1.1', 'GET', '/v1/chassis', h('1.1')),
    S('chassis_detail', 'GET', '/v1/chassis/detail', h(LATEST)),
    S('chassis_list_detail_true', 'GET', '/v1/chassis?detail=True', h(LATEST)),
    S('chassis_list_fields', 'GET', '/v1/chassis?fields=uuid,extra', h(LATEST)),
    S('chassis_show', 'GET', '/v1/chassis/${chassis1}', h(LATEST)),
    S('chassis_show_1.1', 'GET', '/v1/chassis/${chassis1}', h('1.1')),
    S('chassis_show_missing', 'GET',
      '/v1/chassis/11111111-2222-3333-4444-555555555555', h(LATEST)),
    S('chassis_show_not_uuid', 'GET', '/v1/chassis/notauuid', h(LATEST)),
    S('chassis_patch', 'PATCH', '/v1/chassis/${chassis1}', J(),
      [{'op': 'replace', 'path': '/description', 'value': 'new desc'},
       {'op': 'add', 'path': '/extra/foo', 'value': 'bar'}]),
    S('chassis_patch_uuid', 'PATCH', '/v1/chassis/${chassis1}', J(),
      [{'op': 'replace', 'path': '/uuid',
        'value': '11111111-2222-3333-4444-555555555555'}]),
    S('node_create_in_chassis', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware', 'chassis_uuid': '${chassis1}'},
      save={'nodeC': 'json:uuid'}),
    S('chassis_nodes', 'GET', '/v1/chassis/${chassis1}/nodes', h(LATEST)),
    S('chassis_nodes_detail', 'GET', '/v1/chassis/${chassis1}/nodes/detail',
      h(LATEST)),
    S('node_create_missing_chassis', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware',
       'chassis_uuid': '11111111-2222-3333-4444-555555555555'}),
    S('chassis_delete_with_node', 'DELETE', '/v1/chassis/${chassis1}',
      h(LATEST)),
    S('node_delete_nodeC', 'DELETE', '/v1/nodes/${nodeC}', h(LATEST)),
    S('chassis_delete', 'DELETE', '/v1/chassis/${chassis1}', h(LATEST)),
    S('chassis_delete_again', 'DELETE', '/v1/chassis/${chassis1}', h(LATEST)),
    S('chassis2_delete', 'DELETE', '/v1/chassis/${chassis2}', h(LATEST)),

    # --------------------------------------------------------------- nodes
    S('node_create_1.1_min', 'POST', '/v1/nodes', J('1.1'),
      {'driver': 'fake-hardware'}, save={'node0': 'json:uuid'}),
    S('node_create_1.82_full', 'POST', '/v1/nodes', J(),
      {'name': 'node-1', 'driver': 'fake-hardware',
       'description': 'first node',
       'properties': {'cpus': 4, 'memory_mb': 4096, 'local_gb': 20,
                      'cpu_arch': 'x86_64'},
       'resource_class': 'baremetal',
       'driver_info': {'ipmi_address': '10.0.0.1', 'ipmi_username': 'admin',
                       'ipmi_password': 'secret-pw'},
       'instance_info': {'image_source': 'http://example.com/img.qcow2'},
       'extra': {'team': 'a'},
       'lessee': 'lessee1', 'shard': 'shard1'},
      save={'node1': 'json:uuid'}),
    S('node_create_with_owner_noauth', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware', 'owner': 'owner1'}),
    S('node_patch_owner', 'PATCH', '/v1/nodes/${node1}', J(),
      [{'op': 'add', 'path': '/owner', 'value': 'owner1'}]),
    S('node_create_given_uuid', 'POST', '/v1/nodes', J(),
      {'driver': 'manual-management', 'name': 'node-2',
       'uuid': 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'},
      save={'node2': 'json:uuid'}),
    S('node_create_dup_uuid', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware',
       'uuid': 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'}),
    S('node_create_ipmi_driver', 'POST', '/v1/nodes', J(),
      {'driver': 'ipmi', 'name': 'node-ipmi'}, save={'node3': 'json:uuid'}),
    S('node_create_explicit_ifaces', 'POST', '/v1/nodes', J(),
      {'driver': 'ipmi', 'name': 'node-ipmi2', 'deploy_interface': 'ramdisk',
       'boot_interface': 'ipxe', 'network_interface': 'noop',
       'management_interface': 'noop'}),
    S('node_create_bad_iface', 'POST', '/v1/nodes', J(),
      {'driver': 'ipmi', 'deploy_interface': 'fake-nonexistent'}),
    S('node_create_iface_not_enabled_for_hw', 'POST', '/v1/nodes', J(),
      {'driver': 'manual-management', 'power_interface': 'ipmitool'}),
    S('node_create_conductor_group_no_conductor', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware', 'conductor_group': 'cg1'}),
    S('node_show_1.1', 'GET', '/v1/nodes/${node0}', h('1.1')),
    S('node_show_1.50', 'GET', '/v1/nodes/${node0}', h('1.50')),
    S('node_show_1.82', 'GET', '/v1/nodes/${node0}', h('1.82')),
    S('node_show_nohdr', 'GET', '/v1/nodes/${node0}'),
    S('node1_show_1.82', 'GET', '/v1/nodes/${node1}', h('1.82')),
    S('node_show_by_name', 'GET', '/v1/nodes/node-1', h('1.82')),
    S('node_show_by_name_1.1', 'GET', '/v1/nodes/node-1', h('1.1')),
    S('node_show_fields', 'GET', '/v1/nodes/node-1?fields=uuid,name,driver_info',
      h('1.82')),
    S('node_show_fields_1.7', 'GET', '/v1/nodes/${node1}?fields=uuid', h('1.7')),
    S('node_show_unknown_name', 'GET', '/v1/nodes/no-such-node', h('1.82')),
    S('node_show_unknown_uuid', 'GET',
      '/v1/nodes/11111111-2222-3333-4444-555555555555', h('1.82')),
    S('nodes_list', 'GET', '/v1/nodes', h(LATEST)),
    S('nodes_list_1.1', 'GET', '/v1/nodes', h('1.1')),
    S('nodes_detail', 'GET', '/v1/nodes/detail', h(LATEST)),
    S('nodes_detail_1.1', 'GET', '/v1/nodes/detail', h('1.1')),
    S('nodes_list_detail_true', 'GET', '/v1/nodes?detail=True', h(LATEST)),
    S('nodes_list_detail_true_1.42', 'GET', '/v1/nodes?detail=True', h('1.42')),
    S('nodes_list_detail_and_fields', 'GET',
      '/v1/nodes?detail=True&fields=uuid', h(LATEST)),
    S('nodes_list_fields', 'GET', '/v1/nodes?fields=uuid,name', h(LATEST)),
    S('nodes_list_fields_bogus', 'GET', '/v1/nodes?fields=bogus', h(LATEST)),
    S('nodes_list_fields_shard_1.81', 'GET', '/v1/nodes?fields=uuid,shard',
      h('1.81')),
    S('nodes_list_fields_1.7', 'GET', '/v1/nodes?fields=uuid', h('1.7')),
    S('nodes_detail_fields', 'GET', '/v1/nodes/detail?fields=uuid', h(LATEST)),
    S('nodes_list_limit1', 'GET', '/v1/nodes?limit=1', h(LATEST)),
    S('nodes_list_limit1_fields', 'GET', '/v1/nodes?limit=1&fields=uuid,name',
      h(LATEST)),
    S('nodes_detail_limit1', 'GET', '/v1/nodes/detail?limit=1', h(LATEST)),
    S('nodes_list_marker', 'GET', '/v1/nodes?limit=1&marker=${node0}',
      h(LATEST)),
    S('nodes_list_marker_only', 'GET', '/v1/nodes?marker=${node0}', h(LATEST)),
    S('nodes_list_marker_unknown', 'GET',
      '/v1/nodes?marker=11111111-2222-3333-4444-555555555555', h(LATEST)),
    S('nodes_list_limit0', 'GET', '/v1/nodes?limit=0', h(LATEST)),
    S('nodes_list_limit_neg', 'GET', '/v1/nodes?limit=-1', h(LATEST)),
    S('nodes_list_limit_abc', 'GET', '/v1/nodes?limit=abc', h(LATEST)),
    S('nodes_list_sort_name_desc', 'GET',
      '/v1/nodes?sort_key=name&sort_dir=desc', h(LATEST)),
    S('nodes_list_sort_name_asc_fields', 'GET',
      '/v1/nodes?sort_key=name&sort_dir=asc&fields=uuid,name', h(LATEST)),
    S('nodes_list_sort_key_bogus', 'GET', '/v1/nodes?sort_key=bogus',
      h(LATEST)),
    S('nodes_list_sort_key_properties', 'GET', '/v1/nodes?sort_key=properties',
      h(LATEST)),
    S('nodes_list_sort_dir_bogus', 'GET', '/v1/nodes?sort_dir=up', h(LATEST)),
    S('nodes_list_limit1_sort', 'GET',
      '/v1/nodes?limit=1&sort_key=name&sort_dir=desc', h(LATEST)),
    S('nodes_list_limit1_filter', 'GET',
      '/v1/nodes?provision_state=enroll&limit=1', h(LATEST)),
    S('nodes_fields_created_at', 'GET', '/v1/nodes?fields=uuid,created_at',
      h(LATEST)),
    S('nodes_list_limit_over_max', 'GET', '/v1/nodes?limit=5000&fields=uuid',
      h(LATEST)),
    S('nodes_filter_driver', 'GET', '/v1/nodes?driver=fake-hardware', h(LATEST)),
    S('nodes_filter_driver_unknown', 'GET', '/v1/nodes?driver=nope', h(LATEST)),
    S('nodes_filter_provision_state', 'GET', '/v1/nodes?provision_state=enroll',
      h(LATEST)),
    S('nodes_filter_provision_state_bogus', 'GET',
      '/v1/nodes?provision_state=bogus', h(LATEST)),
    S('nodes_filter_maintenance_true', 'GET', '/v1/nodes?maintenance=true',
      h(LATEST)),
    S('nodes_filter_maintenance_bogus', 'GET', '/v1/nodes?maintenance=maybe',
      h(LATEST)),
    S('nodes_filter_associated_false', 'GET', '/v1/nodes?associated=false',
      h(LATEST)),
    S('nodes_filter_associated_true', 'GET', '/v1/nodes?associated=true',
      h(LATEST)),
    S('nodes_filter_resource_class', 'GET',
      '/v1/nodes?resource_class=baremetal', h(LATEST)),
    S('nodes_filter_conductor_group', 'GET', '/v1/nodes?conductor_group=',
      h(LATEST)),
    S('nodes_filter_conductor_group_x', 'GET', '/v1/nodes?conductor_group=cg1',
      h(LATEST)),
    S('nodes_filter_conductor', 'GET', '/v1/nodes?conductor=ironic-ref-host',
      h(LATEST)),
    S('nodes_filter_owner', 'GET', '/v1/nodes?owner=owner1', h(LATEST)),
    S('nodes_filter_lessee', 'GET', '/v1/nodes?lessee=lessee1', h(LATEST)),
    S('nodes_filter_shard', 'GET', '/v1/nodes?shard=shard1', h(LATEST)),
    S('nodes_filter_shard_1.81', 'GET', '/v1/nodes?shard=shard1', h('1.81')),
    S('nodes_filter_sharded_true', 'GET', '/v1/nodes?sharded=true', h(LATEST)),
    S('nodes_filter_chassis_uuid', 'GET',
      '/v1/nodes?chassis_uuid=11111111-2222-3333-4444-555555555555', h(LATEST)),
    S('nodes_filter_fault', 'GET', '/v1/nodes?fault=power%20failure',
      h(LATEST)),
    S('nodes_filter_fault_bogus', 'GET', '/v1/nodes?fault=bogus', h(LATEST)),
    S('nodes_filter_description_contains', 'GET',
      '/v1/nodes?description_contains=first', h(LATEST)),
    S('nodes_filter_retired', 'GET', '/v1/nodes?retired=false', h(LATEST)),
    S('nodes_filter_instance_uuid', 'GET',
      '/v1/nodes?instance_uuid=11111111-2222-3333-4444-555555555555', h(LATEST)),
    S('nodes_filter_unknown_param', 'GET', '/v1/nodes?bogus=1', h(LATEST)),
    S('nodes_filter_owner_1.1', 'GET', '/v1/nodes?owner=owner1', h('1.1')),
    S('nodes_filter_driver_1.1', 'GET', '/v1/nodes?driver=fake-hardware',
      h('1.1')),
    S('node_create_dup_name', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware', 'name': 'node-1'}),
    S('node_create_bad_name', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware', 'name': 'bad name!'}),
    S('node_create_uuid_like_name', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware',
       'name': '11111111-2222-3333-4444-555555555555'}),
    S('node_create_name_at_1.1', 'POST', '/v1/nodes', J('1.1'),
      {'driver': 'fake-hardware', 'name': 'n11'}),
    S('node_create_unknown_field', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware', 'bogus': 1}),
    S('node_create_maintenance_notabool', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware', 'maintenance': 'notabool'}),
    S('node_create_properties_string', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware', 'properties': 'notadict'}),
    S('node_create_driver_int', 'POST', '/v1/nodes', J(),
      {'driver': 5}),
    S('node_create_no_driver', 'POST', '/v1/nodes', J(), {'name': 'nodrv'}),
    S('node_create_unknown_driver', 'POST', '/v1/nodes', J(),
      {'driver': 'no-such-driver'}),
    S('node_create_bad_uuid', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware', 'uuid': 'not-a-uuid'}),
    S('node_create_readonly_field', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware', 'provision_state': 'active'}),
    S('node_create_malformed_json', 'POST', '/v1/nodes', J(),
      raw=b'{"driver": "fake-hardware",'),
    S('node_create_empty_body', 'POST', '/v1/nodes', J(), raw=b''),
    S('node_create_json_list', 'POST', '/v1/nodes', J(), ['a']),
    S('node_create_no_content_type', 'POST', '/v1/nodes', h(LATEST),
      raw=b'{"driver": "fake-hardware", "name": "no-ctype"}',
      save={'nodeNoCT': 'json:uuid'}),
    S('node_create_text_plain', 'POST', '/v1/nodes',
      h(LATEST, **{'Content-Type': 'text/plain'}),
      raw=b'{"driver": "fake-hardware", "name": "text-plain"}',
      save={'nodeTP': 'json:uuid'}),
    S('node_create_huge_body', 'POST', '/v1/nodes', J(),
      {'driver': 'fake-hardware', 'extra': {'big': BIG}},
      save={'nodeBig': 'json:uuid'}),
    # ---- PATCH
    S('node_patch_replace_name', 'PATCH', '/v1/nodes/${node1}', J(),
      [{'op': 'replace', 'path': '/name', 'value': 'node-1b'}]),
    S('node_patch_add_extra', 'PATCH', '/v1/nodes/node-1b', J(),
      [{'op': 'add', 'path': '/extra/foo', 'value': 'bar'}]),
    S('node_patch_remove_extra', 'PATCH', '/v1/nodes/node-1b', J(),
      [{'op': 'remove', 'path': '/extra/foo'}]),
    S('node_patch_remove_extra_missing', 'PATCH', '/v1/nodes/node-1b', J(),
      [{'op': 'remove', 'path': '/extra/missing'}]),
    S('node_patch_replace_uuid', 'PATCH', '/v1/nodes/node-1b', J(),
      [{'op': 'replace', 'path': '/uuid',
        'value': '11111111-2222-3333-4444-555555555555'}]),
    S('node_patch_replace_unknown', 'PATCH', '/v1/nodes/node-1b', J(),
      [{'op': 'replace', 'path': '/bogus', 'value': 1}]),
    S('node_patch_add_unknown', 'PATCH', '/v1/nodes/node-1b', J(),
      [{'op': 'add', 'path': '/bogus', 'value': 1}]),
    S('node_patch_not_list', 'PATCH', '/v1/nodes/node-1b', J(),
      {'op': 'replace', 'path': '/name', 'value': 'x'}),
    S('node_patch_bad_op', 'PATCH', '/v1/nodes/node-1b', J(),
      [{'op': 'frobnicate', 'path': '/name', 'value': 'x'}]),
    S('node_patch_missing_value', 'PATCH', '/v1/nodes/node-1b', J(),
      [{'op': 'replace', 'path': '/name'}]),
    S('node_patch_empty_list', 'PATCH', '/v1/nodes/node-1b', J(), []),
    S('node_patch_password', 'PATCH', '/v1/nodes/node-1b', J(),
      [{'op': 'add', 'path': '/driver_info/ipmi_password', 'value': 'pw2'},
       {'op': 'add', 'path': '/driver_info/ipmi_username', 'value': 'root'}]),
    S('node_patch_driver_unknown', 'PATCH', '/v1/nodes/node-1b', J(),
      [{'op': 'replace', 'path': '/driver', 'value': 'no-such-driver'}]),
    S('node_patch_driver_ipmi', 'PATCH', '/v1/nodes/${node2}', J(),
      [{'op': 'replace', 'path': '/driver', 'value': 'ipmi'}]),
    S('node_patch_driver_ipmi_reset', 'PATCH',
      '/v1/nodes/${node2}?reset_interfaces=true', J(),
      [{'op': 'replace', 'path': '/driver', 'value': 'ipmi'}]),
    S('node_patch_traits', 'PATCH', '/v1/nodes/node-1b', J(),
      [{'op': 'add', 'path': '/traits', 'value': ['CUSTOM_X']}]),
    S('node_patch_name_at_1.1', 'PATCH', '/v1/nodes/${node1}', J('1.1'),
      [{'op': 'replace', 'path': '/name', 'value': 'node-1c'}]),
    S('node_patch_shard_at_1.81', 'PATCH', '/v1/nodes/${node1}', J('1.81'),
      [{'op': 'replace', 'path': '/shard', 'value': 'x'}]),
    S('node_patch_multi', 'PATCH', '/v1/nodes/${node1}', J(),
      [{'op': 'replace', 'path': '/name', 'value': 'node-1'},
       {'op': 'add', 'path': '/properties/cpus', 'value': 8},
       {'op': 'remove', 'path': '/properties/local_gb'},
       {'op': 'replace', 'path': '/description', 'value': 'patched'},
       {'op': 'replace', 'path': '/maintenance', 'value': True}]),
    S('node_patch_remove_name', 'PATCH', '/v1/nodes/${node2}', J(),
      [{'op': 'remove', 'path': '/name'}]),
    S('node_patch_maintenance_string', 'PATCH', '/v1/nodes/${node0}', J(),
      [{'op': 'replace', 'path': '/maintenance', 'value': 'notabool'}]),
    S('node_patch_interface', 'PATCH', '/v1/nodes/${node0}', J(),
      [{'op': 'replace', 'path': '/deploy_interface', 'value': 'direct'}]),
    S('node_patch_interface_bad', 'PATCH', '/v1/nodes/${node0}', J(),
      [{'op': 'replace', 'path': '/deploy_interface', 'value': 'nope'}]),
    S('node_patch_remove_interface', 'PATCH', '/v1/nodes/${node0}', J(),
      [{'op': 'remove', 'path': '/deploy_interface'}]),
    S('node_patch_missing_node', 'PATCH',
      '/v1/nodes/11111111-2222-3333-4444-555555555555', J(),
      [{'op': 'replace', 'path': '/name', 'value': 'x'}]),
    S('nodes_filter_maintenance_true_after', 'GET',
      '/v1/nodes?maintenance=true&fields=uuid,name,maintenance', h(LATEST)),
    # ---- sub resources
    S('node_states', 'GET', '/v1/nodes/${node1}/states', h(LATEST)),
    S('node_states_1.1', 'GET', '/v1/nodes/${node1}/states', h('1.1')),
    S('node_ports', 'GET', '/v1/nodes/${node1}/ports', h(LATEST)),
    S('node_ports_detail', 'GET', '/v1/nodes/${node1}/ports/detail', h(LATEST)),
    S('node_portgroups', 'GET', '/v1/nodes/${node1}/portgroups', h(LATEST)),
    S('node_portgroups_1.23', 'GET', '/v1/nodes/${node1}/portgroups', h('1.23')),
    S('node_validate', 'GET', '/v1/nodes/${node1}/validate', h(LATEST)),
    S('node_validate_ipmi', 'GET', '/v1/nodes/${node3}/validate', h(LATEST)),
    S('node_traits', 'GET', '/v1/nodes/${node1}/traits', h(LATEST)),
    S('node_traits_1.36', 'GET', '/v1/nodes/${node1}/traits', h('1.36')),
    S('node_traits_put', 'PUT', '/v1/nodes/${node1}/traits', J(),
      {'traits': ['CUSTOM_B', 'CUSTOM_A']}),
    S('node_traits_put_one', 'PUT', '/v1/nodes/${node1}/traits/CUSTOM_C',
      h(LATEST)),
    S('node_traits_put_bad', 'PUT', '/v1/nodes/${node1}/traits', J(),
      {'traits': ['lower-case bad']}),
    S('node_traits_after', 'GET', '/v1/nodes/${node1}/traits', h(LATEST)),
    S('node_traits_delete_one', 'DELETE',
      '/v1/nodes/${node1}/traits/CUSTOM_A', h(LATEST)),
    S('node_traits_delete_missing', 'DELETE',
      '/v1/nodes/${node1}/traits/CUSTOM_NOPE', h(LATEST)),
    S('node_show_traits', 'GET', '/v1/nodes/${node1}?fields=uuid,traits',
      h(LATEST)),
    S('node_power_on', 'PUT', '/v1/nodes/${node0}/states/power', J(),
      {'target': 'power on'}),
    S('node_power_bogus', 'PUT', '/v1/nodes/${node0}/states/power', J(),
      {'target': 'bogus'}),
    S('node_states_after_power', 'GET', '/v1/nodes/${node0}/states', h(LATEST)),
    S('node_provision_manage', 'PUT', '/v1/nodes/${node0}/states/provision',
      J(), {'target': 'manage'}),
    S('node_show_after_manage', 'GET',
      '/v1/nodes/${node0}?fields=provision_state,target_provision_state,'
      'power_state,last_error', h(LATEST)),
    S('node_provision_bogus', 'PUT', '/v1/nodes/${node0}/states/provision',
      J(), {'target': 'bogus'}),
    S('node_maintenance_put', 'PUT', '/v1/nodes/${node0}/maintenance', J(),
      {'reason': 'testing'}),
    S('node_maintenance_delete', 'DELETE', '/v1/nodes/${node0}/maintenance',
      h(LATEST)),
    S('node_vifs', 'GET', '/v1/nodes/${node0}/vifs', h(LATEST)),
    S('node_history', 'GET', '/v1/nodes/${node0}/history', h(LATEST)),
    S('node_management_boot_device', 'GET',
      '/v1/nodes/${node0}/management/boot_device', h(LATEST)),
    # ----------------------------------------------------------------- ports
    S('port_create', 'POST', '/v1/ports', J(),
      {'node_uuid': '${node1}', 'address': '52:54:00:AA:BB:CC',
       'extra': {'p': 1}}, save={'port1': 'json:uuid'}),
    S('port_create_dup_mac_case', 'POST', '/v1/ports', J(),
      {'node_uuid': '${node1}', 'address': '52:54:00:aa:bb:cc'}),
    S('port_create_bad_mac', 'POST', '/v1/ports', J(),
      {'node_uuid': '${node1}', 'address': 'not-a-mac'}),
    S('port_create_node_name', 'POST', '/v1/ports', J(),
      {'node_uuid': 'node-1', 'address': '52:54:00:00:00:01'}),
    S('port_create_node_field', 'POST', '/v1/ports', J(),
      {'node': 'node-1', 'address': '52:54:00:00:00:01'}),
    S('port_create_missing_node', 'POST', '/v1/ports', J(),
      {'node_uuid': '11111111-2222-3333-4444-555555555555',
       'address': '52:54:00:00:00:02'}),
    S('port_create_no_node', 'POST', '/v1/ports', J(),
      {'address': '52:54:00:00:00:03'}),
    S('port_create_no_address', 'POST', '/v1/ports', J(),
      {'node_uuid': '${node1}'}),
    S('port_create_unknown_field', 'POST', '/v1/ports', J(),
      {'node_uuid': '${node1}', 'address': '52:54:00:00:00:04', 'bogus': 1}),
    S('port_create_1.1', 'POST', '/v1/ports', J('1.1'),
      {'node_uuid': '${node1}', 'address': '52:54:00:00:00:05'},
      save={'port2': 'json:uuid'}),
    S('port_create_full', 'POST', '/v1/ports', J(),
      {'node_uuid': '${node0}', 'address': '52:54:00:00:00:06',
       'pxe_enabled': False, 'physical_network': 'physnet1',
       'local_link_connection': {'switch_id': '0a:1b:2c:3d:4e:5f',
                                 'port_id': 'Eth1/1',
                                 'switch_info': 'sw1'},
       'is_smartnic': False, 'name': 'port-name-not-in-21.4'}),
    S('port_create_full_no_name', 'POST', '/v1/ports', J(),
      {'node_uuid': '${node0}', 'address': '52:54:00:00:00:06',
       'pxe_enabled': False, 'physical_network': 'physnet1',
       'local_link_connection': {'switch_id': '0a:1b:2c:3d:4e:5f',
                                 'port_id': 'Eth1/1',
                                 'switch_info': 'sw1'},
       'is_smartnic': False}, save={'port3': 'json:uuid'}),
    S('port_create_bad_llc', 'POST', '/v1/ports', J(),
      {'node_uuid': '${node0}', 'address': '52:54:00:00:00:07',
       'local_link_connection': {'bogus': 'x'}}),
    S('ports_list', 'GET', '/v1/ports', h(LATEST)),
    S('ports_list_1.1', 'GET', '/v1/ports', h('1.1')),
    S('ports_detail', 'GET', '/v1/ports/detail', h(LATEST)),
    S('ports_list_detail_true', 'GET', '/v1/ports?detail=True', h(LATEST)),
    S('ports_filter_address_upper', 'GET', '/v1/ports?address=52:54:00:AA:BB:CC',
      h(LATEST)),
    S('ports_filter_address_lower', 'GET', '/v1/ports?address=52:54:00:aa:bb:cc',
      h(LATEST)),
    S('ports_filter_node_name', 'GET', '/v1/ports?node=node-1', h(LATEST)),
    S('ports_filter_node_uuid', 'GET', '/v1/ports?node_uuid=${node1}',
      h(LATEST)),
    S('ports_filter_node_and_node_uuid', 'GET',
      '/v1/ports?node=node-1&node_uuid=${node1}', h(LATEST)),
    S('ports_filter_node_missing', 'GET', '/v1/ports?node=no-such-node',
      h(LATEST)),
    S('ports_filter_portgroup_missing', 'GET', '/v1/ports?portgroup=nope',
      h(LATEST)),
    S('ports_fields', 'GET', '/v1/ports?fields=uuid,address,node_uuid',
      h(LATEST)),
    S('ports_fields_bogus', 'GET', '/v1/ports?fields=bogus', h(LATEST)),
    S('ports_limit1', 'GET', '/v1/ports?limit=1', h(LATEST)),
    S('ports_sort_address', 'GET', '/v1/ports?sort_key=address&sort_dir=desc',
      h(LATEST)),
    S('port_show', 'GET', '/v1/ports/${port1}', h(LATEST)),
    S('port_show_1.1', 'GET', '/v1/ports/${port1}', h('1.1')),
    S('port_show_full', 'GET', '/v1/ports/${port3}', h(LATEST)),
    S('port_show_missing', 'GET',
      '/v1/ports/11111111-2222-3333-4444-555555555555', h(LATEST)),
    S('port_show_by_address', 'GET', '/v1/ports/52:54:00:aa:bb:cc', h(LATEST)),
    S('port_patch', 'PATCH', '/v1/ports/${port1}', J(),
      [{'op': 'replace', 'path': '/address', 'value': '52:54:00:AA:BB:DD'},
       {'op': 'add', 'path': '/extra/foo', 'value': 'bar'},
       {'op': 'replace', 'path': '/pxe_enabled', 'value': False},
       {'op': 'add', 'path': '/local_link_connection',
        'value': {'switch_id': '0a:1b:2c:3d:4e:5f', 'port_id': 'Eth1/2'}},
       {'op': 'add', 'path': '/physical_network', 'value': 'physnet2'}]),
    S('port_patch_address_conflict', 'PATCH', '/v1/ports/${port1}', J(),
      [{'op': 'replace', 'path': '/address', 'value': '52:54:00:00:00:05'}]),
    S('port_patch_bad_mac', 'PATCH', '/v1/ports/${port1}', J(),
      [{'op': 'replace', 'path': '/address', 'value': 'zz'}]),
    S('port_patch_move_node', 'PATCH', '/v1/ports/${port2}', J(),
      [{'op': 'replace', 'path': '/node_uuid', 'value': '${node0}'}]),
    S('port_patch_pxe_string', 'PATCH', '/v1/ports/${port2}', J(),
      [{'op': 'replace', 'path': '/pxe_enabled', 'value': 'maybe'}]),
    S('node_ports_after', 'GET', '/v1/nodes/${node1}/ports', h(LATEST)),
    S('node_delete_with_ports_in_maintenance', 'GET',
      '/v1/nodes/${node1}?fields=maintenance', h(LATEST)),
    S('port_delete', 'DELETE', '/v1/ports/${port2}', h(LATEST)),
    S('port_delete_again', 'DELETE', '/v1/ports/${port2}', h(LATEST)),
    # ------------------------------------------------------------ portgroups
    S('portgroup_create_1.22', 'POST', '/v1/portgroups', J('1.22'),
      {'node_uuid': '${node1}', 'name': 'pg-old'}),
    S('portgroups_list_1.22', 'GET', '/v1/portgroups', h('1.22')),
    S('portgroup_create', 'POST', '/v1/portgroups', J(),
      {'node_uuid': '${node1}', 'address': '52:54:00:11:22:33',
       'name': 'pg1', 'mode': 'active-backup',
       'properties': {'miimon': '100'}, 'extra': {'e': 1}},
      save={'pg1': 'json:uuid'}),
    S('portgroup_create_min', 'POST', '/v1/portgroups', J(),
      {'node_uuid': '${node0}'}, save={'pg2': 'json:uuid'}),
    S('portgroup_create_dup_name', 'POST', '/v1/portgroups', J(),
      {'node_uuid': '${node1}', 'name': 'pg1'}),
    S('portgroup_create_bad_name', 'POST', '/v1/portgroups', J(),
      {'node_uuid': '${node1}', 'name': 'bad name!'}),
    S('portgroup_create_unknown_field', 'POST', '/v1/portgroups', J(),
      {'node_uuid': '${node1}', 'bogus': 1}),
    S('portgroup_create_dup_address', 'POST', '/v1/portgroups', J(),
      {'node_uuid': '${node1}', 'address': '52:54:00:11:22:33'}),
    S('portgroup_create_1.23', 'POST', '/v1/portgroups', J('1.23'),
      {'node_uuid': '${node1}', 'name': 'pg-123'},
      save={'pg3': 'json:uuid'}),
    S('portgroup_create_mode_1.25', 'POST', '/v1/portgroups', J('1.25'),
      {'node_uuid': '${node1}', 'mode': '802.3ad'}),
    S('portgroups_list', 'GET', '/v1/portgroups', h(LATEST)),
    S('portgroups_detail', 'GET', '/v1/portgroups/detail', h(LATEST)),
    S('portgroups_list_detail_true', 'GET', '/v1/portgroups?detail=True',
      h(LATEST)),
    S('portgroups_filter_node', 'GET', '/v1/portgroups?node=${node0}',
      h(LATEST)),
    S('portgroups_filter_address', 'GET',
      '/v1/portgroups?address=52:54:00:11:22:33', h(LATEST)),
    S('portgroups_fields', 'GET', '/v1/portgroups?fields=uuid,name,mode',
      h(LATEST)),
    S('portgroup_show', 'GET', '/v1/portgroups/${pg1}', h(LATEST)),
    S('portgroup_show_1.23', 'GET', '/v1/portgroups/${pg1}', h('1.23')),
    S('portgroup_show_by_name', 'GET', '/v1/portgroups/pg1', h(LATEST)),
    S('portgroup_show_missing', 'GET', '/v1/portgroups/nope', h(LATEST)),
    S('portgroup_patch', 'PATCH', '/v1/portgroups/${pg1}', J(),
      [{'op': 'replace', 'path': '/mode', 'value': '802.3ad'},
       {'op': 'add', 'path': '/properties/xmit_hash_policy',
        'value': 'layer3+4'},
       {'op': 'add', 'path': '/extra/foo', 'value': 'bar'},
       {'op': 'replace', 'path': '/standalone_ports_supported',
        'value': False}]),
    S('portgroup_patch_bad', 'PATCH', '/v1/portgroups/${pg1}', J(),
      [{'op': 'replace', 'path': '/uuid',
        'value': '11111111-2222-3333-4444-555555555555'}]),
    S('port_create_in_pg', 'POST', '/v1/ports', J(),
      {'node_uuid': '${node1}', 'address': '52:54:00:00:00:10',
       'portgroup_uuid': '${pg1}'}, save={'port4': 'json:uuid'}),
    S('port_create_in_pg_wrong_node', 'POST', '/v1/ports', J(),
      {'node_uuid': '${node0}', 'address': '52:54:00:00:00:11',
       'portgroup_uuid': '${pg1}'}),
    S('port_create_in_pg_1.23', 'POST', '/v1/ports', J('1.23'),
      {'node_uuid': '${node1}', 'address': '52:54:00:00:00:12',
       'portgroup_uuid': '${pg1}'}),
    S('portgroup_ports', 'GET', '/v1/portgroups/${pg1}/ports', h(LATEST)),
    S('portgroup_ports_detail', 'GET', '/v1/portgroups/${pg1}/ports/detail',
      h(LATEST)),
    S('portgroup_ports_1.23', 'GET', '/v1/portgroups/${pg1}/ports', h('1.23')),
    S('ports_filter_portgroup', 'GET', '/v1/ports?portgroup=pg1', h(LATEST)),
    S('port_show_in_pg', 'GET', '/v1/ports/${port4}', h(LATEST)),
    S('node_portgroups_after', 'GET', '/v1/nodes/${node1}/portgroups',
      h(LATEST)),
    S('node_portgroups_detail', 'GET', '/v1/nodes/${node1}/portgroups/detail',
      h(LATEST)),
    S('portgroup_delete_with_ports', 'DELETE', '/v1/portgroups/${pg1}',
      h(LATEST)),
    S('port_delete_in_pg', 'DELETE', '/v1/ports/${port4}', h(LATEST)),
    S('portgroup_delete', 'DELETE', '/v1/portgroups/${pg1}', h(LATEST)),
    S('portgroup_delete_again', 'DELETE', '/v1/portgroups/${pg1}', h(LATEST)),
    # --------------------------------------------------------------- drivers
    S('drivers_1.1', 'GET', '/v1/drivers', h('1.1')),
    S('drivers_1.30', 'GET', '/v1/drivers', h('1.30')),
    S('drivers_1.82', 'GET', '/v1/drivers', h('1.82')),
    S('drivers_type_dynamic', 'GET', '/v1/drivers?type=dynamic', h('1.82')),
    S('drivers_type_classic', 'GET', '/v1/drivers?type=classic', h('1.82')),
    S('drivers_type_bogus', 'GET', '/v1/drivers?type=bogus', h('1.82')),
    S('drivers_detail_true', 'GET', '/v1/drivers?detail=True', h('1.82')),
    S('drivers_detail_true_1.29', 'GET', '/v1/drivers?detail=True', h('1.29')),
    S('drivers_fields', 'GET', '/v1/drivers?fields=name,hosts', h('1.82')),
    S('drivers_fields_1.76', 'GET', '/v1/drivers?fields=name', h('1.76')),
    S('driver_show_1.1', 'GET', '/v1/drivers/fake-hardware', h('1.1')),
    S('driver_show_1.30', 'GET', '/v1/drivers/fake-hardware', h('1.30')),
    S('driver_show_1.82', 'GET', '/v1/drivers/fake-hardware', h('1.82')),
    S('driver_show_ipmi', 'GET', '/v1/drivers/ipmi', h('1.82')),
    S('driver_show_fields', 'GET', '/v1/drivers/ipmi?fields=name,type',
      h('1.82')),
    S('driver_properties_ipmi', 'GET', '/v1/drivers/ipmi/properties', h('1.82')),
    S('driver_properties_fake', 'GET', '/v1/drivers/fake-hardware/properties',
      h('1.82')),
    S('driver_properties_unknown', 'GET', '/v1/drivers/unknown/properties',
      h('1.82')),
    S('driver_show_unknown', 'GET', '/v1/drivers/unknown', h('1.82')),
    S('driver_raid_logical_disk_properties', 'GET',
      '/v1/drivers/fake-hardware/raid/logical_disk_properties', h('1.82')),
    # ------------------------------------------------------------ conductors
    S('conductors_1.48', 'GET', '/v1/conductors', h('1.48')),
    S('conductors_1.49', 'GET', '/v1/conductors', h('1.49')),
    S('conductors_1.82', 'GET', '/v1/conductors', h('1.82')),
    S('conductors_detail', 'GET', '/v1/conductors?detail=True', h('1.82')),
    S('conductors_detail_path', 'GET', '/v1/conductors/detail', h('1.82')),
    S('conductors_fields', 'GET', '/v1/conductors?fields=hostname,alive',
      h('1.82')),
    S('conductor_show', 'GET', '/v1/conductors/ironic-ref-host', h('1.82')),
    S('conductor_show_1.48', 'GET', '/v1/conductors/ironic-ref-host',
      h('1.48')),
    S('conductor_show_unknown', 'GET', '/v1/conductors/nope', h('1.82')),
    S('shards', 'GET', '/v1/shards', h('1.82')),
    S('shards_1.81', 'GET', '/v1/shards', h('1.81')),
    # ---------------------------------------------------------------- misc
    S('unknown_path', 'GET', '/v1/bogus', h(LATEST)),
    S('unknown_root_path', 'GET', '/bogus'),
    S('put_nodes_405', 'PUT', '/v1/nodes', J(), {'driver': 'fake-hardware'}),
    S('delete_nodes_collection', 'DELETE', '/v1/nodes', h(LATEST)),
    S('post_node_item', 'POST', '/v1/nodes/${node1}', J(), {}),
    S('put_node_item', 'PUT', '/v1/nodes/${node1}', J(), {}),
    S('patch_ports_collection', 'PATCH', '/v1/ports', J(), []),
    S('allocations_list', 'GET', '/v1/allocations', h(LATEST)),
    S('deploy_templates_list', 'GET', '/v1/deploy_templates', h(LATEST)),
    S('volume_root', 'GET', '/v1/volume', h(LATEST)),
    S('healthcheck', 'GET', '/healthcheck'),
    S('head_nodes', 'HEAD', '/v1/nodes', h(LATEST)),
    S('options_nodes', 'OPTIONS', '/v1/nodes', h(LATEST)),
    S('node_show_with_x_auth_token', 'GET', '/v1/nodes/node-ipmi',
      h(LATEST, **{'X-Auth-Token': 'garbage'})),
    # ------------------------------------------------------------- deletions
    S('node_delete_with_ports', 'DELETE', '/v1/nodes/${node1}', h(LATEST)),
    S('ports_after_node_delete', 'GET', '/v1/ports?fields=uuid,address',
      h(LATEST)),
    S('node_delete_by_name', 'DELETE', '/v1/nodes/node-ipmi', h(LATEST)),
    S('node_delete_manageable', 'DELETE', '/v1/nodes/${node0}', h(LATEST)),
    S('node_delete_missing', 'DELETE',
      '/v1/nodes/11111111-2222-3333-4444-555555555555', h(LATEST)),
    S('node_delete_missing_name', 'DELETE', '/v1/nodes/no-such-node',
      h(LATEST)),
    S('nodes_list_end', 'GET', '/v1/nodes?fields=uuid,name,provision_state',
      h(LATEST)),
]

UUID_RE = re.compile(
    r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-'
    r'[0-9a-fA-F]{12}')
REQ_RE = re.compile(r'req-[0-9a-fA-F-]{36}')
TS_RE = re.compile(
    r'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(\+\d{2}:\d{2}|Z)?')
FIXED_UUIDS = {'11111111-2222-3333-4444-555555555555',
               'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'}


def subst(obj, ctx):
    if isinstance(obj, str):
        def rep(m):
            return str(ctx.get(m.group(1), '${%s}' % m.group(1)))
        return re.sub(r'\$\{(\w+)\}', rep, obj)
    if isinstance(obj, list):
        return [subst(x, ctx) for x in obj]
    if isinstance(obj, dict):
        return {k: subst(v, ctx) for k, v in obj.items()}
    return obj


class Normalizer:
    def __init__(self, base, ctx):
        self.base = base.rstrip('/')
        parsed = urllib.parse.urlsplit(self.base)
        self.hostport = parsed.netloc
        self.ctx = ctx

    def s(self, text):
        if not isinstance(text, str):
            return text
        text = text.replace(self.base, '<BASE>')
        text = text.replace(self.hostport, '<HOSTPORT>')
        text = REQ_RE.sub('<REQ_ID>', text)
        rev = {str(v).lower(): k for k, v in self.ctx.items()
               if isinstance(v, str)}

        def urep(m):
            u = m.group(0).lower()
            if u in FIXED_UUIDS:
                return u
            if u in rev:
                return '<uuid:%s>' % rev[u]
            return '<UUID>'
        text = UUID_RE.sub(urep, text)
        text = TS_RE.sub('<TS>', text)
        text = re.sub(r' object at 0x[0-9a-fA-F]+>', ' object at 0xADDR>', text)
        if len(text) > 2000 and set(text) == {'x'}:
            text = '<BIG:%d>' % len(text)
        return text

    def obj(self, o):
        if isinstance(o, str):
            return self.s(o)
        if isinstance(o, list):
            return [self.obj(x) for x in o]
        if isinstance(o, dict):
            return {self.s(k): self.obj(v) for k, v in o.items()}
        return o

    def headers(self, hdrs):
        out = []
        for k, v in hdrs:
            lk = k.lower()
            if lk == 'date':
                v = '<DATE>'
            elif lk == 'content-length':
                v = '<LEN>'
            else:
                v = self.s(v)
            out.append([k, v])
        return out


def parse_body(data):
    if not data:
        return None, ''
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        return None, repr(data)
    try:
        return json.loads(text), text
    except ValueError:
        return None, text


def expand_error(js):
    """Ironic errors: {"error_message": "<json string>"} -> add parsed copy."""
    if isinstance(js, dict) and isinstance(js.get('error_message'), str):
        try:
            inner = json.loads(js['error_message'])
            js = dict(js)
            js['_error_message_parsed'] = inner
        except ValueError:
            pass
    return js


def do_request(base, step, ctx):
    parsed = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port or 80,
                                      timeout=120)
    path = subst(step['path'], ctx)
    headers = dict(step['headers'])
    body_bytes = None
    body_repr = None
    if step['raw'] is not None:
        raw = step['raw']
        body_bytes = raw if isinstance(raw, bytes) else raw.encode()
        body_repr = body_bytes.decode('utf-8', 'replace')
    elif step['body'] is not None:
        body = subst(step['body'], ctx)
        body_bytes = json.dumps(body).encode()
        body_repr = body
    if body_bytes is not None:
        headers['Content-Length'] = str(len(body_bytes))
    conn.putrequest(step['method'], path, skip_accept_encoding=True)
    sent = [['Host', parsed.netloc]]
    for k, v in headers.items():
        conn.putheader(k, v)
        sent.append([k, v])
    conn.endheaders()
    if body_bytes:
        conn.send(body_bytes)
    try:
        resp = conn.getresponse()
        status, reason = resp.status, resp.reason
        rhdrs = [[k, v] for k, v in resp.getheaders()]
        data = resp.read()
    except Exception as e:  # connection reset etc.
        status, reason, rhdrs, data = 0, 'CLIENT-ERROR: %r' % e, [], b''
    conn.close()
    js, text = parse_body(data)
    body_repr = truncate_big(body_repr)
    return dict(method=step['method'], path=path, request_headers=sent,
                request_body=body_repr, status=status, reason=reason,
                response_headers=rhdrs,
                response_json=expand_error(js) if js is not None else None,
                response_text=None if js is not None else text)


def extract(rec, spec):
    if spec == 'location':
        for k, v in rec['response_headers']:
            if k.lower() == 'location':
                return v.rstrip('/').split('/')[-1]
        return None
    if spec.startswith('json:'):
        js = rec.get('response_json')
        if isinstance(js, dict):
            return js.get(spec[5:])
    return None


def truncate_big(o):
    if isinstance(o, str) and len(o) > 2000:
        return o[:100] + '...<%d chars>' % len(o)
    if isinstance(o, list):
        return [truncate_big(x) for x in o]
    if isinstance(o, dict):
        return {k: truncate_big(v) for k, v in o.items()}
    return o


def render(i, label, rec):
    lines = ['### %03d %s' % (i, label),
             '%s %s' % (rec['method'], rec['path']), '',
             '--- request headers']
    for k, v in rec['request_headers']:
        lines.append('%s: %s' % (k, v))
    lines += ['', '--- request body']
    rb = rec['request_body']
    lines.append(json.dumps(rb, indent=2, sort_keys=False)
                 if rb is not None and not isinstance(rb, str) else str(rb))
    lines += ['', '--- response status', '%s %s' % (rec['status'],
                                                  rec['reason']),
              '', '--- response headers']
    for k, v in rec['response_headers']:
        lines.append('%s: %s' % (k, v))
    lines += ['', '--- response body']
    if rec['response_json'] is not None:
        lines.append(json.dumps(truncate_big(rec['response_json']), indent=2))
    else:
        lines.append(rec['response_text'] or '')
    return '\n'.join(lines) + '\n'


def start(doc):
    """Command line of capture.py and lifecycle.py: BASE_URL OUT_DIR [--normalize]. Empties OUT_DIR's numbered
    captures and returns (base, out, normalize)."""
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    if len(args) != 2:
        print(doc)
        sys.exit(2)
    base, out = args[0].rstrip('/'), args[1]
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        if f.endswith('.txt') and f[:3].isdigit():
            os.remove(os.path.join(out, f))
    return base, out, '--normalize' in sys.argv


def main():
    base, out, normalize = start(__doc__)
    ctx = {}
    results = []
    for i, step in enumerate(STEPS, 1):
        rec = do_request(base, step, ctx)
        for var, spec in step['save'].items():
            val = extract(rec, spec)
            if val is not None and 200 <= rec['status'] < 300:
                ctx[var] = val
        results.append((i, step, rec))
        print('%03d %-45s %s %s -> %s' % (i, step['label'], rec['method'],
                                          rec['path'][:60], rec['status']))
    norm = Normalizer(base, ctx)
    combined = []
    for i, step, rec in results:
        nrec = dict(rec)
        nrec['path'] = norm.s(rec['path'])
        nrec['request_headers'] = norm.headers(rec['request_headers'])
        nrec['request_body'] = norm.obj(rec['request_body'])
        nrec['response_headers'] = norm.headers(rec['response_headers'])
        nrec['response_json'] = norm.obj(truncate_big(rec['response_json']))
        nrec['response_text'] = norm.s(rec['response_text'])
        raw = dict(rec)
        raw['response_json'] = truncate_big(rec['response_json'])
        combined.append(dict(index=i, label=step['label'], raw=raw,
                             normalized=nrec))
        fname = '%03d_%s_%s.txt' % (i, rec['method'],
                                    re.sub(r'[^A-Za-z0-9_.-]', '_',
                                           step['label']))
        with open(os.path.join(out, fname), 'w') as f:
            f.write(render(i, step['label'], nrec if normalize else rec))
    with open(os.path.join(out, 'capture.json'), 'w') as f:
        json.dump(dict(base=base, vars=ctx, requests=combined), f, indent=1)
    print('wrote %d requests to %s' % (len(combined), out))


if __name__ == '__main__':
    main()
