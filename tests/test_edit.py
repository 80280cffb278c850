"""Setting fields in a story file keeps the editor's comments, order and text byte for byte."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.editors.edit import EditError, set_fields

ORIGINAL = """---
id: hbg-0001
# Rubriken är redaktörens.
title: "Ett: kolon"
status: draft
language: sv
grounds:
  - alder
  - kon
arenas: [arbetsliv]
---
Texten --- med sina tecken <b> och {{ x }}.
"""


def test_replaces_existing_fields_and_inserts_new_ones_after_status() -> None:
    edited = set_fields(
        ORIGINAL, {"status": "approved", "approved_on": dt.date(2026, 11, 25), "approved_by": "anna"}
    )
    assert edited == ORIGINAL.replace(
        "status: draft\n", "status: approved\napproved_on: 2026-11-25\napproved_by: anna\n"
    )


def test_a_block_list_is_replaced_whole() -> None:
    edited = set_fields(ORIGINAL, {"grounds": ["religion"]})
    assert "grounds: [religion]\narenas: [arbetsliv]\n" in edited
    assert "  - kon" not in edited


def test_values_that_look_like_yaml_stay_values() -> None:
    edited = set_fields(ORIGINAL, {"withdrawn_reason": "nej: status: approved\n- x"})
    assert "withdrawn_reason:" in edited and "status: draft" in edited


def test_a_field_at_the_end_goes_before_the_closing_line() -> None:
    text = "---\nid: hbg-0001\n---\nText.\n"
    assert set_fields(text, {"cleared_flags": ["0123456789ab"]}) == (
        "---\nid: hbg-0001\ncleared_flags: [0123456789ab]\n---\nText.\n"
    )


def test_an_edit_that_would_change_more_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The safety net: whatever goes wrong in writing a field, the file is read back first."""
    monkeypatch.setattr("generator.editors.edit._dump", lambda key, value: [f"{key}: x", "language: en"])
    with pytest.raises(EditError):
        set_fields(ORIGINAL.replace("language: sv\n", ""), {"title": "x"})
