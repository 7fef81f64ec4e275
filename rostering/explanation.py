"""What `rostering.explain` finds: the rules in conflict, whom and when, what to relax.

Plain values, apart from the search that finds them, so that a `rostering.Result` can
carry an explanation without depending on the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .values import Lang, Text

__all__ = ["Explanation", "Finding"]


@dataclass(frozen=True)
class Finding:
    """One fact about the conflict: what, who, when."""

    text: Text
    rules: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    dates: tuple[date, ...] = ()
    shift: str | None = None
    fix: Text | None = None
    """The smallest concrete change found that removes this conflict, if any."""


@dataclass(frozen=True)
class Explanation:
    """Why ``problem`` has no roster, and what would make one possible."""

    rules: tuple[str, ...]
    """A smallest set of hard rules that together admit no roster (with one_per_day)."""
    findings: tuple[Finding, ...] = ()
    suggestions: tuple[Text, ...] = ()
    proven: bool = True
    """False when a test ran out of time: the set is then conflicting but maybe not
    smallest."""
    rule_titles: tuple[Text, ...] = field(default_factory=tuple)

    @property
    def agents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for f in self.findings for a in f.agents))

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(sorted({d for f in self.findings for d in f.dates}))

    def lines(self, lang: Lang = "en") -> list[str]:
        """The explanation for people, in ``lang``."""
        zh = lang == "zh"
        if not self.rules:
            return ["无法给出冲突的规则" if zh else "no conflicting set of rules was found"]
        names = "; ".join(
            f"{r} ({t(lang)})" for r, t in zip(self.rules, self.rule_titles, strict=True)
        )
        head = ("这些规则不能同时满足: " if zh else "these rules cannot all hold: ") + names
        out = [head]
        out += [f"- {f.text(lang)}" for f in self.findings]
        if self.suggestions:
            out.append("建议:" if zh else "to make a roster possible:")
            out += [f"- {s(lang)}" for s in self.suggestions]
        if not self.proven:
            out.append(
                "(部分检验超时: 冲突成立, 但可能不是最小的)"
                if zh
                else "(some tests ran out of time: the set conflicts but may not be the smallest)"
            )
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines("en"))
