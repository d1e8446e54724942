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


def cli_build(project: Path, capsys, *options: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(["--root", str(project), "build", *options])
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
    ids = pending["candidate_id"].str.replace(r"^hubei_(plain|variant)_2025:", "", regex=True)
    pending = pending.assign(candidate_id=ids)  # the same numbers, under each doc_id
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
        if Path(dst).name == "processed" and "staging-" in str(src):
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


@pytest.mark.parametrize(
    "suffix, error",
    [(".csv", errno.ENOSPC), (".png", errno.EFBIG)],
    ids=["disk-full-table", "file-size-limit-figure"],
)
def test_disk_full_while_writing_keeps_previous_outputs(
    built_copy, monkeypatch, capsys, suffix, error
):
    before = outputs(built_copy)
    real_write = Path.write_bytes

    def full(self, data):
        if self.suffix == suffix and "staging-" in str(self):
            raise OSError(error, os.strerror(error), str(self))
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    code, err = cli_build(built_copy, capsys)
    assert code == 1 and "Traceback" not in err
    assert os.strerror(error) in err and suffix in err
    assert "data/processed/ and figures/ hold the previous outputs" in err
    monkeypatch.undo()
    assert outputs(built_copy) == before
    assert not list((built_copy / ".policylens-cache").glob("staging-*"))


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


# os.replace calls: 1 writes the publish journal, 2 moves data/processed aside, 3 moves the
# new one in (then figures); test_pipeline.py kills a publish at every step, this end to end
@pytest.mark.parametrize("die_after", [3], ids=["new-processed-moved-in"])
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
    assert not list(built_copy.rglob("*.replaced-*"))
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


# --- encodings: read correctly, or refused by name ----------------------------------------

TRADITIONAL = (
    "到2025年，全省新能源產業營業收入突破3000億元，力爭達到3500億元。\n培育鏈主企業20家以上。\n"
)
JAPANESE = (
    "2025年までに、県内の新エネルギー産業の売上高を3000億円以上にすることを目指します。\n"
    "太陽光発電の導入量を倍増させ、関連企業の誘致を進めます。\n"
)
KOREAN = "2025년까지 도내 신에너지 산업 매출액 3000억 원 돌파를 목표로 합니다.\n"


@pytest.mark.parametrize(
    "text, encoding",
    [(TRADITIONAL, "big5"), (TRADITIONAL, "cp950"), (SAMPLE, "utf-32"), (TRADITIONAL, "utf-32")],
)
def test_big5_and_utf32_are_read_as_written(project, text, encoding):
    add_document(project, text.encode(encoding))
    assert pl.load_text("hubei_test_2025", project) == text.strip()


@pytest.mark.parametrize(
    "data, named",
    [
        (JAPANESE.encode("shift_jis"), "Shift-JIS (Japanese)"),
        (JAPANESE.encode("euc_jp"), "EUC-JP (Japanese)"),
        (KOREAN.encode("euc_kr"), "EUC-KR (Korean)"),
        ((KOREAN * 4).encode("euc_kr"), "EUC-KR (Korean)"),
    ],
    ids=["shift-jis", "euc-jp", "euc-kr-short", "euc-kr"],
)
def test_japanese_and_korean_encodings_are_refused_by_name(built_copy, capsys, data, named):
    before = outputs(built_copy)
    line = add_document(built_copy, data)
    code, message = cli_build(built_copy, capsys)
    assert code == 1 and "Traceback" not in message
    assert outputs(built_copy) == before
    assert named in message and "hubei_test_2025.txt" in message and f"row {line}" in message
    assert "UTF-8" in message


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE + " \n\u3000 ".encode("utf-16-le"),
        b"<div><p>&nbsp;</p><br/></div>",
        b"\f\x1b\n",
    ],
    ids=["only-bom", "utf16-whitespace", "html-no-text", "only-controls"],
)
def test_files_empty_once_decoded_are_refused(built_copy, capsys, data):
    before = outputs(built_copy)
    line = add_document(built_copy, data)
    code, err = cli_build(built_copy, capsys)
    assert code == 1 and "Traceback" not in err and outputs(built_copy) == before
    assert "no text" in err or "empty" in err
    assert f"row {line}" in err and "fix:" in err


# --- control characters: normalised once, offsets true, the build completes ----------------


def test_control_characters_are_normalised_and_the_build_completes(built_copy, capsys):
    pages = "到2025年，全省光伏产业营业收入突破1000亿元。\f培育链主企业\x1b10家以上。\v建成\x00产业园5个。\n"
    add_document(built_copy, pages.encode("utf-16"))  # UTF-16: a NUL is a character there
    text = pl.load_text("hubei_test_2025", built_copy)
    assert text.split("\n")[:2] == [
        "到2025年，全省光伏产业营业收入突破1000亿元。",
        "培育链主企业 10家以上。",
    ]
    assert not any(ord(c) < 32 and c != "\n" for c in text)
    code, err = cli_build(built_copy, capsys, "--no-figures")
    assert code == 0, err  # through to the workbook, which holds no control character
    found = pl.extract_targets(text, issued="2024-03-01")
    assert all(text[r.char_start : r.char_end] == r.quote for r in found.itertuples())


