"""Read the story files as they were at a git ref, for the pull-request report ("what changes?")."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.errors import UserError


def _git(folder: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(  # noqa: S603 - fixed git arguments, no shell
            ["git", *args],  # noqa: S607 - git from PATH, as an editor runs it
            cwd=folder,
            input=data,
            capture_output=True,
            check=True,
        )
    except FileNotFoundError:
        raise UserError("git behövs för --base, men finns inte på datorn.") from None
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError(
            f"git kunde inte läsa {args[-1]!r}: {message[-1] if message else 'okänt fel'}"
        ) from None
    return done.stdout


def files_at(ref: str, folder: Path) -> dict[str, bytes]:
    """Return the .md files directly in `folder` as they were at `ref`, by file name."""
    listing = _git(folder, "ls-tree", "--full-name", ref, "--", ".").decode("utf-8")
    paths = []
    for entry in listing.splitlines():
        meta, _, path = entry.partition("\t")
        if meta.split()[1] == "blob" and path.endswith(".md"):
            paths.append(path)
    if not paths:
        return {}
    batch = _git(folder, "cat-file", "--batch", data="".join(f"{ref}:{p}\n" for p in paths).encode())
    files: dict[str, bytes] = {}
    position = 0
    for path in paths:
        header_end = batch.index(b"\n", position)
        size = int(batch[position:header_end].split()[2])
        files[path.rsplit("/", 1)[-1]] = batch[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
    return files


def head_commit(folder: Path) -> str | None:
    """The commit checked out where the folder is, for the publishing record; None outside a git
    repository or without git, where a build still works."""
    try:
        return _git(folder, "rev-parse", "HEAD").decode("ascii").strip()
    except UserError:
        return None
