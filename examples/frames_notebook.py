# %% [markdown]
# # A roster from DataFrames, and its coverage as a plot
#
# A notebook in percent format (`# %%` cells: VS Code, PyCharm, Jupytext); it runs as a
# plain script too: `python examples/frames_notebook.py` writes `coverage-12-12.png` in the
# current folder. The tables have the columns of the input workbook's sheets (English or
# Chinese names); rest is `OFF` and leave `LEAVE` in every frame that comes back.

# %%
from datetime import date, time

import pandas as pd

from rostering import Problem, check, solve

staff = pd.DataFrame(
    {
        "id": ["A01", "A02", "A03", "A04", "A05", "A06", "R01", "R02"],
        "name": ["张敏", "李娜", "王芳", "刘洋", "赵磊", "孙丽", "陈静", "杨磊"],
        "role": ["presales"] * 8,
        "shifts": ["W,N"] * 6 + ["R"] * 2,
    }
)
leave = pd.DataFrame({"id": ["A03", "R01"], "date": [date(2026, 12, 3), date(2026, 12, 24)]})
demand = pd.DataFrame(  # two agents online through the evening peak of Double-12
    {"date": [date(2026, 12, 12)], "start": [time(20)], "end": [time(23)], "required": [2]}
)
rules = {"month": "2026-12", "promotion_days": [date(2026, 12, 12)]}

problem = Problem.from_frames(staff, leave=leave, demand=demand, rules=rules)
print(f"{len(problem.agents)} agents, {problem.start} .. {problem.end}")

# %% [markdown]
# Solve it. The time limit counts CP-SAT's deterministic seconds, so the same input, seed
# and workers give the same roster.

# %%
result = solve(problem, time_limit=2, workers=2, seed=0)
print(result.summary())
assert result.roster is not None and check(problem, result.roster) == []

# %% [markdown]
# Every report as a DataFrame: `assignments`, `coverage`, `demand`, `stats`, `checks`,
# `violations`, `handovers`, `terms` (columns and dtypes: docs/api.md).

# %%
frames = result.to_frames()
grid = frames.assignments.pivot(index="id", columns="date", values="shift")
print(grid.iloc[:, :10])
print(frames.stats[["id", "work_days", "rest_days", "nights", "hours"]])
print(frames.checks[["rule", "passed"]].to_string(index=False))

# %% [markdown]
# The coverage of the promotion day, hour by hour: agents online, the demand, and the
# peak hours (who could be online then).

# %%
coverage = frames.coverage
day = coverage[coverage["date"] == pd.Timestamp(2026, 12, 12)]
print(day[["hour", "online", "demand", "shortfall", "peak", "possible"]].to_string(index=False))

try:
    import matplotlib

    matplotlib.use("Agg")  # write a file; in a notebook, drop this line to see it inline
    import matplotlib.pyplot as plt
except ImportError:
    plt = None
    print("matplotlib is not installed (pip install matplotlib): no plot")

if plt is not None:
    fig, ax = plt.subplots(figsize=(9, 3.5))
    peak = day["peak"].to_numpy()
    ax.bar(day["hour"], day["online"], color=["#C00000" if p else "#4472C4" for p in peak])
    ax.step(day["hour"], day["demand"].astype("float"), where="mid", color="black",
            label="demand")  # fmt: skip
    ax.plot(day["hour"], day["possible"].astype("float"), "o", color="orange",
            label="could be online (peak hours)")  # fmt: skip
    ax.set(xlabel="hour", ylabel="agents online", title="2026-12-12: agents online per hour")
    ax.set_xticks(range(24))
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig("coverage-12-12.png", dpi=100)
    print("written: coverage-12-12.png")
