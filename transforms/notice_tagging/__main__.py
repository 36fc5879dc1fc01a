"""``python -m transforms.notice_tagging --evaluate``: precision/recall on the labelled notices."""

from __future__ import annotations

import argparse

from transforms.notice_tagging.evaluation import LABELS_CSV, evaluate, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m transforms.notice_tagging", description=__doc__)
    parser.add_argument("--evaluate", action="store_true", help="score the tagging on the labelled set")
    parser.add_argument("--labels", default=str(LABELS_CSV), help="labelled CSV (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.evaluate:
        parser.print_help()
        return 0
    from pathlib import Path

    print(report(evaluate(Path(args.labels))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
