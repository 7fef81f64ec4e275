"""Benchmarks: a seeded team generator, two baselines, the runners and their report.

- `benchmarks.generate`: realistic teams of 50 to 5000 agents for December 2026.
- `benchmarks.naive`: the plain one-Boolean-per-agent-day-shift CP-SAT model, a baseline.
- `benchmarks.run` (``python -m benchmarks``): each size with our engine and the baselines,
  each solve in a fresh process (`benchmarks.worker`, `benchmarks.harness`); writes
  ``benchmarks/results.json`` and renders ``benchmarks/RESULTS.md`` (`benchmarks.report`,
  with the issue's targets met or missed).
- `benchmarks.curtois` (``python -m benchmarks.curtois``): the Curtois & Qu instances 1-15.
- `benchmarks.ablation` (``python -m benchmarks.ablation``): each engine idea on and off,
  ``benchmarks/ABLATION.md``.
"""
