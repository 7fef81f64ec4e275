"""Benchmarks for large teams: a seeded team generator, a naive baseline model and a runner.

- `benchmarks.generate`: realistic teams of 50 to 5000 agents for December 2026.
- `benchmarks.naive`: the plain one-Boolean-per-agent-day-shift CP-SAT model, the baseline.
- `benchmarks.run`: solves each size with both models in fresh subprocesses and writes
  ``benchmarks/RESULTS.md`` and ``benchmarks/results.json``. Run ``python -m benchmarks``.
"""
