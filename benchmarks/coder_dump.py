"""`python -m benchmarks.coder_dump OUT`: every line the coder is judged on, coded, one JSON
record a line, so two versions of the coder can be compared with `diff` (a speed change must
leave every record as it was).

Lines: each therapist turn of an AnnoMI-format CSV (with the client line before it, as `bench
annomi` codes it), each line of the social-work tables (with its `previous`), each `ask` of the
engine's question scripts. Each is coded twice, by `Coder.code_many` (the bench's batches) and
by `Coder.code` (one turn, as the app codes it); a record holds the code, the sentences with
their cue ids, what the reflection reflects and the intent (`CodedUtterance.to_dict`).

Files named with `--private` are written as a digest per line only, so a diff says how many of
their lines changed without showing a line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from mi_trainer.cli.bench_annomi import read_rows
from mi_trainer.coding.coder import Coder

DEFAULT_ANNOMI = Path("/work/shared/data/annomi/annomi-dev.csv")


def social_work_lines(path: Path) -> list[tuple[str, str | None]]:
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [(str(i["line"]), i.get("previous")) for i in items if isinstance(i, dict)]


def question_lines(folder: Path) -> list[tuple[str, str | None]]:
    lines: list[tuple[str, str | None]] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for question in data.get("questions", []) if isinstance(data, dict) else []:
            if isinstance(question, dict) and "ask" in question:
                lines.append((str(question["ask"]), None))
    return lines


def records(coder: Coder, lines: Sequence[tuple[str, str | None]]) -> Iterable[str]:
    texts = [t for t, _ in lines]
    clients = [c for _, c in lines]
    many = coder.code_many(texts, clients)
    for (text, client), batched in zip(lines, many, strict=True):
        single = coder.code(text, client)
        record = batched.to_dict()
        if single.to_dict() != record:
            record["single_differs"] = single.to_dict()
        yield json.dumps(record, sort_keys=True, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.coder_dump")
    parser.add_argument("out", type=Path, help="the dump to write")
    parser.add_argument("--annomi", type=Path, default=DEFAULT_ANNOMI)
    parser.add_argument("--private", type=Path, nargs="*", default=[])
    args = parser.parse_args(argv)
    private = {p.resolve() for p in args.private}
    sources: list[tuple[str, list[tuple[str, str | None]]]] = []
    if args.annomi.exists():
        rows = read_rows(args.annomi)
        sources.append((str(args.annomi), [(r.text, r.previous_client or None) for r in rows]))
    for path in sorted(Path("tests/coding/social_work").glob("*.yaml")):
        sources.append((str(path), social_work_lines(path)))
    for folder in sorted(Path("benchmarks/engine").glob("questions*")):
        sources.append((str(folder), question_lines(folder)))
    coder = Coder()
    with args.out.open("w", encoding="utf-8") as out:
        for name, lines in sources:
            hidden = Path(name).resolve() in private
            for number, record in enumerate(records(coder, lines), start=1):
                if hidden:
                    record = hashlib.sha256(record.encode()).hexdigest()
                out.write(f"{name}#{number}\t{record}\n")
            print(f"{name}: {len(lines)} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
