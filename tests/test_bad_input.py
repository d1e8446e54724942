"""Bad input, end to end: every entry point answers clearly and loses nothing already built.

Each case checks the message (it names the file, row or quote and says what to
fix), the exit status of the CLI (1, no traceback) or the library's own
exception type, and that the previous outputs are byte-for-byte intact.
"""

from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import snapshot

import policylens as pl
from policylens.cli import main
from policylens.errors import (
    MetadataError,
    OutputError,
    PolicylensError,
    ReviewError,
    TextEncodingError,
)

SAMPLE = (
    "到2025年，全省新能源产业营业收入突破3000亿元，力争达到3500亿元。\n培育链主企业20家以上。\n"
)


def outputs(project: Path) -> dict[str, bytes]:
    return snapshot(project / "data" / "processed") | {
        f"figures/{k}": v for k, v in snapshot(project / "figures").items()
    }


def add_document(project: Path, data: bytes, doc_id: str = "hubei_test_2025", **fields: str) -> int:
    """Add a text file and its metadata row; return the row's line number."""
    path = project / "data" / "raw" / "texts" / f"{doc_id}.txt"
    path.write_bytes(data)
    row = {
        "doc_id": doc_id,
        "province": "Hubei",
        "province_zh": "湖北",
        "title_zh": "测试方案",
        "title_en": "Test plan",
        "issuer_zh": "湖北省人民政府",
        "doc_number": "",
        "issued": "2024-03-01",
        "status": "final",
        "horizon_start": "",
        "horizon_end": "2025",
        "source_url": "",
        "file": f"texts/{doc_id}.txt",
        "sha256": hashlib.sha256(data).hexdigest(),
        "note": "",
    }
    row.update(fields)
    metadata = project / "data" / "raw" / "documents.csv"
    with metadata.open(encoding="utf-8", newline="") as handle:
        lines = sum(1 for _ in csv.reader(handle))
    with metadata.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(row), lineterminator="\n").writerow(row)
    return lines + 1


def cli_build(project: Path, capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(["--root", str(project), "build"])
    return info.value.code, capsys.readouterr().err


# --- texts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b" \n\r\n\t  \n", "empty"),
        (bytes(range(256)) * 8, "binary"),
        ("到2025年".encode("utf-16-le"), "binary"),  # UTF-16 without a BOM is not guessed
        (b"\xd5\xbd" + bytes([0x80, 0xFF]) * 200, "neither UTF-8"),
    ],
    ids=["empty", "whitespace", "binary", "utf16-no-bom", "undecodable"],
)
def test_unreadable_texts_stop_the_build(built_copy, capsys, data, reason):
    before = outputs(built_copy)
    line = add_document(built_copy, data)
    code, err = cli_build(built_copy, capsys)
    assert code == 1 and "Traceback" not in err
    assert reason in err and "hubei_test_2025.txt" in err and f"row {line}" in err
    assert outputs(built_copy) == before


