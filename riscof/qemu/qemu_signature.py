#!/usr/bin/env python3
"""Runs a bare-metal RV64 test program in QEMU and writes its signature.

The reference side of mimic's RISCOF setup. The program runs on Debian's
qemu-system-riscv64 (`-machine virt -bios none -kernel ELF`: loaded at its
ELF addresses, entered in M-mode at its entry) and halts by writing 0x7777
(reset) to the virt board's sifive,test device (RVMODEL_HALT in qemu/env).
QEMU is started with `-no-reboot -no-shutdown`, so that request only stops
the guest (QMP event SHUTDOWN, reason guest-reset); this script then reads the memory between the ELF's begin_signature and
end_signature symbols out of the stopped machine over QMP (`pmemsave`) and
writes it in Spike's signature format: one word per line, lowest address
first, lowercase hex, most significant byte first, a partial last word
zero-padded at the top. Nothing runs inside the guest to produce the
signature: QEMU's memory is read by the host, as Spike's +signature= does.

Usage: qemu_signature.py ELF SIGNATURE_FILE [--granularity 4|8]
           [--timeout SECS] [--qemu PATH] [--nm PATH] [--cpu CPU]
Exit status: 0 when the signature was written; 1 otherwise (the reason is
printed on stderr and no signature file is left behind).
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time


def symbols(nm, elf):
    """begin_signature and end_signature from the ELF's symbol table."""
    out = subprocess.run([nm, elf], check=True, capture_output=True, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    try:
        return syms["begin_signature"], syms["end_signature"]
    except KeyError as e:
        raise SystemExit(f"{elf}: no {e.args[0]} symbol")


def format_signature(data, granularity):
    """Spike's format (riscv-isa-sim fesvr/htif.cc, htif_t::stop)."""
    lines = []
    for i in range(0, len(data), granularity):
        word = data[i:i + granularity].ljust(granularity, b"\0")
        lines.append(word[::-1].hex() + "\n")
    return "".join(lines)


class Qmp:
    """A minimal QMP client over a unix socket (JSON lines)."""

    def __init__(self, path, deadline):
        self.deadline = deadline
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise SystemExit("QEMU's QMP socket never appeared")
                time.sleep(0.02)
        self.buf = b""
        self.events = []
        self.read()  # greeting
        self.command("qmp_capabilities")

    def read(self):
        while b"\n" not in self.buf:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            self.sock.settimeout(left)
            chunk = self.sock.recv(65536)
            if not chunk:
                raise SystemExit("QEMU closed the QMP connection")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def command(self, name, **args):
        msg = {"execute": name}
        if args:
            msg["arguments"] = args
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            r = self.read()
            if "event" in r:
                self.events.append(r)
            elif "error" in r:
                raise SystemExit(f"QMP {name}: {r['error'].get('desc')}")
            elif "return" in r:
                return r["return"]

    def wait_event(self, name):
        while not any(e["event"] == name for e in self.events):
            r = self.read()
            if "event" in r:
                self.events.append(r)
        return next(e for e in self.events if e["event"] == name)


def run(args):
    begin, end = symbols(args.nm, args.elf)
    if end < begin:
        raise SystemExit(f"{args.elf}: end_signature is below begin_signature")
    with tempfile.TemporaryDirectory(prefix="mimic-qemu-sig-") as tmp:
        sock = os.path.join(tmp, "qmp.sock")
        dump = os.path.join(tmp, "sig.bin")
        cmd = [args.qemu, "-machine", "virt", "-cpu", args.cpu, "-m", "256M",
               "-bios", "none", "-kernel", args.elf, "-nodefaults",
               "-display", "none", "-serial", "null", "-monitor", "none",
               "-no-reboot", "-no-shutdown", "-S",
               "-qmp", f"unix:{sock},server=on,wait=off"]
        qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + args.timeout
            qmp = Qmp(sock, deadline)
            qmp.command("cont")
            try:
                ev = qmp.wait_event("SHUTDOWN")
            except TimeoutError:
                raise SystemExit(f"{args.elf}: did not halt within {args.timeout} s in QEMU")
            if not ev.get("data", {}).get("guest", False):
                raise SystemExit(f"{args.elf}: QEMU stopped without a guest halt: {ev}")
            if end > begin:
                qmp.command("pmemsave", val=begin, size=end - begin, filename=dump)
                with open(dump, "rb") as f:
                    data = f.read()
            else:
                data = b""
            qmp.command("quit")
        finally:
            try:
                qemu.wait(timeout=5)
            except subprocess.TimeoutExpired:
                qemu.kill()
                qemu.wait()
        if len(data) != end - begin:
            raise SystemExit(f"{args.elf}: QEMU returned {len(data)} of {end - begin} signature bytes")
    with open(args.signature, "w") as f:
        f.write(format_signature(data, args.granularity))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("elf")
    p.add_argument("signature")
    p.add_argument("--granularity", type=int, choices=[4, 8], default=4)
    p.add_argument("--timeout", type=float, default=30.0)
    p.add_argument("--qemu", default="qemu-system-riscv64")
    p.add_argument("--nm", default="riscv64-unknown-elf-nm")
    p.add_argument("--cpu", default="rv64")
    args = p.parse_args()
    if os.path.exists(args.signature):
        os.remove(args.signature)
    try:
        run(args)
    except SystemExit as e:
        if isinstance(e.code, str):
            print(f"qemu_signature.py: {e.code}", file=sys.stderr)
            sys.exit(1)
        raise
    except (OSError, subprocess.CalledProcessError, ValueError) as e:
        print(f"qemu_signature.py: {args.elf}: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
