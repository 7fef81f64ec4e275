"""The ``roster`` command."""

from __future__ import annotations

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="roster")
def main() -> None:
    """Monthly rosters (排班表) for customer-service teams, built and checked with CP-SAT."""