def test_control_characters_are_replaced_one_for_one():
    from policylens.text import replace_controls

    raw = "第一页\f第二页\x1b[0m\x00\x85\u2028末"
    out = replace_controls(raw)
    assert len(out) == len(raw)
    assert out == "第一页\n第二页 [0m \n\n末"


# --- metadata: line handling, field lengths, dates, paths ---------------------------------


def test_line_separators_and_breaks_inside_quoted_cells_are_kept(project):
    add_document(
        project,
        SAMPLE.encode("utf-8"),
        title_en="Test plan\u2028(second line)",
        issuer_zh="湖北省\u0085人民政府",
        note="first line\nsecond line\r\nthird line",
    )
    docs = pl.load_documents(project).set_index("doc_id")
    row = docs.loc["hubei_test_2025"]
    assert row["province"] == "Hubei"
    assert row["title_en"] == "Test plan\u2028(second line)"
    assert row["note"] == "first line\nsecond line\r\nthird line"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"title_zh": "测试\x1b方案"}, "title_zh contains the control character U+001B"),
        ({"note": "x" * 40_000}, "note is 40,000 characters long"),
        ({"note": "x" * 140_000}, "cannot be read as CSV"),
        ({"issued": "2300-01-01"}, "lies outside 1900–2100"),
        ({"issued": "0223-05-01"}, "lies outside 1900–2100"),
        ({"issued": "0000-01-01"}, "not a real date"),
        ({"issued": "２０２４-01-12"}, "not a real date"),
        ({"horizon_end": "２０２５"}, "horizon_end '２０２５' is not a four-digit year"),
        ({"horizon_end": "2300"}, "is not a four-digit year between 1900 and 2100"),
        ({"file": "texts/a\x00b.txt"}, "file contains the control character U+0000"),
        ({"file": "texts/" + "长" * 200 + ".txt"}, "cannot be opened: File name too long"),
        ({"file": "texts"}, "is a folder, not a text file"),
    ],
    ids=[
        "control-character",
        "longer-than-a-cell",
        "longer-than-csv-limit",
        "year-2300",
        "year-0223",
        "year-0000",
        "full-width-date",
        "full-width-year",
        "horizon-2300",
        "nul-in-path",
        "long-file-name",
        "folder-as-file",
    ],
)
def test_bad_metadata_fields_are_named(built_copy, capsys, fields, message):
    before = outputs(built_copy)
    line = add_document(built_copy, SAMPLE.encode("utf-8"), **fields)
    code, text = cli_build(built_copy, capsys)
    assert code == 1 and "Traceback" not in text and outputs(built_copy) == before
    assert message in text and "documents.csv" in text and f"row {line}" in text
    assert "fix:" in text


def test_symlink_loop_and_unreadable_file_are_named(project, monkeypatch):
    texts = project / "data" / "raw" / "texts"
    (texts / "loop_a.txt").symlink_to(texts / "loop_b.txt")
    (texts / "loop_b.txt").symlink_to(texts / "loop_a.txt")
    add_document(project, SAMPLE.encode("utf-8"), file="texts/loop_a.txt")
    with pytest.raises(MetadataError, match=r"loop_a\.txt' cannot be opened"):
        pl.load_documents(project)


def test_unreadable_text_file_is_named(project, monkeypatch):
    import policylens.corpus as corpus

    line = add_document(project, SAMPLE.encode("utf-8"))
    real_open = open

    def no_permission(path, *args, **kwargs):
        if str(path).endswith("hubei_test_2025.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(corpus, "open", no_permission, raising=False)
    with pytest.raises(MetadataError) as info:
        pl.load_documents(project)
    assert "Permission denied" in str(info.value) and f"row {line}" in str(info.value)


def test_folders_where_input_files_should_be(project):
    decisions = project / "data" / "raw" / "review.yaml"
    decisions.unlink()
    decisions.mkdir()
    with pytest.raises(ReviewError, match="cannot read the decisions file"):
        pl.pending_review(project)
    metadata = project / "data" / "raw" / "documents.csv"
    metadata.unlink()
    metadata.mkdir()
    with pytest.raises(MetadataError, match=r"cannot read documents\.csv"):
        pl.load_documents(project)


# --- tables a notebook reads: stale or damaged ----------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.replace(b"target_id,", b"id,", 1),  # an older column name
        lambda data: data.replace(b",CNY,", b",RMB,", 1),  # a value no longer allowed
        lambda data: data[: len(data) // 3] + b'"\n',  # cut off mid-file
    ],
    ids=["stale-column", "stale-value", "truncated"],
)
def test_notebooks_on_stale_or_damaged_tables_are_told_to_rebuild(built_copy, damage):
    path = built_copy / "data" / "processed" / "targets.csv"
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(PolicylensError) as info:
        pl.load_targets(built_copy)
    assert str(path) in str(info.value) and "policylens build" in str(info.value)


