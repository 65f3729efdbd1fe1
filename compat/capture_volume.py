#!/usr/bin/python3
"""Capture of the volume connector/target API (1.32+), in capture.py's format.

Usage:
    /usr/bin/python3 capture_volume.py BASE_URL OUT_DIR [--power-off-cmd=CMD]

The server must start with an EMPTY database. Half-way through, node n0 must be
powered off: by default with PUT /v1/nodes/{n0}/states/power (Ironic), or, for a
server without power actions, by running CMD through the shell with {node}
replaced by n0's UUID, e.g. for Ferrum on PostgreSQL:
    --power-off-cmd="psql -h 127.0.0.1 -U postgres ferrum -c \\"UPDATE nodes SET power_state='power off' WHERE uuid='{node}'\\""
Compare two captures with compare.py.
"""
import json
import os
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import capture  # noqa: E402
from capture import S, h, J, LATEST  # noqa: E402

C = '/v1/volume/connectors'
T = '/v1/volume/targets'
MISSING = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'

BEFORE_POWER_OFF = [
    S('v1_1.31', 'GET', '/v1/', h('1.31')),
    S('v1_1.32', 'GET', '/v1/', h('1.32')),
    S('node0_create', 'POST', '/v1/nodes', J(),
      body={'driver': 'fake-hardware', 'name': 'vol-n0'}, save={'n0': 'json:uuid'}),
    S('node1_create', 'POST', '/v1/nodes', J(),
      body={'driver': 'fake-hardware', 'name': 'vol-n1'}, save={'n1': 'json:uuid'}),
    S('node_show_1.31', 'GET', '/v1/nodes/${n0}', h('1.31')),
    S('node_show_1.32', 'GET', '/v1/nodes/${n0}', h('1.32')),
    S('node_show_fields', 'GET', '/v1/nodes/${n0}?fields=uuid', h(LATEST)),
    S('volume_1.31', 'GET', '/v1/volume', h('1.31')),
    S('volume_1.32', 'GET', '/v1/volume', h('1.32')),
    S('volume_slash', 'GET', '/v1/volume/', h(LATEST)),
    S('connectors_1.31', 'GET', C, h('1.31')),
    S('targets_1.31', 'GET', T, h('1.31')),
    S('connector_create_1.31', 'POST', C, J('1.31'),
      body={'node_uuid': '${n0}', 'type': 'iqn', 'connector_id': 'iqn.x:old'}),
    S('node_volume_1.31', 'GET', '/v1/nodes/${n0}/volume', h('1.31')),
    S('node_volume', 'GET', '/v1/nodes/${n0}/volume', h(LATEST)),
    S('node_volume_by_name', 'GET', '/v1/nodes/vol-n0/volume', h(LATEST)),
    S('node_volume_missing', 'GET', '/v1/nodes/%s/volume' % MISSING, h(LATEST)),
    S('node_volume_connectors_1.31', 'GET', '/v1/nodes/${n0}/volume/connectors', h('1.31')),
    # connectors: create
    S('connector_create', 'POST', C, J(),
      body={'node_uuid': '${n0}', 'type': 'iqn', 'connector_id': 'iqn.2017-01.org.example:c1',
            'extra': {'k': 'v'}}, save={'c1': 'json:uuid'}),
    S('connector_create_ip', 'POST', C, J(),
      body={'node_uuid': '${n0}', 'type': 'ip', 'connector_id': '192.0.2.10'}, save={'c2': 'json:uuid'}),
    S('connector_create_n1', 'POST', C, J(),
      body={'node_uuid': '${n1}', 'type': 'wwpn', 'connector_id': '50:01:43:80:12:34:56:78',
            'uuid': '11111111-2222-3333-4444-555555555555'}, save={'c3': 'json:uuid'}),
    S('connector_create_dup_type_id', 'POST', C, J(),
      body={'node_uuid': '${n1}', 'type': 'iqn', 'connector_id': 'iqn.2017-01.org.example:c1'}),
    S('connector_create_same_id_other_type', 'POST', C, J(),
      body={'node_uuid': '${n1}', 'type': 'ip', 'connector_id': 'iqn.2017-01.org.example:c1'},
      save={'c4': 'json:uuid'}),
    S('connector_create_dup_uuid', 'POST', C, J(),
      body={'node_uuid': '${n1}', 'type': 'mac', 'connector_id': '52:54:00:00:00:01',
            'uuid': '11111111-2222-3333-4444-555555555555'}),
    S('connector_create_bogus_type', 'POST', C, J(),
      body={'node_uuid': '${n1}', 'type': 'bogus', 'connector_id': 'b1'}),
    S('connector_create_no_type', 'POST', C, J(),
      body={'node_uuid': '${n1}', 'connector_id': 'x1'}),
    S('connector_create_no_id', 'POST', C, J(), body={'node_uuid': '${n1}', 'type': 'iqn'}),
    S('connector_create_no_node', 'POST', C, J(), body={'type': 'iqn', 'connector_id': 'x2'}),
    S('connector_create_node_missing', 'POST', C, J(),
      body={'node_uuid': MISSING, 'type': 'iqn', 'connector_id': 'x3'}),
    S('connector_create_node_name', 'POST', C, J(),
      body={'node_uuid': 'vol-n0', 'type': 'iqn', 'connector_id': 'x4'}),
    S('connector_create_bad_uuid', 'POST', C, J(),
      body={'node_uuid': '${n0}', 'type': 'iqn', 'connector_id': 'x5', 'uuid': 'nope'}),
    S('connector_create_unknown_field', 'POST', C, J(),
      body={'node_uuid': '${n0}', 'type': 'iqn', 'connector_id': 'x6', 'bogus': 1}),
    S('connector_create_readonly_field', 'POST', C, J(),
      body={'node_uuid': '${n0}', 'type': 'iqn', 'connector_id': 'x7', 'created_at': 'x'}),
    S('connector_create_extra_list', 'POST', C, J(),
      body={'node_uuid': '${n0}', 'type': 'iqn', 'connector_id': 'x8', 'extra': [1]}),
    S('connector_create_type_int', 'POST', C, J(),
      body={'node_uuid': '${n0}', 'type': 1, 'connector_id': 'x9'}),
    S('connector_create_extra_null', 'POST', C, J(),
      body={'node_uuid': '${n1}', 'type': 'mac', 'connector_id': '52:54:00:00:00:02', 'extra': None},
      save={'c5': 'json:uuid'}),
    S('connector_create_node_subresource', 'POST', '/v1/nodes/${n0}/volume/connectors', J(),
      body={'node_uuid': '${n0}', 'type': 'iqn', 'connector_id': 'x10'}),
    # connectors: read
    S('connectors_list', 'GET', C, h(LATEST)),
    S('connectors_detail_true', 'GET', C + '?detail=True', h(LATEST)),
    S('connectors_detail_url', 'GET', C + '/detail', h(LATEST)),
    S('connectors_fields', 'GET', C + '?fields=uuid,extra', h(LATEST)),
    S('connectors_fields_bogus', 'GET', C + '?fields=uuid,bogus', h(LATEST)),
    S('connectors_fields_detail', 'GET', C + '?fields=uuid&detail=true', h(LATEST)),
    S('connectors_node', 'GET', C + '?node=${n0}', h(LATEST)),
    S('connectors_node_name', 'GET', C + '?node=vol-n1', h(LATEST)),
    S('connectors_node_missing', 'GET', C + '?node=%s' % MISSING, h(LATEST)),
    S('connectors_node_uuid_param', 'GET', C + '?node_uuid=${n0}', h(LATEST)),
    S('connectors_limit', 'GET', C + '?limit=2', h(LATEST)),
    S('connectors_limit_detail', 'GET', C + '?limit=2&detail=true&node=${n0}', h(LATEST)),
    S('connectors_marker', 'GET', C + '?limit=2&marker=${c2}', h(LATEST)),
    S('connectors_marker_missing', 'GET', C + '?marker=%s' % MISSING, h(LATEST)),
    S('connectors_sort_type_desc', 'GET', C + '?sort_key=type&sort_dir=desc', h(LATEST)),
    S('connectors_sort_extra', 'GET', C + '?sort_key=extra', h(LATEST)),
    S('connectors_sort_bogus', 'GET', C + '?sort_key=bogus', h(LATEST)),
    S('connectors_bogus_param', 'GET', C + '?bogus=1', h(LATEST)),
    S('connector_show', 'GET', C + '/${c1}', h(LATEST)),
    S('connector_show_fields', 'GET', C + '/${c1}?fields=type,connector_id', h(LATEST)),
    S('connector_show_missing', 'GET', C + '/' + MISSING, h(LATEST)),
    S('connector_show_not_uuid', 'GET', C + '/nope', h(LATEST)),
    S('connector_show_1.31', 'GET', C + '/${c1}', h('1.31')),
    S('node_connectors', 'GET', '/v1/nodes/${n0}/volume/connectors', h(LATEST)),
    S('node_connectors_detail', 'GET', '/v1/nodes/${n0}/volume/connectors?detail=true', h(LATEST)),
    S('node_connectors_detail_url', 'GET', '/v1/nodes/${n0}/volume/connectors/detail', h(LATEST)),
    S('node_connectors_limit', 'GET', '/v1/nodes/${n0}/volume/connectors?limit=1', h(LATEST)),
    S('node_connectors_node_param', 'GET', '/v1/nodes/${n0}/volume/connectors?node=${n1}', h(LATEST)),
    S('node_connector_show', 'GET', '/v1/nodes/${n0}/volume/connectors/${c1}', h(LATEST)),
    S('node_connectors_missing_node', 'GET', '/v1/nodes/%s/volume/connectors' % MISSING, h(LATEST)),
    # targets: create
    S('target_create', 'POST', T, J(),
      body={'node_uuid': '${n0}', 'volume_type': 'iscsi', 'boot_index': 0, 'volume_id': 'vol-0',
            'properties': {'auth_password': 'secret', 'target_iqn': 'iqn.t'}}, save={'t1': 'json:uuid'}),
    S('target_create_1', 'POST', T, J(),
      body={'node_uuid': '${n0}', 'volume_type': 'iscsi', 'boot_index': 1, 'volume_id': 'vol-1'},
      save={'t2': 'json:uuid'}),
    S('target_create_n1', 'POST', T, J(),
      body={'node_uuid': '${n1}', 'volume_type': 'fibre_channel', 'boot_index': 0, 'volume_id': 'vol-2'},
      save={'t3': 'json:uuid'}),
    S('target_create_dup_boot_index', 'POST', T, J(),
      body={'node_uuid': '${n0}', 'volume_type': 'iscsi', 'boot_index': 1, 'volume_id': 'vol-3'}),
    S('target_create_dup_uuid', 'POST', T, J(),
      body={'node_uuid': '${n1}', 'volume_type': 'iscsi', 'boot_index': 5, 'volume_id': 'vol-4',
            'uuid': '${t1}'}),
    S('target_create_no_boot_index', 'POST', T, J(),
      body={'node_uuid': '${n0}', 'volume_type': 'iscsi', 'volume_id': 'vol-5'}),
    S('target_create_no_volume_id', 'POST', T, J(),
      body={'node_uuid': '${n0}', 'volume_type': 'iscsi', 'boot_index': 7}),
    S('target_create_no_volume_type', 'POST', T, J(),
      body={'node_uuid': '${n0}', 'boot_index': 7, 'volume_id': 'vol-6'}),
    S('target_create_boot_index_str', 'POST', T, J(),
      body={'node_uuid': '${n0}', 'volume_type': 'iscsi', 'boot_index': '2', 'volume_id': 'vol-7'}),
    S('target_create_properties_list', 'POST', T, J(),
      body={'node_uuid': '${n0}', 'volume_type': 'iscsi', 'boot_index': 8, 'volume_id': 'vol-8',
            'properties': [1]}),
    S('target_create_node_missing', 'POST', T, J(),
      body={'node_uuid': MISSING, 'volume_type': 'iscsi', 'boot_index': 0, 'volume_id': 'vol-9'}),
    S('target_create_1.31', 'POST', T, J('1.31'),
      body={'node_uuid': '${n0}', 'volume_type': 'iscsi', 'boot_index': 9, 'volume_id': 'vol-10'}),
    # targets: read
    S('targets_list', 'GET', T, h(LATEST)),
    S('targets_detail_true', 'GET', T + '?detail=true', h(LATEST)),
    S('targets_fields', 'GET', T + '?fields=uuid,properties', h(LATEST)),
    S('targets_node', 'GET', T + '?node=vol-n1', h(LATEST)),
    S('targets_limit', 'GET', T + '?limit=1&sort_key=boot_index', h(LATEST)),
    S('targets_sort_properties', 'GET', T + '?sort_key=properties', h(LATEST)),
    S('target_show', 'GET', T + '/${t1}', h(LATEST)),
    S('target_show_missing', 'GET', T + '/' + MISSING, h(LATEST)),
    S('node_targets', 'GET', '/v1/nodes/${n0}/volume/targets', h(LATEST)),
    S('node_targets_detail', 'GET', '/v1/nodes/${n0}/volume/targets?detail=True', h(LATEST)),
    S('node_target_show', 'GET', '/v1/nodes/${n0}/volume/targets/${t1}', h(LATEST)),
    # writes refused while the node's power state is not "power off"
    S('connector_patch_power_none', 'PATCH', C + '/${c1}', J(),
      body=[{'op': 'add', 'path': '/extra/a', 'value': 1}]),
    S('connector_delete_power_none', 'DELETE', C + '/${c1}', h(LATEST)),
    S('target_patch_power_none', 'PATCH', T + '/${t1}', J(),
      body=[{'op': 'replace', 'path': '/volume_id', 'value': 'vol-x'}]),
    S('target_delete_power_none', 'DELETE', T + '/${t1}', h(LATEST)),
    S('connector_patch_bad_path_power_none', 'PATCH', C + '/${c1}', J(),
      body=[{'op': 'add', 'path': '/bogus', 'value': 1}]),
    S('connector_patch_missing', 'PATCH', C + '/' + MISSING, J(),
      body=[{'op': 'add', 'path': '/extra/a', 'value': 1}]),
    S('connector_delete_missing', 'DELETE', C + '/' + MISSING, h(LATEST)),
    S('connector_delete_not_uuid', 'DELETE', C + '/nope', h(LATEST)),
    S('connector_patch_1.31', 'PATCH', C + '/${c1}', J('1.31'),
      body=[{'op': 'add', 'path': '/extra/a', 'value': 1}]),
    S('connector_delete_1.31', 'DELETE', C + '/${c1}', h('1.31')),
]