@pytest.mark.parametrize(
    "encode, encoding",
    [
        (lambda s: s.encode("gbk"), "gbk"),
        (lambda s: s.encode("gb18030"), "gb18030"),
        (lambda s: s.encode("utf-16"), "utf-16 with BOM"),
        (lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), "utf-8 with BOM"),
        (lambda s: s.replace("\n", "\r\n").encode("utf-8"), "windows line endings"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_readable_encodings_give_the_same_text_and_targets(project, encode, encoding):
    add_document(project, SAMPLE.encode("utf-8"), doc_id="hubei_plain_2025")
    add_document(project, encode(SAMPLE), doc_id="hubei_variant_2025")
    assert pl.load_text("hubei_variant_2025", project) == pl.load_text("hubei_plain_2025", project)
    pending = pl.pending_review(project)
    plain = pending[pending["doc_id"] == "hubei_plain_2025"].drop(columns="doc_id")
    variant = pending[pending["doc_id"] == "hubei_variant_2025"].drop(columns="doc_id")
    assert len(plain) >= 2
    assert plain.reset_index(drop=True).equals(variant.reset_index(drop=True))


def test_html_remnants_full_width_digits_and_traditional_characters(project):
    html = (
        "<div><p>到２０２５年，全省新能源產業營業收入突破3000億元；</p>"
        "<p>培育鏈主企業２０家以上。&nbsp;</p></div>"
    )
    add_document(project, html.encode("utf-8"))
    text = pl.load_text("hubei_test_2025", project)
    assert "<" not in text and "&nbsp;" not in text
    assert text.split("\n") == [
        "到２０２５年，全省新能源產業營業收入突破3000億元；",
        "培育鏈主企業２０家以上。",
    ]
    found = pl.extract_targets(text, issued="2024-03-01")
    for row in found.itertuples():
        assert text[row.char_start : row.char_end] == row.quote
    assert 20.0 in set(found["value"])  # full-width digits are read


def test_extremely_long_line_and_large_document(project):
    sentence = "到2025年，全省新能源产业营业收入突破3000亿元，培育链主企业20家以上，"
    line = sentence * 40_000  # one line of about 1.5 million characters, no line break
    add_document(project, line.encode("utf-8"))
    text = pl.load_text("hubei_test_2025", project)
    assert len(text) == len(line)
    found = pl.extract_targets(text, issued="2024-03-01")
    assert all(text[r.char_start : r.char_end] == r.quote for r in found.itertuples())


# --- metadata ---------------------------------------------------------------------------


def _rewrite_metadata(project: Path, transform) -> None:
    path = project / "data" / "raw" / "documents.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows = transform(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _drop_column(name):
    def transform(rows):
        index = rows[0].index(name)
        return [row[:index] + row[index + 1 :] for row in rows]

    return transform


def _set(row_number, column, value):
    def transform(rows):
        rows[row_number - 1][rows[0].index(column)] = value
        return rows

    return transform


@pytest.mark.parametrize(
    "transform, message",
    [
        (_drop_column("sha256"), "lacks the column(s) sha256"),
        (_set(2, "province", "Atlantis"), "unknown province 'Atlantis'"),
        (_set(2, "province_zh", "山西"), "does not match province"),
        (_set(3, "doc_id", "jiangxi_chains_2023_2026"), "duplicate doc_id"),
        (_set(2, "file", "../../../etc/passwd"), "lies outside data/raw/"),
        (_set(2, "file", "/etc/hostname"), "lies outside data/raw/"),
        (_set(2, "file", "texts/missing.txt"), "does not exist"),
        (_set(2, "sha256", "f" * 64), "has changed"),
        (_set(2, "sha256", "not-a-hash"), "is not 64 lower-case hex digits"),
        (_set(2, "issued", "2024-02-30"), "not a real date"),
        (_set(2, "issued", "12/01/2024"), "not a real date"),
        (_set(2, "status", "published"), "status 'published'"),
        (_set(2, "horizon_start", "2030"), "horizon_start is after horizon_end"),
    ],
)
def test_bad_metadata_is_named_and_changes_nothing(built_copy, capsys, transform, message):
    before = outputs(built_copy)
    _rewrite_metadata(built_copy, transform)
    code, err = cli_build(built_copy, capsys)
    assert code == 1, err
    assert message in err and "documents.csv" in err and "fix:" in err
    assert "Traceback" not in err
    assert outputs(built_copy) == before


def test_empty_sha256_tells_the_value_to_write(project):
    line = add_document(project, SAMPLE.encode("utf-8"), sha256="")
    with pytest.raises(MetadataError) as info:
        pl.build(project)
    assert f"row {line}" in str(info.value)
    assert hashlib.sha256(SAMPLE.encode("utf-8")).hexdigest() in str(info.value)


def test_metadata_not_utf8(project):
    path = project / "data" / "raw" / "documents.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(MetadataError, match="not UTF-8"):
        pl.load_documents(project)


# --- review decisions -------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry, message",
    [
        ("- doc_id: atlantis_2024\n  quote: 营收\n  action: accept\n", "unknown doc_id"),
        (
            "- doc_id: shanxi_pv_2023\n  quote: 这句话不在文中\n  action: accept\n",
            "is not in the text of shanxi_pv_2023",
        ),
        (
            "- doc_id: shanxi_pv_2023\n  quote: 20GW\n  action: correct\n  set: {unit: MW}\n",
            "unit 'MW' is not one of",
        ),
        (
            "- doc_id: shanxi_pv_2023\n  quote: 20GW\n  action: correct\n  set: {value: -5}\n",
            "is not a number",
        ),
        (
            "- doc_id: shanxi_pv_2023\n  quote: 20GW以上\n  action: accept\n"
            "- doc_id: shanxi_pv_2023\n  quote: 20GW以上\n  action: reject\n",
            "conflicts with",
        ),
        ('- doc_id: shanxi_pv_2023\n  quote: "20GW\n  action: accept\n', "not valid YAML"),
    ],
    ids=["unknown-doc", "quote-not-in-text", "bad-unit", "bad-value", "conflict", "malformed"],
)
def test_bad_decisions_stop_the_build(built_copy, capsys, entry, message):
    before = outputs(built_copy)
    decisions = built_copy / "data" / "raw" / "review.yaml"
    decisions.write_text(decisions.read_text(encoding="utf-8") + "\n" + entry, encoding="utf-8")
    code, err = cli_build(built_copy, capsys)
    assert code == 1 and message in err and "review.yaml" in err and "Traceback" not in err
    assert outputs(built_copy) == before
    with pytest.raises(ReviewError):
        pl.build(built_copy)


# --- outputs ----------------------------------------------------------------------------


def test_unwritable_output_folder_keeps_previous_outputs(built_copy, monkeypatch):
    for path in (built_copy / "data" / "processed").glob("*.csv"):
        path.write_bytes(path.read_bytes() + b"stale\n")
    before = outputs(built_copy)
    real_replace = os.replace

    def refuse(src, dst):
        # moving the staged folder into place fails (after the old one was moved aside)
        if Path(dst).name == "processed" and ".staging-" in str(src):
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="Permission denied") as info:
        pl.build(built_copy)
    assert "processed" in str(info.value)
    monkeypatch.undo()
    assert outputs(built_copy) == before
    pl.build(built_copy)  # a rerun completes
    assert outputs(built_copy) != before


