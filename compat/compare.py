#!/usr/bin/python3
"""Diff two capture dirs produced by capture.py (or two version_fields dirs).

Usage:
    /usr/bin/python3 compare.py REF_DIR OTHER_DIR [options]

Options:
    --keys-only       compare JSON key sets only (not values)
    --key-order       also report differing key order inside JSON objects
    --headers-values  also compare header values (normalized) besides names
    --only=SUBSTR     only requests whose label contains SUBSTR
    --summary         one line per request (OK / DIFF) instead of details

Compares per request (matched by index; label mismatch is reported):
  * status code
  * response header NAMES (case-insensitive; Date/Content-Length/Server are
    ignored for values, and 'Server'/'Connection' names are ignored)
  * JSON body after normalization (capture.py 'normalized' section):
    key sets and values.  For Ironic error bodies the JSON-in-a-string
    'error_message' is compared via its parsed form '_error_message_parsed'.
Lists of strings under enabled_*_interfaces / hosts / drivers are compared
as sets (real Ironic returns them in random order).  Known remaining
Ironic non-determinism: /v1/drivers/ipmi/properties descriptions of
'deploy_ramdisk'/'deploy_kernel' vary between runs (dict merge order).
Exit code 0 if no differences, 1 otherwise.
"""
import json
import os
import sys

IGNORED_HEADER_NAMES = {'server', 'connection', 'keep-alive',
                        'transfer-encoding'}


def load(d):
    p = os.path.join(d, 'capture.json')
    with open(p) as f:
        return json.load(f)


def unordered(path):
    last = path.rsplit('/', 1)[-1]
    return (last.startswith('enabled_') and last.endswith('_interfaces')) \
        or last in ('hosts', 'drivers')


def jdiff(a, b, path, out, keys_only, key_order):
    if isinstance(a, list) and isinstance(b, list) and unordered(path) \
            and all(isinstance(x, str) for x in a + b):
        if sorted(a) != sorted(b) and not keys_only:
            out.append('%s: set REF %s / OTHER %s' % (path, sorted(a),
                                                      sorted(b)))
        return
    if isinstance(a, dict) and isinstance(b, dict):
        ka, kb = set(a), set(b)
        for k in sorted(ka - kb):
            out.append('%s: key %r missing in OTHER' % (path or '/', k))
        for k in sorted(kb - ka):
            out.append('%s: key %r extra in OTHER' % (path or '/', k))
        if key_order:
            common_a = [k for k in a if k in kb]
            common_b = [k for k in b if k in ka]
            if common_a != common_b:
                out.append('%s: key order differs: REF %s / OTHER %s'
                           % (path or '/', common_a, common_b))
        for k in sorted(ka & kb):
            if k == 'error_message' and '_error_message_parsed' in a \
                    and '_error_message_parsed' in b:
                continue
            jdiff(a[k], b[k], '%s/%s' % (path, k), out, keys_only, key_order)
        return
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append('%s: list length REF %d / OTHER %d'
                       % (path, len(a), len(b)))
        for i, (x, y) in enumerate(zip(a, b)):
            jdiff(x, y, '%s[%d]' % (path, i), out, keys_only, key_order)
        return
    if type(a) != type(b) and not (isinstance(a, (int, float)) and
                                   isinstance(b, (int, float))
                                   and not isinstance(a, bool)
                                   and not isinstance(b, bool)):
        out.append('%s: type REF %s=%r / OTHER %s=%r'
                   % (path, type(a).__name__, a, type(b).__name__, b))
        return
    if not keys_only and a != b:
        out.append('%s: value REF %r / OTHER %r' % (path, a, b))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    opts = [a for a in sys.argv[1:] if a.startswith('--')]
    if len(args) != 2:
        print(__doc__)
        sys.exit(2)
    keys_only = '--keys-only' in opts
    key_order = '--key-order' in opts
    hvals = '--headers-values' in opts
    summary = '--summary' in opts
    only = None
    for o in opts:
        if o.startswith('--only='):
            only = o.split('=', 1)[1]
    ref, oth = load(args[0]), load(args[1])
    rr, orr = ref['requests'], oth['requests']
    ndiff = 0
    if len(rr) != len(orr):
        print('!! request count differs: REF %d / OTHER %d' % (len(rr),
                                                                len(orr)))
        ndiff += 1
    for a, b in zip(rr, orr):
        if only and only not in a['label']:
            continue
        out = []
        if a['label'] != b['label']:
            out.append('label differs: REF %s / OTHER %s' % (a['label'],
                                                             b['label']))
        na, nb = a['normalized'], b['normalized']
        if na['status'] != nb['status']:
            out.append('status REF %s / OTHER %s' % (na['status'],
                                                     nb['status']))
        ha = {k.lower(): v for k, v in na['response_headers']
              if k.lower() not in IGNORED_HEADER_NAMES}
        hb = {k.lower(): v for k, v in nb['response_headers']
              if k.lower() not in IGNORED_HEADER_NAMES}
        for k in sorted(set(ha) - set(hb)):
            out.append('header %r missing in OTHER (REF value %r)'
                       % (k, ha[k]))
        for k in sorted(set(hb) - set(ha)):
            out.append('header %r extra in OTHER (value %r)' % (k, hb[k]))
        for k in sorted(set(ha) & set(hb)):
            if k in ('date', 'content-length'):
                continue
            if (hvals or k in ('location', 'content-type',
                               'x-openstack-ironic-api-version',
                               'x-openstack-ironic-api-minimum-version',
                               'x-openstack-ironic-api-maximum-version',
                               'allow')) and ha[k] != hb[k]:
                out.append('header %r value REF %r / OTHER %r'
                           % (k, ha[k], hb[k]))
        ja, jb = na.get('response_json'), nb.get('response_json')
        if (ja is None) != (jb is None):
            out.append('body: REF %s / OTHER %s' % (
                'json' if ja is not None else repr(na.get('response_text'))[:80],
                'json' if jb is not None else repr(nb.get('response_text'))[:80]))
        elif ja is not None:
            jdiff(ja, jb, '', out, keys_only, key_order)
        elif (na.get('response_text') or '') != (nb.get('response_text') or ''):
            out.append('text body differs: REF %r / OTHER %r'
                       % ((na.get('response_text') or '')[:120],
                          (nb.get('response_text') or '')[:120]))
        tag = '%03d %s %s %s' % (a['index'], a['label'], na['method'],
                                 na['path'])
        if out:
            ndiff += 1
            if summary:
                print('DIFF %s (%d)' % (tag, len(out)))
            else:
                print('=== DIFF %s' % tag)
                for line in out:
                    print('    ' + line)
        elif summary:
            print('OK   %s' % tag)
    print('\n%d request(s) differ' % ndiff)
    sys.exit(1 if ndiff else 0)


if __name__ == '__main__':
    main()