AFTER_POWER_OFF = [
    S('node0_powered_off', 'GET', '/v1/nodes/${n0}?fields=power_state', h(LATEST)),
    S('connector_patch_extra', 'PATCH', C + '/${c1}', J(),
      body=[{'op': 'add', 'path': '/extra/a', 'value': 1}]),
    S('connector_patch_type', 'PATCH', C + '/${c1}', J(),
      body=[{'op': 'replace', 'path': '/type', 'value': 'wwnn'}]),
    S('connector_patch_dup', 'PATCH', C + '/${c2}', J(),
      body=[{'op': 'replace', 'path': '/type', 'value': 'wwpn'},
            {'op': 'replace', 'path': '/connector_id', 'value': '50:01:43:80:12:34:56:78'}]),
    S('connector_patch_bogus_type', 'PATCH', C + '/${c2}', J(),
      body=[{'op': 'replace', 'path': '/type', 'value': 'bogus'}]),
    S('connector_patch_uuid', 'PATCH', C + '/${c2}', J(),
      body=[{'op': 'replace', 'path': '/uuid', 'value': MISSING}]),
    S('connector_patch_bogus_path', 'PATCH', C + '/${c2}', J(),
      body=[{'op': 'add', 'path': '/bogus', 'value': 1}]),
    S('connector_patch_remove_type', 'PATCH', C + '/${c2}', J(),
      body=[{'op': 'remove', 'path': '/type'}]),
    S('connector_patch_remove_extra', 'PATCH', C + '/${c2}', J(),
      body=[{'op': 'remove', 'path': '/extra'}]),
    S('connector_patch_type_int', 'PATCH', C + '/${c2}', J(),
      body=[{'op': 'replace', 'path': '/type', 'value': 5}]),
    S('connector_patch_node_missing', 'PATCH', C + '/${c2}', J(),
      body=[{'op': 'replace', 'path': '/node_uuid', 'value': MISSING}]),
    S('connector_patch_node_not_uuid', 'PATCH', C + '/${c2}', J(),
      body=[{'op': 'replace', 'path': '/node_uuid', 'value': 'vol-n1'}]),
    S('connector_patch_empty', 'PATCH', C + '/${c2}', J(), body=[]),
    S('connector_patch_node_sub', 'PATCH', '/v1/nodes/${n0}/volume/connectors/${c2}', J(),
      body=[{'op': 'add', 'path': '/extra/a', 'value': 1}]),
    S('connector_patch_move_node', 'PATCH', C + '/${c2}', J(),
      body=[{'op': 'replace', 'path': '/node_uuid', 'value': '${n1}'}]),
    S('connector_show_moved', 'GET', C + '/${c2}', h(LATEST)),
    S('connector_delete_node_sub', 'DELETE', '/v1/nodes/${n0}/volume/connectors/${c1}', h(LATEST)),
    S('connector_delete', 'DELETE', C + '/${c1}', h(LATEST)),
    S('connector_delete_again', 'DELETE', C + '/${c1}', h(LATEST)),
    S('target_patch', 'PATCH', T + '/${t1}', J(),
      body=[{'op': 'replace', 'path': '/volume_id', 'value': 'vol-x'},
            {'op': 'add', 'path': '/properties/lun', 'value': 3}]),
    S('target_patch_dup_boot_index', 'PATCH', T + '/${t1}', J(),
      body=[{'op': 'replace', 'path': '/boot_index', 'value': 1}]),
    S('target_patch_boot_index_str', 'PATCH', T + '/${t1}', J(),
      body=[{'op': 'replace', 'path': '/boot_index', 'value': 'one'}]),
    S('target_patch_remove_boot_index', 'PATCH', T + '/${t1}', J(),
      body=[{'op': 'remove', 'path': '/boot_index'}]),
    S('target_patch_remove_properties', 'PATCH', T + '/${t1}', J(),
      body=[{'op': 'remove', 'path': '/properties'}]),
    S('target_delete', 'DELETE', T + '/${t2}', h(LATEST)),
    S('target_delete_again', 'DELETE', T + '/${t2}', h(LATEST)),
    S('node0_delete', 'DELETE', '/v1/nodes/${n0}', h(LATEST)),
    S('connectors_after_node_delete', 'GET', C + '?detail=true', h(LATEST)),
    S('targets_after_node_delete', 'GET', T + '?detail=true', h(LATEST)),
    S('target_show_deleted_node', 'GET', T + '/${t1}', h(LATEST)),
]


