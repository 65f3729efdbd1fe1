#!/usr/bin/python3
"""openstacksdk (Debian's python3-openstacksdk) against a noauth Ferrum: the calls Nova and Metal3-style
tools make. Exits non-zero with a message on the first wrong answer."""
import sys

import openstack

conn = openstack.connect(auth_type='none', baremetal_endpoint_override=sys.argv[1])
bm = conn.baremetal

# By default create_node drives the node through manage and provide and waits for 'available'.
node = bm.create_node(driver='fake-hardware', name='sdk-1', properties={'cpus': 2},
                      driver_info={'ipmi_password': 'pw'}, resource_class='gold')
assert node.provision_state == 'available', node.provision_state
assert node.driver_info['ipmi_password'] == '******', node.driver_info
assert node.resource_class == 'gold'

node = bm.patch_node(node, [{'op': 'add', 'path': '/extra/foo', 'value': 'bar'},
                            {'op': 'replace', 'path': '/name', 'value': 'sdk-1'}])
assert node.extra == {'foo': 'bar'}, node.extra

node = bm.update_node(node, properties={'cpus': 4})
assert node.properties == {'cpus': 4}, node.properties

assert bm.get_node('sdk-1').id == node.id
for i in range(3):
    bm.create_node(driver='fake-hardware', name='sdk-extra-%d' % i, provision_state='enroll')
detailed = list(bm.nodes(details=True))
assert len(detailed) == 4, detailed
assert all(n.driver == 'fake-hardware' for n in detailed)
names = sorted(n.name for n in bm.nodes(fields=['uuid', 'name']))
assert names == ['sdk-1', 'sdk-extra-0', 'sdk-extra-1', 'sdk-extra-2'], names
paged = list(bm.nodes(limit=2))
assert len(paged) == 4, 'pagination returned %d nodes' % len(paged)

# the lifecycle as Nova and Metal3 drive it: deploy with a config drive, power, undeploy
node = bm.set_node_provision_state(node, 'active', config_drive={'user_data': '#cloud-config'}, wait=True, timeout=60)
assert node.provision_state == 'active', node.provision_state
bm.set_node_power_state(node, 'power on', wait=True, timeout=60)
assert bm.get_node(node.id).power_state == 'power on'
node = bm.set_node_provision_state(node, 'deleted', wait=True, timeout=60)
assert node.provision_state == 'available', node.provision_state
assert bm.validate_node(node.id, required=('power', 'deploy'))['power'].result

port = bm.create_port(node_uuid=node.id, address='52:54:00:12:34:56')
assert [p.id for p in bm.ports(details=True, node_id=node.id)] == [port.id]
assert [d.name for d in bm.drivers()] == ['fake-hardware', 'ipmi', 'manual-management', 'redfish']
assert [c.alive for c in bm.conductors()] == [True]

bm.delete_port(port)
for n in list(bm.nodes()):
    bm.delete_node(n)
assert list(bm.nodes()) == []
print('OK')
