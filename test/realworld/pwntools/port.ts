// pwntools: the exploit script generator of `pwn template`.
import type { Port } from '../port.js'
import { repr } from '../python.js'

/** JS stand-ins for pwnlib and elftools (as helpers.py) */
const pwnlib = `
const BINARIES = {
  './vuln': { arch: 'amd64', bits: 64, endian: 'little', elftype: 'DYN', entry: 0x1060,
    symbols: { main: 0x1149, win: 0x1139 },
    checksec: 'Arch:     amd64-64-little\\nRELRO:    Full RELRO\\nStack:    No canary found\\nNX:       NX enabled\\nPIE:      PIE enabled' },
  '/srv/chall/chall': { arch: 'i386', bits: 32, endian: 'little', elftype: 'EXEC', entry: 0x8049000,
    symbols: { _start: 0x8049000 },
    checksec: 'Arch:     i386-32-little\\nRELRO:    No RELRO\\nStack:    Canary found\\nNX:       NX disabled\\nPIE:      No PIE (0x8048000)' },
}
export class ELFError extends Error {}
export function ELF(path, checksec = true) {
  const b = BINARIES[path]
  if (!b) throw new ELFError('not an ELF file: ' + path)
  return { path, arch: b.arch, bits: b.bits, endian: b.endian, elftype: b.elftype, entry: b.entry,
    symbols: { ...b.symbols }, checksec: (color = true) => b.checksec }
}
export function sh_string(s) {
  return /^[\\w@%+=:,./-]+$/.test(s) ? s : "'" + s.replaceAll("'", "'\\\\''") + "'"
}
export const context = { binary: null }
`

const port: Port = {
  options: { defaultFilters: ['str'] },
  files: { 'pwnlib.mjs': pwnlib },
  edits: {
    'pwnup.mako': [
      ['<%page args="binary, host=None, port=None, user=None, password=None, remote_path=None, quiet=False"/>',
        '<%page args="binary, host = null, port = null, user = null, password = null, remote_path = null, quiet = false"/>', 'None -> null; False -> false'],
      [`<%
import os
import sys

from pwnlib.context import context as ctx
from pwnlib.elf.elf import ELF
from pwnlib.util.sh_string import sh_string
from elftools.common.exceptions import ELFError
`, `<%!
import { basename } from 'node:path'
import { context as ctx, ELF, sh_string, ELFError } from './pwnlib.mjs'
%><%
`, 'imports inside <% %> -> a <%! %> block (ES imports are module level); sys (the process) -> a name in the data'],
      [`argv = list(sys.argv)
argv[0] = os.path.basename(argv[0])

try:
    if binary:
       ctx.binary = ELF(binary, checksec=False)
except ELFError:
    pass

if not binary:
    binary = './path/to/binary'

exe = os.path.basename(binary)

ssh = user or password
if ssh and not port:
    port = 22
elif host and not port:
    port = 4141

remote_path = remote_path or exe
password = password or 'secret1234'
binary_repr = repr(binary)`, `argv = [...sys.argv]
argv[0] = basename(argv[0])

try {
    if (binary)
       ctx.binary = ELF(binary, false)
} catch (e) {
    if (!(e instanceof ELFError)) throw e
}

if (!binary)
    binary = './path/to/binary'

exe = basename(binary)

ssh = user || password
if (ssh && !port)
    port = 22
else if (host && !port)
    port = 4141

remote_path = remote_path || exe
password = password || 'secret1234'
binary_repr = repr(binary)`, 'Python statements -> JS: try/except -> try/catch, os.path.basename -> basename, or/and/not -> ||/&&/!, keyword argument -> positional'],
      ["${' '.join(map(sh_string, argv))}", "${argv.map(sh_string).join(' ')}", "' '.join(map(f, xs)) -> xs.map(f).join(' ')"],
      [/^%if not quiet:$/gm, '%if !quiet:', 'not -> !'],
      ['%if host or port or user:', '%if host || port || user:', 'or -> ||'],
      ['%if exe or remote_path:', '%if exe || remote_path:', 'or -> ||'],
      ['%if ctx.binary and not quiet:', '%if ctx.binary && !quiet:', 'and not -> && !'],
      [`# \${'%-10s%s-%s-%s' % ('Arch:',
                       ctx.binary.arch,
                       ctx.binary.bits,
                       ctx.binary.endian)}`, `# \${'Arch:'.padEnd(10) + \`\${ctx.binary.arch}-\${
                       ctx.binary.bits}-\${
                       ctx.binary.endian}\`}`, "'%-10s%s' % (a, b) -> a.padEnd(10) + template literal"],
      ['%for line in ctx.binary.checksec(color=False).splitlines():', "%for line in ctx.binary.checksec(false).split('\\n'):", 'keyword argument -> positional; splitlines() -> split (no final newline here)'],
    ],
  },
  data: (c) => {
    const { argv, ...d } = c.data as { argv: string[] }
    // pwnlib's context is process-global, as in Python: a case without a valid binary
    // keeps the one before it (not-an-elf after quiet), so the cases run in order
    return { ...d, repr, sys: { argv } }
  },
}
export default port