# --- policylens extract on endless or cut-off streams ---------------------------------------


def test_extract_on_dev_zero_is_bounded(capsys):
    with pytest.raises(SystemExit) as info:
        main(["extract", "/dev/zero"])
    err = capsys.readouterr().err
    assert info.value.code == 1 and "/dev/zero" in err and "larger than" in err
    assert "Traceback" not in err


def test_extract_piped_into_head_ends_quietly(tmp_path):
    from conftest import REPO

    result = subprocess.run(
        f"{sys.executable} -m policylens extract {REPO / 'data/raw/texts'} | head -n 2",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
        executable="/bin/bash",
        env={**os.environ, "PIPESTATUS_OUT": ""},
    )
    assert result.returncode == 0 and result.stderr == ""
    assert len(result.stdout.splitlines()) == 2
    status = subprocess.run(
        f"set -o pipefail; {sys.executable} -m policylens extract "
        f"{REPO / 'data/raw/texts'} | head -n 1 > /dev/null",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
        executable="/bin/bash",
    )
    assert status.returncode == 0 and status.stderr == ""


# --- signals: the whole process tree ends ---------------------------------------------------

SLOW_BUILD = """
import os, sys, time
from pathlib import Path
import policylens
import policylens.plots.export as export
import policylens.pipeline as build
from policylens.model.schema import TABLES, empty_frame

def no_tables(documents, texts, pages, targets, extracted=None):
    tables = {name: empty_frame(name) for name in TABLES if name != "targets"}
    return {"targets": empty_frame("targets"), **tables}

def slow_render(tables, number, lang):
    # say "this worker is drawing" (its initializer has run), then draw for ever
    marker = Path(sys.argv[2]) / str(os.getpid())
    marker.with_suffix(".tmp").write_text("drawing")
    marker.with_suffix(".tmp").rename(marker)
    time.sleep(120)

build.build_tables = no_tables
export.render = slow_render
export._workers = lambda requested, jobs: 2  # even on a one-core machine
from policylens.cli import main
main(["--root", sys.argv[1], "build"])
"""


def _drawing_workers(drawing: Path) -> list[int]:
    """The pids of the workers that have renamed their marker into place: a marker still
    being written is named '<pid>.tmp', which a glob of '[0-9]*' also matches."""
    return [int(p.name) for p in drawing.iterdir() if p.name.isdigit()]


def _wait_for(condition, seconds: float) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` have passed; whether it held."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_signals_end_the_drawing_workers_too(project, tmp_path, signum):
    drawing = tmp_path / "drawing"  # each worker names itself here once it draws
    drawing.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(project), str(drawing)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # the condition, not a guess at how long start-up takes on a loaded machine: both
    # workers are drawing (so each has run its initializer)
    started = _wait_for(lambda: len(_drawing_workers(drawing)) >= 2, 300)
    workers = _drawing_workers(drawing)
    if not started:
        process.kill()
    assert started, "the build never started its drawing workers: " + str(workers)
    process.send_signal(signum)
    _, err = process.communicate(timeout=300)  # returns only once no one holds the pipes
    assert _wait_for(lambda: not any(_alive(pid) for pid in workers), 60)
    if signum != signal.SIGKILL:
        assert process.returncode == 128 + signum, err.decode()
        assert b"stopped by" in err and b"Traceback" not in err
        assert not list((project / ".policylens-cache").glob("staging-*"))
    assert not (project / "data" / "processed").exists()


# --- the same bytes on another machine --------------------------------------------------------


def test_chinese_text_is_drawn_with_the_bundled_font_file(tmp_path):
    import shutil

    from matplotlib import font_manager

    from policylens.plots import fonts

    bundled = fonts.bundled_font_path()
    family = fonts.cjk_family()
    # a system install of the same family, met first by matplotlib (as with a fresh cache)
    system_copy = tmp_path / "NotoSansCJK-Regular.otf"
    shutil.copyfile(bundled, system_copy)
    manager = font_manager.fontManager
    manager.addfont(str(system_copy))
    copies = [entry for entry in manager.ttflist if Path(entry.fname) == system_copy]
    manager.ttflist = copies + [e for e in manager.ttflist if Path(e.fname) != system_copy]
    manager._findfont_cached.cache_clear()
    assert Path(font_manager.findfont(font_manager.FontProperties(family=[family]))) == (
        system_copy
    )  # without pinning, the other file would be used
    for lang in ("zh", "en"):
        props = font_manager.FontProperties(family=fonts.font_families(lang))
        files = [Path(p) for p in manager._find_fonts_by_props(props)]
        assert bundled in files and system_copy not in files
    assert Path(font_manager.findfont(font_manager.FontProperties(family=[family]))) == bundled
