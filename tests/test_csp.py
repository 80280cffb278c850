from __future__ import annotations

import base64
import hashlib

from generator.site.csp import PLACEHOLDER, PagePolicies, inline_scripts, policy, script_hash, shape

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
    text = policy([script_hash("one()")])
    assert text.startswith(f"default-src 'self'; script-src 'self' {script_hash('one()')}; ")
    assert "unsafe-inline" not in text and "unsafe-eval" not in text
    assert "object-src 'none'" in text


def test_only_the_search_page_may_compile_webassembly_and_nothing_broader() -> None:
    policies = PagePolicies()
    search = policies.fill("sok/index.html", HEAD, hand_written=True)
    story = policies.fill("berattelser/a/index.html", HEAD, hand_written=False)
    assert "script-src 'self' 'wasm-unsafe-eval'; " in search
    assert "wasm" not in story and "script-src 'self'; " in story
    for page in (search, story):
        assert "'unsafe-eval'" not in page and "'unsafe-inline'" not in page
        assert "style-src 'self'; " in page


def test_each_page_gets_a_policy_with_its_own_scripts_hashed() -> None:
    policies = PagePolicies()
    page = policies.fill("berattelser/a/index.html", HEAD + THEME, hand_written=False)
    assert PLACEHOLDER not in page
    assert script_hash('__md_scope=new URL("../..",location)') in page


def test_scripts_on_generated_pages_must_have_the_shape_of_a_hand_written_one() -> None:
    policies = PagePolicies()
    policies.fill("berattelser/a/index.html", HEAD + THEME + "<script>evil()</script>", hand_written=False)
    # The hand-written page may come later in MkDocs' order: the judgement waits for all pages.
    policies.fill(
        "om/index.html", HEAD + '<script>__md_scope=new URL("..",location)</script>', hand_written=True
    )
    assert policies.findings() == ["berattelser/a/index.html: oväntat inline-skript: 'evil()'"]


def test_a_script_only_hand_written_pages_have_is_not_blessed_by_a_generated_page() -> None:
    policies = PagePolicies()
    policies.fill("berattelser/a/index.html", HEAD + "<script>evil()</script>", hand_written=False)
    policies.fill("berattelser/b/index.html", HEAD + "<script>evil()</script>", hand_written=False)
    assert len(policies.findings()) == 2


def test_a_page_without_the_placeholder_is_reported() -> None:
    policies = PagePolicies()
    policies.fill("om/index.html", "<p>no head</p>", hand_written=True)
    assert policies.findings() == ["om/index.html: sidan saknar CSP-mallens platshållare"]


def test_the_readings_host_is_allowed_as_a_media_source_only() -> None:
    page = PagePolicies("https://ljud.example.se").fill("om/index.html", HEAD, hand_written=True)
    assert "media-src 'self' https://ljud.example.se;" in page
    assert page.count("ljud.example.se") == 1
