"""RISCOF reference plugin: Debian's qemu-system-riscv64.

An independent implementation to compare mimic against (mimic is never its
own reference). Each test is built with Debian's riscv64-unknown-elf-gcc
against this directory's env/ (model_test.h: halt through the virt board's
sifive,test device; link.ld: RAM at 0x80000000) and run by
qemu_signature.py: `-machine virt -bios none -kernel ELF` in M-mode, the
signature region read out of the stopped machine over QMP.

Limits of this reference, which the suite respects: QEMU 7.2 (Debian 12)
has no Zicond, and performs misaligned loads and stores (so only
hw_data_misaligned_support: True can be checked against it).

config.ini section [qemu]:
    pluginpath  this directory
    qemu        the QEMU binary (default qemu-system-riscv64)
    cpu         the -cpu value (default rv64)
    jobs        tests built and run at once (default 1)
    timeout     seconds a test may run (default 30)
Relative paths are taken from the directory of config.ini.
"""

import logging
import os
import shlex
import shutil
import sys

import riscof.utils as utils
from riscof.pluginTemplate import pluginTemplate

logger = logging.getLogger()


def resolve(config_dir, path):
    path = os.path.expanduser(path)
    return path if os.path.isabs(path) else os.path.abspath(os.path.join(config_dir, path))


def march_for(isa):
    march = isa.lower()
    for ext in ("zicsr", "zifencei"):
        if ext not in march:
            march += "_" + ext
    return march


class qemu(pluginTemplate):
    __model__ = "qemu"
    __version__ = "7.2"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        config = kwargs.get("config")
        if config is None:
            logger.error("config.ini has no [qemu] section (pluginpath)")
            raise SystemExit(1)
        config_dir = kwargs.get("config_dir", os.getcwd())
        self.pluginpath = resolve(config_dir, config["pluginpath"])
        self.qemu = config.get("qemu", "qemu-system-riscv64")
        self.cpu = config.get("cpu", "rv64")
        self.num_jobs = str(config.get("jobs", 1))
        self.timeout = float(config.get("timeout", 30))

    def initialise(self, suite, work_dir, archtest_env):
        self.work_dir = work_dir
        self.suite_dir = suite
        env = os.path.join(self.pluginpath, "env")
        self.compile_cmd = (
            "riscv64-unknown-elf-gcc -march={march} -mabi=lp64 -static -mcmodel=medany"
            " -fvisibility=hidden -nostdlib -nostartfiles -g"
            f" -T {env}/link.ld -I {env} -I {archtest_env}"
            " {macros} -o {elf} {test}"
        )

    def build(self, isa_yaml, platform_yaml):
        ispec = utils.load_yaml(isa_yaml)["hart0"]
        if not ispec.get("hw_data_misaligned_support", False):
            logger.warning("QEMU performs misaligned loads and stores: tests selected for a DUT "
                           "that traps them (hw_data_misaligned_support: False) will differ")
        for tool in (self.qemu, "riscv64-unknown-elf-gcc", "riscv64-unknown-elf-nm"):
            if shutil.which(tool) is None:
                logger.error(f"{tool} not found (apt-get install qemu-system-misc gcc-riscv64-unknown-elf)")
                raise SystemExit(1)

    def runTests(self, testList):
        makefile = os.path.join(self.work_dir, "Makefile." + self.name[:-1])
        if os.path.exists(makefile):
            os.remove(makefile)
        make = utils.makeUtil(makefilePath=makefile)
        make.makeCommand = "make -k -j" + self.num_jobs
        runner = os.path.join(self.pluginpath, "qemu_signature.py")
        for entry in testList.values():
            test_dir = entry["work_dir"]
            elf = os.path.join(test_dir, "qemu.elf")
            sig = os.path.join(test_dir, self.name[:-1] + ".signature")
            macros = " ".join("-D" + m for m in entry["macros"])
            build = self.compile_cmd.format(march=march_for(entry["isa"]), macros=macros, elf=elf, test=entry["test_path"])
            run = " ".join(shlex.quote(c) for c in [
                sys.executable, runner, elf, sig, "--granularity", "4", "--qemu", self.qemu,
                "--cpu", self.cpu, "--timeout", str(self.timeout)])
            make.add_target(f"@cd {shlex.quote(test_dir)}; {build}; {run} > qemu.log 2>&1;")
        make.execute_all(self.work_dir)
