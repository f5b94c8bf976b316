"""RISCOF plugin for mimic as the device under test (DUT).

Builds each selected test with Debian's riscv64-unknown-elf-gcc against
this directory's env/ (model_test.h: HTIF tohost halt; link.ld: RAM at
0x80000000) and the suite's arch_test.h, runs it with

    mimic --engine ENGINE --misaligned hw|trap --max-insns N
          --signature DUT-mimic.signature --signature-granularity 4 ELF

and leaves the signature where RISCOF compares it with the reference's.
The --misaligned setting follows the ISA YAML's
hw_data_misaligned_support (True: hw, False: trap), so the YAML RISCOF
selects tests with is the machine that runs them.

config.ini section [mimic]:
    pluginpath  this directory
    ispec       the ISA YAML (mimic_isa.yaml)
    pspec       the platform YAML (mimic_platform.yaml)
    PATH        directory holding the mimic binary (the MIMIC environment
                variable, a path to the binary, overrides it)
    engine      interp | jit | jit-audit (default jit; the
                MIMIC_RISCOF_ENGINE environment variable overrides it)
    jobs        tests built and run at once (default 1)
    max_insns   instruction limit per test (default 100000000)
    target_run  0: only build the tests
Relative paths are taken from the directory of config.ini.
"""

import logging
import os
import shlex
import shutil
import subprocess

import riscof.utils as utils
from riscof.pluginTemplate import pluginTemplate

logger = logging.getLogger()

ENGINES = {"interp": ["--engine", "interp"], "jit": ["--engine", "jit"], "jit-audit": ["--jit-audit"]}


def resolve(config_dir, path):
    """A config path, relative to config.ini's directory."""
    path = os.path.expanduser(path)
    return path if os.path.isabs(path) else os.path.abspath(os.path.join(config_dir, path))


def march_for(isa):
    """The -march for a test's ISA string: GCC 12 needs Zicsr and Zifencei
    named (arch_test.h uses CSRs)."""
    march = isa.lower()
    for ext in ("zicsr", "zifencei"):
        if ext not in march:
            march += "_" + ext
    return march


class mimic(pluginTemplate):
    __model__ = "mimic"
    __version__ = "0.1.0"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        config = kwargs.get("config")
        if config is None:
            logger.error("config.ini has no [mimic] section (pluginpath, ispec, pspec)")
            raise SystemExit(1)
        config_dir = kwargs.get("config_dir", os.getcwd())
        self.pluginpath = resolve(config_dir, config["pluginpath"])
        self.isa_spec = resolve(config_dir, config["ispec"])
        self.platform_spec = resolve(config_dir, config["pspec"])
        exe = os.environ.get("MIMIC") or os.path.join(resolve(config_dir, config.get("PATH", ".")), "mimic")
        self.dut_exe = exe if os.path.sep in exe else (shutil.which(exe) or exe)
        self.engine = os.environ.get("MIMIC_RISCOF_ENGINE") or config.get("engine", "jit")
        if self.engine not in ENGINES:
            logger.error(f"[mimic] engine = {self.engine}: use one of {', '.join(ENGINES)}")
            raise SystemExit(1)
        self.num_jobs = str(config.get("jobs", 1))
        self.max_insns = int(config.get("max_insns", 100_000_000))
        self.target_run = config.get("target_run", "1") != "0"

    def initialise(self, suite, work_dir, archtest_env):
        self.work_dir = work_dir
        self.suite_dir = suite
        self.archtest_env = archtest_env
        env = os.path.join(self.pluginpath, "env")
        self.compile_cmd = (
            "riscv64-unknown-elf-gcc -march={march} -mabi=lp64 -static -mcmodel=medany"
            " -fvisibility=hidden -nostdlib -nostartfiles -g"
            f" -T {env}/link.ld -I {env} -I {archtest_env}"
            " {macros} -o {elf} {test}"
        )

    def build(self, isa_yaml, platform_yaml):
        ispec = utils.load_yaml(isa_yaml)["hart0"]
        if 64 not in ispec["supported_xlen"]:
            logger.error("mimic runs RV64 programs: supported_xlen must include 64")
            raise SystemExit(1)
        self.misaligned = "hw" if ispec.get("hw_data_misaligned_support", False) else "trap"
        if self.target_run and not (os.path.isfile(self.dut_exe) and os.access(self.dut_exe, os.X_OK)):
            logger.error(f"mimic binary not found at {self.dut_exe} (cargo build --release, or set MIMIC)")
            raise SystemExit(1)
        if shutil.which("riscv64-unknown-elf-gcc") is None:
            logger.error("riscv64-unknown-elf-gcc not found (apt-get install gcc-riscv64-unknown-elf)")
            raise SystemExit(1)

    def run_command(self, elf, sig):
        """The mimic command line for one test."""
        cmd = [self.dut_exe, *ENGINES[self.engine], "--misaligned", self.misaligned,
               "--max-insns", str(self.max_insns), "--signature", sig,
               "--signature-granularity", "4", elf]
        return " ".join(shlex.quote(c) for c in cmd)

    def runTests(self, testList):
        makefile = os.path.join(self.work_dir, "Makefile." + self.name[:-1])
        if os.path.exists(makefile):
            os.remove(makefile)
        make = utils.makeUtil(makefilePath=makefile)
        make.makeCommand = "make -k -j" + self.num_jobs
        for entry in testList.values():
            test_dir = entry["work_dir"]
            elf = os.path.join(test_dir, "mimic.elf")
            sig = os.path.join(test_dir, self.name[:-1] + ".signature")
            macros = " ".join("-D" + m for m in entry["macros"])
            build = self.compile_cmd.format(march=march_for(entry["isa"]), macros=macros, elf=elf, test=entry["test_path"])
            run = self.run_command(elf, sig) + " > mimic.log 2>&1" if self.target_run else "true"
            make.add_target(f"@cd {shlex.quote(test_dir)}; {build}; {run};")
        make.execute_all(self.work_dir)
        if not self.target_run:
            raise SystemExit(0)
