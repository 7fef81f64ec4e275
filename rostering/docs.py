"""The rule tables of the README and ``docs/rules.md``, rendered from the rule registry.

``python -m rostering.docs`` rewrites ``docs/rules.md`` and the README's tables (between
their ``<!-- ... -->`` markers) from `rostering.rules.RULES`; the test suite checks that
both say what the registry says, so a new rule shows in them or the tests fail.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .params import Param, RuleParams, Weights
from .rules import HARD_RULES, RULES, SOFT_RULES, Rule

HARD_BEGIN, HARD_END = "<!-- hard rules: begin -->", "<!-- hard rules: end -->"
SOFT_BEGIN, SOFT_END = "<!-- soft terms: begin -->", "<!-- soft terms: end -->"


def summary(rule: Rule) -> str:
    """The rule as a manager would say it: the first paragraph of its docstring."""
    doc = (type(rule).__doc__ or rule.title).strip()
    first = doc.split("\n\n")[0]
    return _markdown(" ".join(line.strip() for line in first.splitlines()))


def _markdown(text: str) -> str:
    return text.replace("``", "`").replace("|", "\\|")


def _value(param: Param, value: Any) -> str:
    shown = param.kind.text(value)
    if shown in ("", (), None):
        return "none"
    return f"`{shown}`"


def _param(param: Param) -> str:
    return f"`{param.key}` ({_value(param, param.default)})"


def hard_rules_table(rules: Sequence[Rule] = HARD_RULES) -> str:
    """The README's table of hard rules, by number: name, what it says, its parameters."""
    lines = ["| # | rule | what it says | parameters (default) |", "|---|---|---|---|"]
    for rule in sorted(rules, key=lambda r: r.number or 0):
        params = [_param(p) for p in rule.params]
        if rule.limit_kinds:
            params.append("Limits: " + ", ".join(f"`{k}`" for k in rule.limit_kinds))
        lines.append(
            f"| {rule.number} | `{rule.name}` | {summary(rule)} | {', '.join(params) or '-'} |"
        )
    return "\n".join(lines)


def soft_terms_table(rules: Sequence[Rule] = SOFT_RULES) -> str:
    """The README's table of soft terms: term, unit, default weight and its Rules key."""
    lines = ["| term | rule | unit | weight (Rules key) |", "|---|---|---|---|"]
    for rule in rules:
        for term in rule.terms:
            lines.append(
                f"| `{term.name}` | `{rule.name}`: {term.help} | {term.unit} | "
                f"{term.default} (`{term.param.key}`) |"
            )
    return "\n".join(lines)


def _param_rows(params: Sequence[Param], owners: dict[str, str]) -> list[str]:
    lines = [
        "| Rules key | 中文 | rule | allowed | default | off | meaning |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in params:
        off = _value(p, p.off) if p.can_switch_off else "-"
        meaning = p.help + (f" / {p.help_zh}" if p.help_zh else "")
        lines.append(
            f"| `{p.key}` | {p.zh} | `{owners[p.name]}` | {p.kind.allowed} | "
            f"{_value(p, p.default)} | {off} | {_markdown(meaning)} |"
        )
    return lines


def rules_markdown() -> str:
    """``docs/rules.md``: every rule, its parameters and weights, from the registry."""
    out = [
        "# Rules, parameters and weights",
        "",
        "Generated from the rule registry (`rostering/rules/__init__.py`) by",
        "`python -m rostering.docs`; the test suite checks that this page is up to date.",
        "Each rule is one file in `rostering/rules/`, which declares its parameters (with",
        "their Rules-sheet keys), its encoding, its check and its explanation texts.",
        "",
        "## Hard rules",
        "",
        hard_rules_table(),
        "",
        "## Soft terms",
        "",
        soft_terms_table(),
        "",
        "## Rule parameters",
        "",
        "Every parameter is a Rules-sheet key (or its Chinese alias) and a field of",
        "`rostering.RuleParams` (`Rules` is the same class). `off` is the value that switches",
        "the rule off, which the Curtois & Qu adapter uses (`RuleParams.switched_off()`).",
        "",
    ]
    owners = {p.name: r.name for r in RULES for p in r.params}
    out += _param_rows(list(RuleParams.specs().values()), owners)
    out += [
        "",
        "## Weights",
        "",
        "Points per unit of each soft term (`rostering.Weights`); 0 switches the term off.",
        "",
    ]
    weight_owners = {t.weight: r.name for r in SOFT_RULES for t in r.terms}
    out += _param_rows(list(Weights.specs().values()), weight_owners)
    out += ["", "## Each rule", ""]
    for rule in RULES:
        number = f"{rule.number}. " if rule.number else ""
        kind = "hard" if rule.hard else "soft"
        out += [f"### {number}`{rule.name}`: {rule.title} ({rule.title_zh}, {kind})", ""]
        doc = (type(rule).__doc__ or "").strip()
        for part in doc.split("\n\n"):
            out += [_markdown(" ".join(line.strip() for line in part.splitlines())), ""]
        out.append(f"Source: `rostering/rules/{type(rule).__module__.rsplit('.', 1)[-1]}.py`.")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def replace_between(text: str, begin: str, end: str, body: str) -> str:
    """``text`` with what lies between the markers ``begin`` and ``end`` replaced."""
    head, found, rest = text.partition(begin)
    if not found or end not in rest:
        raise ValueError(f"markers {begin!r} .. {end!r} not found")
    return f"{head}{begin}\n{body}\n{end}{rest.partition(end)[2]}"


def readme(text: str) -> str:
    """The README with its two rule tables rendered from the registry."""
    text = replace_between(text, HARD_BEGIN, HARD_END, hard_rules_table())
    return replace_between(text, SOFT_BEGIN, SOFT_END, soft_terms_table())


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite ``docs/rules.md`` and the README's tables in the repository ``argv[0]``
    (default: the current folder)."""
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0]) if args else Path(".")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "rules.md").write_text(rules_markdown(), encoding="utf-8")
    path = root / "README.md"
    path.write_text(readme(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
