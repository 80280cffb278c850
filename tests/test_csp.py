from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from generator.build import secure_pages
from generator.csp import PLACEHOLDER, inline_scripts, page_policy, policy, script_hash, shape

HEAD = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'
THEME = '<script>__md_scope=new URL("../..",location)</script>'


def test_inline_scripts_skip_external_and_data_blocks() -> None:
    html = '<script src="a.js"></script><script>one()</script><script type="application/json">{}</script><script type="module">two()</script>'
    assert inline_scripts(html) == ["one()", "two()"]


def test_shape_ignores_the_relative_root() -> None:
    assert shape('new URL("../..",location)') == shape('new URL(".",location)') == 'new URL("…",location)'


def test_script_hash_is_the_base64_sha256_the_browser_computes() -> None:
    expected = base64.b64encode(hashlib.sha256(b"one()").digest()).decode()
    assert script_hash("one()") == f"'sha256-{expected}'"


def test_policy_allows_only_own_files_and_the_hashed_scripts() -> None:
    text = policy(["one()"])
    assert text.startswith(f"default-src 'self'; script-src 'self' {script_hash('one()')}; ")
    assert "unsafe-inline" not in text and "unsafe-eval" not in text
    assert "object-src 'none'" in text


def test_page_policy_hashes_the_page_scripts_and_reports_unknown_shapes() -> None:
    known = frozenset({shape('__md_scope=new URL(".",location)')})
    page_csp, unexpected = page_policy(HEAD + THEME, known)
    assert script_hash('__md_scope=new URL("../..",location)') in page_csp
    assert unexpected == []
    _, unexpected = page_policy(HEAD + THEME + "<script>alert(1)</script>", known)
    assert unexpected == ["alert(1)"]


def test_a_page_without_the_placeholder_is_reported() -> None:
    _, unexpected = page_policy("<p>no head</p>", frozenset())
    assert unexpected == ["(sidan saknar CSP-mallens platshållare)"]


def test_secure_pages_learns_shapes_from_hand_written_pages_only(tmp_path: Path) -> None:
    (tmp_path / "om").mkdir(parents=True)
    (tmp_path / "om" / "index.html").write_text(HEAD + '<script>__md_scope=new URL("..",location)</script>')
    (tmp_path / "berattelser" / "a").mkdir(parents=True)
    (tmp_path / "berattelser" / "a" / "index.html").write_text(HEAD + THEME + "<script>evil()</script>")
    findings, _ = secure_pages(tmp_path)
    assert findings == ["berattelser/a/index.html: oväntat inline-skript: 'evil()'"]
    assert PLACEHOLDER not in (tmp_path / "berattelser" / "a" / "index.html").read_text()
