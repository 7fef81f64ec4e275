"""The docs say what the code says: rule tables from the registry, cited files exist."""

from __future__ import annotations

import re
from pathlib import Path

from rostering.docs import hard_rules_table, readme, rules_markdown, soft_terms_table
from rostering.rules import HARD_RULES, RULES

ROOT = Path(__file__).resolve().parent.parent


def test_readme_has_the_rule_tables_of_the_registry() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert hard_rules_table() in text
    assert soft_terms_table() in text
    assert readme(text) == text


def test_every_rule_and_weight_is_in_the_readme_tables() -> None:
    tables = hard_rules_table() + soft_terms_table()
    for rule in RULES:
        assert f"`{rule.name}`" in tables
        for param in rule.params:
            assert f"`{param.key}`" in tables
        for term in rule.terms:
            assert f"`{term.param.key}`" in tables


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_hard_rule_numbers_are_unique() -> None:
    numbers = [r.number for r in HARD_RULES]
    assert None not in numbers
    assert len(set(numbers)) == len(numbers), numbers


def test_docstrings_cite_files_that_exist() -> None:
    cited = re.compile(r"[\w./-]+\.(?:md|py)\b")
    missing = []
    for path in sorted((ROOT / "rostering").rglob("*.py")):
        for name in cited.findall(path.read_text(encoding="utf-8")):
            if name.endswith(".py") and "/" not in name:
                continue  # a bare module name, not a path
            if not any((where / name).exists() for where in (ROOT, ROOT / "docs", path.parent)):
                missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert not missing, missing


def test_docs_folder_has_the_domain_and_workbook_contracts() -> None:
    for name in ("domain.md", "workbook.md", "rules.md"):
        assert (ROOT / "docs" / name).stat().st_size > 0
