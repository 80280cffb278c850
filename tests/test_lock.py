"""The lock file requirements.txt: every Python package pinned to one version with its hashes.

It is what `make` installs (and so what both workflows install), it agrees with the ranges in
pyproject.toml, and `make lock` is the command that wrote it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCK = ROOT / "requirements.txt"
PYPROJECT = ROOT / "pyproject.toml"
INSTALLED = ".venv/.installed"


@dataclass(frozen=True)
class Pin:
    requirement: Requirement
    hashes: tuple[str, ...]

    @property
    def name(self) -> str:
        return canonicalize_name(self.requirement.name)

    @property
    def version(self) -> str | None:
        """The one version pinned, or None for anything looser than `==` an exact version."""
        specifiers = list(self.requirement.specifier)
        if len(specifiers) != 1 or specifiers[0].operator != "==" or "*" in specifiers[0].version:
            return None
        return specifiers[0].version


def read_lock(text: str) -> list[Pin]:
    """The lock's requirements as pip reads them: continuation lines joined, comments dropped."""
    pins = []
    for line in re.sub(r"\\\n\s*", " ", text).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        requirement, _, hash_options = line.partition(" --hash=")
        hashes = tuple(re.findall(r"sha256:([0-9a-f]{64})", hash_options))
        pins.append(Pin(Requirement(requirement), hashes))
    return pins


def pins_by_name() -> dict[str, list[Pin]]:
    pins: dict[str, list[Pin]] = {}
    for pin in read_lock(LOCK.read_text(encoding="utf-8")):
        pins.setdefault(pin.name, []).append(pin)
    return pins


def declared_requirements() -> list[Requirement]:
    """Everything pyproject.toml asks for: the runtime, the dev extra and the build backend."""
    pyproject = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    declared = [
        *pyproject["project"]["dependencies"],
        *pyproject["project"]["optional-dependencies"]["dev"],
        *pyproject["build-system"]["requires"],
    ]
    return [Requirement(text) for text in declared]


def test_every_package_in_the_lock_is_one_exact_version_with_hashes() -> None:
    pins = read_lock(LOCK.read_text(encoding="utf-8"))
    assert len(pins) > 30
    for pin in pins:
        assert pin.version and pin.hashes, pin.requirement
        assert not pin.requirement.url and not pin.requirement.extras, pin.requirement


@pytest.mark.parametrize("requirement", declared_requirements(), ids=str)
def test_the_lock_pins_every_declared_dependency_within_its_range(requirement: Requirement) -> None:
    pins = pins_by_name().get(canonicalize_name(requirement.name))
    assert pins, f"{requirement.name} is in pyproject.toml but not in the lock: run `make lock`"
    for pin in pins:
        assert pin.version and requirement.specifier.contains(pin.version, prereleases=True), (
            requirement,
            pin.version,
        )


def make_dry_run(target: str) -> list[list[str]]:
    """The commands `make` would run for `target`, every variable expanded, none of them run."""
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "--no-print-directory", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    commands = re.sub(r"\\\n\s*", " ", result.stdout).splitlines()
    return [shlex.split(command) for command in commands if command.strip()]


def test_make_installs_the_lock_with_hashes_and_nothing_unhashed() -> None:
    installs = [args for args in make_dry_run(INSTALLED) if args[1:4] == ["-m", "pip", "install"]]
    from_lock = [args for args in installs if "--require-hashes" in args]
    assert len(from_lock) == 1
    assert from_lock[0][from_lock[0].index("-r") + 1] == LOCK.name
    assert {"--only-binary", ":all:"} <= set(from_lock[0])
    # With the dependencies resolved, pip refuses a lock that misses one of them.
    assert "--no-deps" not in from_lock[0]
    # Anything else installs the project itself from the checkout, and fetches nothing.
    for args in installs:
        if args is not from_lock[0]:
            assert {"--no-deps", "--no-build-isolation"} <= set(args), args
            assert args[-2:] == ["-e", "."], args


def test_make_lock_is_the_command_that_wrote_the_lock() -> None:
    (compile_command,) = [args for args in make_dry_run("lock") if args[1:3] == ["pip", "compile"]]
    assert Path(compile_command[0]).name == "uv"
    header = re.search(r"(?m)^#\s+(uv pip compile .+)$", LOCK.read_text(encoding="utf-8"))
    assert header, "the lock names the command that wrote it"
    # uv leaves --quiet out of the header.
    assert [arg for arg in compile_command[1:] if arg != "--quiet"] == shlex.split(header[1])[1:]
    assert "--generate-hashes" in compile_command
    assert compile_command[compile_command.index("--output-file") + 1] == LOCK.name


def copy_makefile_with_an_installed_venv(tmp_path: Path) -> Path:
    for name in ("Makefile", LOCK.name, PYPROJECT.name):
        shutil.copy2(ROOT / name, tmp_path / name)
    stamp = tmp_path / INSTALLED
    stamp.parent.mkdir()
    stamp.touch()
    return stamp


def installed_is_up_to_date(project: Path) -> bool:
    """`make --question` answers without running anything: 0 means nothing to do."""
    result = subprocess.run(
        ["make", "--question", INSTALLED], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert result.returncode in (0, 1), result.stderr
    return result.returncode == 0


@pytest.mark.parametrize("changed", [LOCK.name, PYPROJECT.name])
def test_a_changed_lock_or_pyproject_installs_the_venv_again(tmp_path: Path, changed: str) -> None:
    stamp = copy_makefile_with_an_installed_venv(tmp_path)
    assert installed_is_up_to_date(tmp_path)
    newer = stamp.stat().st_mtime + 10
    os.utime(tmp_path / changed, (newer, newer))
    assert not installed_is_up_to_date(tmp_path)


def test_lint_audits_the_workflows_offline_and_fails_on_medium_findings() -> None:
    (zizmor,) = [args for args in make_dry_run("lint") if Path(args[0]).name == "zizmor"]
    assert "--offline" in zizmor
    assert zizmor[zizmor.index("--min-severity") + 1] == "medium"
    assert "--no-exit-codes" not in zizmor
    assert zizmor[-1].rstrip("/") == ".github"
