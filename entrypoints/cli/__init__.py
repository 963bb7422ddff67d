"""Command-line entry points: click groups that `ignition.cli` adds to the root command."""
