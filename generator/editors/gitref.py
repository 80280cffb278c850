"""Read the story files as they were at a git ref, for the pull-request report ("what changes?"),
and the history of a pull request, for the approval by review ("who wrote what?")."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.errors import UserError

GIT_MISSING = "git behövs, men finns inte på datorn."


def _run(
    folder: Path, args: tuple[str, ...], data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run git in the folder, its answer kept whatever it is; a user error when git is missing."""
    try:
        return subprocess.run(  # noqa: S603 - fixed git arguments, no shell
            ["git", *args],  # noqa: S607 - git from PATH, as an editor runs it
            cwd=folder,
            input=data,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise UserError(GIT_MISSING) from None


def _git(folder: Path, *args: str, data: bytes | None = None) -> bytes:
    """What git printed; a user error with git's own last line when it fails."""
    done = _run(folder, args, data)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError(f"git kunde inte läsa {args[-1]!r}: {message[-1] if message else 'okänt fel'}")
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


def _answers_yes(folder: Path, *args: str) -> bool:
    """Whether a git command that answers by its exit code (cat-file -e, merge-base --is-ancestor) says yes."""
    return _run(folder, args).returncode == 0


def has_commit(commit: str, folder: Path) -> bool:
    """Whether the local history holds the commit (a shallow clone may not)."""
    return _answers_yes(folder, "cat-file", "-e", f"{commit}^{{commit}}")


def is_ancestor(older: str, newer: str, folder: Path) -> bool:
    """Whether `newer` builds on `older` (or is it): nothing was rewritten in between."""
    return _answers_yes(folder, "merge-base", "--is-ancestor", older, newer)


def head_commit(folder: Path) -> str:
    """The commit checked out in the folder's repository."""
    return _git(folder, "rev-parse", "--verify", "HEAD").decode("utf-8").strip()


def changed_names(base: str, head: str, folder: Path) -> list[str]:
    """Names of the files directly in `folder` that differ between two commits; a rename is a
    removal and a new file, as a story's name is its id."""
    listing = _git(folder, "diff", "--name-only", "--no-renames", "-z", "--relative", base, head, "--", ".")
    names = listing.decode("utf-8", "surrogateescape").split("\0")
    return sorted(name for name in names if name and "/" not in name)


def file_at(ref: str, folder: Path, name: str) -> bytes | None:
    """The file `name` in `folder` as it was at `ref`, or None when it did not exist there."""
    if not _git(folder, "ls-tree", ref, "--", name).strip():
        return None
    return _git(folder, "cat-file", "blob", f"{ref}:./{name}")


def commit_authors(base: str, head: str, folder: Path, name: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each commit after `base` up to `head` that changed the file `name` in `folder`, newest
    first, with the e-mail addresses of its author and of every co-author its message names
    (`Co-authored-by:`, as GitHub writes for a suggestion accepted in a review)."""
    log = _git(
        folder,
        "log",
        "-z",
        "--format=%H%x1f%ae%x1f%(trailers:key=Co-authored-by,valueonly,separator=%x1f)",
        f"{base}..{head}",
        "--",
        name,
    ).decode("utf-8", "replace")
    commits = []
    for record in filter(None, log.split("\0")):
        sha, author, *co_authors = record.strip("\n").split("\x1f")
        emails = [author, *(_address(co_author) for co_author in co_authors if co_author.strip())]
        commits.append((sha, tuple(emails)))
    return commits


def _address(co_author: str) -> str:
    """The address of a `Name <address>` trailer; the whole value when it has none."""
    _, bracket, rest = co_author.partition("<")
    return rest.partition(">")[0].strip() if bracket else co_author.strip()


def published_commit(folder: Path) -> str | None:
    """The commit checked out where the folder is, for the publishing record; None outside a git
    repository or without git, where a build still works."""
    try:
        return head_commit(folder)
    except UserError:
        return None