def power_off(base, node, cmd):
    if cmd:
        subprocess.run(cmd.replace('{node}', node), shell=True, check=True)
        return
    req = urllib.request.Request(base + '/v1/nodes/%s/states/power' % node, method='PUT',
                                 data=json.dumps({'target': 'power off'}).encode(),
                                 headers={capture.V: LATEST, 'Content-Type': 'application/json'})
    urllib.request.urlopen(req).read()
    for _ in range(120):
        req = urllib.request.Request(base + '/v1/nodes/%s' % node, headers={capture.V: LATEST})
        if json.load(urllib.request.urlopen(req)).get('power_state') == 'power off':
            return
        time.sleep(0.5)
    raise SystemExit('node %s did not power off' % node)


def main():
    cmd = next((a.split('=', 1)[1] for a in sys.argv[1:] if a.startswith('--power-off-cmd=')), None)
    sys.argv = [a for a in sys.argv if not a.startswith('--power-off-cmd=')]
    base = [a for a in sys.argv[1:] if not a.startswith('--')][0].rstrip('/')
    # capture.main() runs every step in one go; the power-off happens in a marker step's save hook.
    original = capture.do_request

    def do_request(b, step, ctx):
        if step['label'] == 'node0_powered_off':
            power_off(base, ctx['n0'], cmd)
        return original(b, step, ctx)

    capture.do_request = do_request
    capture.STEPS = BEFORE_POWER_OFF + AFTER_POWER_OFF
    capture.main()


if __name__ == '__main__':
    main()
