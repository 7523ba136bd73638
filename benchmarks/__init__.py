"""Developer benchmarks with the floors CI keeps; not part of the installed mi-trainer.

Run from the repository root with the project's environment::

    .venv/bin/python -m benchmarks engine --turns 2000 --max-p95-ms 20
    .venv/bin/python -m benchmarks app --turns 30 --max-p95-ms 100 --max-start-s 1.5
    .venv/bin/python -m benchmarks storage --sessions 100000 --max-report-s 1 --max-list-ms 100

Each exits 1 when a figure is past its floor. `mi-trainer bench annomi` (the coder and the
session score against expert codes) stays a user command: trainers use it too.
`synthetic.py` builds the storage benchmark's database; `pg_cluster.py` starts a throwaway
PostgreSQL server for the storage tests and benchmarks.
"""
