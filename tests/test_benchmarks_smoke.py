"""Smoke test of the benchmark runner: a tiny run writes the report and checked rosters."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.generate import generate, role_counts
from benchmarks.run import main


def test_generator_is_seeded_and_keeps_the_ratios() -> None:
    assert generate(50, 3) == generate(50, 3)
    counts = role_counts(200)
    assert sum(rot + reg for rot, reg in counts.values()) == 200
    presales = sum(counts["presales"])
    assert sum(counts["aftersales"]) >= presales / 4
    assert all(
        reg == 0 for role, (_rot, reg) in counts.items() if role not in ("presales", "aftersales")
    )


def test_smoke_run_writes_results_with_checked_rosters(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    assert main(["--smoke", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| model | limit (det s) |" in text
    assert "| ours | 1 |" in text and "| naive | 1 |" in text
    assert "## Targets" in text
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    runs = data["runs"]
    assert {r["model"] for r in runs} == {"ours", "naive"}
    assert all(r["check_passed"] is True for r in runs), [r.get("error") for r in runs]
    assert all(r["peak_rss_mib"] > 0 and r["build_s"] >= 0 for r in runs)
