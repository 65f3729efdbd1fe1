"""IPMI BMCs for Ferrum's tests and benchmarks, on pyghmi's BMC server (run with /usr/bin/python3).

One process serves --count BMCs on UDP ports --first-port.. (pyghmi runs every BMC of a process in one event
loop). Each BMC keeps its power state, boot flags and the power commands it received, and rewrites
<state-dir>/bmc-<port>.json on every change so tests can assert on the BMC's own state. A file
<state-dir>/bmc-<port>.busy holding a number N makes the next N chassis commands answer "node busy" (0xC0),
a transient error real BMCs return. The password comes from the LAB_BMC_PASSWORD environment variable.
"""

import argparse
import json
import os
import sys

import pyghmi.ipmi.bmc as bmc

ACTIONS = {0: 'off', 1: 'on', 2: 'cycle', 3: 'reset', 4: 'diag', 5: 'soft'}


class LabBmc(bmc.Bmc):
    def __init__(self, authdata, port, state_dir):
        super().__init__(authdata, port=port)
        self.state_file = os.path.join(state_dir, 'bmc-%d.json' % port)
        self.busy_file = os.path.join(state_dir, 'bmc-%d.busy' % port)
        self.power = 'off'
        self.flags = [0, 0, 0, 0, 0]  # boot option 5 data bytes, as last set
        self.actions = []
        self.publish()

    def publish(self):
        tmp = self.state_file + '.tmp'
        with open(tmp, 'w') as f:
            json.dump({'power': self.power, 'flags': self.flags, 'actions': self.actions}, f)
        os.replace(tmp, self.state_file)

    def busy(self):
        try:
            with open(self.busy_file) as f:
                left = int(f.read().strip() or '0')
        except (OSError, ValueError):
            return False
        if left <= 0:
            return False
        with open(self.busy_file, 'w') as f:
            f.write(str(left - 1))
        return True

    def get_power_state(self):
        return self.power

    def is_active(self):
        return self.power == 'on'

    def control_chassis(self, request, session):
        if self.busy():
            return session.send_ipmi_response(code=0xc0)
        directive = request['data'][0]
        if directive not in ACTIONS:
            return session.send_ipmi_response(code=0xcc)
        self.actions.append(ACTIONS[directive])
        if directive in (0, 5):
            self.power = 'off'
        elif directive in (1, 2, 3):
            self.power = 'on'
        self.publish()
        session.send_ipmi_response()

    def set_system_boot_options(self, request, session):
        data = request['data']
        if data[0] & 0x7f == 5 and len(data) >= 6:
            self.flags = list(data[1:6])
            self.publish()
        session.send_ipmi_response()  # parameters 0, 3 and 4 are acknowledged and otherwise ignored

    def get_system_boot_options(self, request, session):
        if request['data'][0] & 0x7f == 5:
            return session.send_ipmi_response(data=[1, 5] + self.flags)
        session.send_ipmi_response(code=0x80)  # parameter not supported

    def cold_reset(self):
        self.actions.append('bmc-reset')
        self.publish()
        return 0


def main():
    p = argparse.ArgumentParser(description='IPMI BMCs on pyghmi')
    p.add_argument('--first-port', type=int, required=True)
    p.add_argument('--count', type=int, default=1)
    p.add_argument('--username', default='admin')
    p.add_argument('--state-dir', required=True)
    args = p.parse_args()
    password = os.environ.get('LAB_BMC_PASSWORD', 'password')
    os.makedirs(args.state_dir, exist_ok=True)
    for i in range(args.count):
        LabBmc({args.username: password}, args.first_port + i, args.state_dir)
    last = args.first_port + args.count - 1
    print('pyghmi bmcs listening on 127.0.0.1:%d..%d' % (args.first_port, last), flush=True)
    bmc.Bmc.listen(timeout=30)


if __name__ == '__main__':
    sys.exit(main())
