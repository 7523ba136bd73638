"""Command-line shell: argument parsing and printing over the domain packages."""
