# The application around pwntools' `pwn template` generator: pwnlib/commandline/template.py
# (TemplateLookup over pwnlib/data/templates, Mako's default filters,
# `template.render(exe, host, port, user, password, path, quiet)`: the page args, passed
# here by name). The template imports pwnlib and elftools and reads sys.argv: the stand-ins
# below answer from a fixed table, and sys.argv is the command line of the fixture.
import re
import sys
import types

BINARIES = {
    './vuln': dict(arch='amd64', bits=64, endian='little', elftype='DYN', entry=0x1060,
                   symbols={'main': 0x1149, 'win': 0x1139},
                   checksec="Arch:     amd64-64-little\nRELRO:    Full RELRO\nStack:    No canary found\nNX:       NX enabled\nPIE:      PIE enabled"),
    '/srv/chall/chall': dict(arch='i386', bits=32, endian='little', elftype='EXEC', entry=0x8049000,
                             symbols={'_start': 0x8049000},
                             checksec="Arch:     i386-32-little\nRELRO:    No RELRO\nStack:    Canary found\nNX:       NX disabled\nPIE:      No PIE (0x8048000)"),
}


class ELFError(Exception):
    pass


class ELF:
    def __init__(self, path, checksec=True):
        if path not in BINARIES:
            raise ELFError('not an ELF file: %s' % path)
        b = BINARIES[path]
        self.path = path
        self.arch, self.bits, self.endian = b['arch'], b['bits'], b['endian']
        self.elftype, self.entry, self.symbols = b['elftype'], b['entry'], dict(b['symbols'])
        self._checksec = b['checksec']

    def checksec(self, color=True):
        return self._checksec


def sh_string(s):
    if re.fullmatch(r'[\w@%+=:,./-]+', s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"


def module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    return m


context = types.SimpleNamespace(binary=None)
module('pwnlib')
module('pwnlib.context', context=context)
module('pwnlib.elf')
module('pwnlib.elf.elf', ELF=ELF)
module('pwnlib.util')
module('pwnlib.util.sh_string', sh_string=sh_string)
module('elftools')
module('elftools.common')
module('elftools.common.exceptions', ELFError=ELFError)

OPTIONS = {}


def data(case):
    d = dict(case['data'])
    sys.argv[:] = d.pop('argv')
    return d
