"""Time the workbook write of a built project: a baseline checkout against this one.

Issue 15 item 3: the workbook is written in streaming (openpyxl write-only) mode. Both
writers run on the same built tables, one child process each (the two policylens
versions cannot share a process), one after the other in one run; each child loads the
tables untimed, then times ``write_workbook`` alone and reports its peak RSS. Then every
sheet of both workbooks is read back with openpyxl and compared cell by cell (values,
number formats, fonts, hyperlinks, merged ranges, widths, row heights, frozen panes,
tables).

    python benchmarks/workbook_write.py ROOT --baseline /path/to/main/checkout
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from policylens.excel import write_workbook
from policylens.pipeline import OUTPUT_TABLES, find_project, load_table
root, out = sys.argv[1], sys.argv[2]
project = find_project(root)
tables = {name: load_table(name, project.root) for name in OUTPUT_TABLES}
info = json.loads((project.processed / "build_info.json").read_text(encoding="utf-8"))
figures = sorted(project.figures.glob("*.png")) if project.figures.is_dir() else []
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
write_workbook(tables, out, figures=figures, build_info=info)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "rss_before_mib": before / 1024, "peak_mib": peak / 1024,
                  "rows": {k: len(v) for k, v in tables.items()}}))
"""


def _write(code: Path, root: Path, out: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(root), str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _sheet(ws) -> dict:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and c.coordinate not in ws.merged_cells:
                continue
            link = c.hyperlink.target if c.hyperlink else None
            cells[c.coordinate] = (
                c.value,
                c.data_type,
                c.number_format,
                c.font.b,
                c.font.i,
                c.font.u,
                c.font.color.rgb if c.font.color else None,
                c.alignment.wrap_text,
                c.alignment.vertical,
                c.quotePrefix,
                c.fill.fgColor.rgb if c.fill.fill_type else None,
                link,
            )
    return {
        "cells": cells,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
        "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
        "freeze": ws.freeze_panes,
        "tables": sorted(
            (
                t.name,
                t.ref,
                t.autoFilter.ref if t.autoFilter else None,
                tuple((c.id, c.name) for c in t.tableColumns),
                t.tableStyleInfo.name if t.tableStyleInfo else None,
            )
            for t in ws.tables.values()
        ),
        "images": len(ws._images),
        "print": (ws.page_setup.orientation, ws.print_title_rows),
    }


def compare(old: Path, new: Path) -> list[str]:
    """Every difference between the two workbooks' sheets (empty: the same)."""
    import openpyxl

    with zipfile.ZipFile(old) as za, zipfile.ZipFile(new) as zb:
        parts = sorted(set(za.namelist()) ^ set(zb.namelist()))
    a, b = openpyxl.load_workbook(old), openpyxl.load_workbook(new)
    if a.sheetnames != b.sheetnames:
        return [f"sheets differ: {a.sheetnames} vs {b.sheetnames}"]
    out = [f"zip parts in one workbook only: {parts}"] if parts else []
    for name in a.sheetnames:
        sa, sb = _sheet(a[name]), _sheet(b[name])
        for key in sa:
            if sa[key] != sb[key]:
                if key == "cells":
                    diff = [
                        k
                        for k in sa[key].keys() | sb[key].keys()
                        if sa[key].get(k) != sb[key].get(k)
                    ]
                    out.append(
                        f"{name}: {len(diff)} cells differ, e.g. {sorted(diff)[:3]}: "
                        f"{[(sa[key].get(k), sb[key].get(k)) for k in sorted(diff)[:1]]}"
                    )
                else:
                    out.append(f"{name}: {key} differ: {sa[key]} vs {sb[key]}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a built project (policylens build)")
    parser.add_argument("--baseline", type=Path, required=True, help="checkout of the baseline")
    parser.add_argument("--no-compare", action="store_true")
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp, "old.xlsx"), Path(tmp, "new.xlsx")
        base = _write(args.baseline.resolve(), args.root, old)
        this = _write(here, args.root, new)
        print(f"tables: {this['rows']}")
        for label, run, path in (("baseline", base, old), ("streaming", this, new)):
            print(
                f"{label:9}  write_workbook {run['seconds']:7.1f} s   peak RSS "
                f"{run['peak_mib']:6.0f} MiB (tables loaded: {run['rss_before_mib']:.0f} MiB)"
                f"   {path.stat().st_size / 2**20:.1f} MB"
            )
        print(f"ratio: {base['seconds'] / this['seconds']:.2f}x faster")
        if not args.no_compare:
            diffs = compare(old, new)
            print("every sheet reads the same" if not diffs else "\n".join(diffs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