def test_disk_full_while_writing_keeps_previous_outputs(built_copy, monkeypatch):
    before = outputs(built_copy)
    real_write = Path.write_bytes

    def full(self, data):
        if self.suffix == ".csv" and ".staging-" in str(self):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OSError):
        pl.build(built_copy)
    monkeypatch.undo()
    assert outputs(built_copy) == before
    assert not list((built_copy / "data").glob(".staging-*"))


KILLER = """
import os, signal, sys
import policylens.outputs as outputs
real_replace = os.replace
calls = []
def replace_then_die(src, dst):
    calls.append(dst)
    real_replace(src, dst)
    if len(calls) == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace_then_die
import policylens as pl
pl.build(sys.argv[1])
"""


@pytest.mark.parametrize("die_after", [1, 2], ids=["old-moved-aside", "new-moved-in"])
def test_build_killed_while_publishing_recovers(built_copy, die_after):
    for path in (built_copy / "data" / "processed").glob("*.csv"):
        path.write_bytes(path.read_bytes() + b"stale\n")  # so the build must publish
    before = outputs(built_copy)
    result = subprocess.run(
        [sys.executable, "-c", KILLER, str(built_copy), str(die_after)],
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == -signal.SIGKILL
    pl.build(built_copy)  # the rerun recovers and completes
    after = outputs(built_copy)
    assert after != before
    assert not (built_copy / "data" / "processed.previous").exists()
    assert {name for name in after if name.endswith(".csv")} == {
        name for name in before if name.endswith(".csv")
    }


def test_build_killed_before_publishing_leaves_outputs(built_copy):
    before = outputs(built_copy)
    (built_copy / "data/raw/review.yaml").write_text(
        (built_copy / "data/raw/review.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    script = (
        "import os, signal, sys\nimport policylens.outputs as o\n"
        "o.publish = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)\n"
        "import policylens as pl\npl.build(sys.argv[1])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(built_copy)], capture_output=True, timeout=300
    )
    assert result.returncode == -signal.SIGKILL
    assert outputs(built_copy) == before


# --- the library's own exception type ---------------------------------------------------


def test_api_errors_are_policylens_errors(project):
    with pytest.raises(PolicylensError):
        pl.load_text("no_such_document", project)
    with pytest.raises(pl.NotBuiltError, match="policylens build"):
        pl.load_targets(project)
    add_document(project, b"\x00\x01binary")
    with pytest.raises(TextEncodingError):
        pl.load_documents(project)


def test_fifty_megabyte_document(project):
    corpus = b"\n".join(p.read_bytes() for p in sorted((project / "data/raw/texts").glob("*.txt")))
    data = corpus * (50 * 2**20 // len(corpus) + 1)
    assert len(data) >= 50 * 2**20
    add_document(project, data)
    text = pl.load_text("hubei_test_2025", project)
    assert text.count("到2026年，全省新能源产业链营业收入力争达到7000亿元") == data.count(
        "到2026年，全省新能源产业链营业收入力争达到7000亿元".encode()
    )
    found = pl.extract_targets(text, issued="2024-03-01")
    # the same documents restated again and again: each target is found, once
    assert {7e11, 3.5e11, 20.0, 150.0} <= set(found["value"])
    assert found["quote"].is_unique
    assert all(text[r.char_start : r.char_end] == r.quote for r in found.itertuples())
