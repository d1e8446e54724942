"""extract_corpus: the per-document unit on Dask, from a folder or URL to partitioned Parquet."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

import policylens as pl
from policylens.engine.frames import tables_frames
from policylens.engine.unit import extract_document
from policylens.errors import InputError, MissingExtraError

dask_bag = pytest.importorskip("dask.bag")
REPO = Path(__file__).resolve().parents[2]
TEXTS = sorted((REPO / "data" / "raw" / "texts").glob("*.txt"))


@pytest.fixture
def folder(tmp_path):
    """Three bundled texts (one in a subfolder), a file of another type and a broken PDF."""
    root = tmp_path / "corpus"
    (root / "more").mkdir(parents=True)
    shutil.copy(TEXTS[0], root / TEXTS[0].name)
    shutil.copy(TEXTS[1], root / TEXTS[1].name)
    shutil.copy(TEXTS[2], root / "more" / TEXTS[2].name)
    (root / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"not a pdf at all")
    return root


def _expected(doc_ids: list[str], texts: list[str]) -> dict[str, pd.DataFrame]:
    found = [extract_document(t) for t in texts]
    return tables_frames([(d, "") for d in doc_ids], found)


def test_a_folder_on_a_local_cluster_gives_the_rows_of_one_process(folder, tmp_path):
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=1, threads_per_worker=2, processes=False) as cluster,
        Client(cluster),
    ):
        result = pl.extract_corpus(folder, tmp_path / "out", partition_size=2)
    assert result.documents == 4
    assert [Path(f).name for f, _ in result.skipped] == ["broken.pdf"]
    targets = pd.read_parquet(tmp_path / "out" / "targets")
    docs = [TEXTS[0].name, TEXTS[1].name, f"more/{TEXTS[2].name}"]
    texts = [(folder / d).read_text(encoding="utf-8") for d in docs]
    expected = _expected(docs, texts)
    got = targets.sort_values(["doc_id", "char_start"], kind="stable")
    want = expected["targets"].sort_values(["doc_id", "char_start"], kind="stable")
    assert got[["doc_id", "quote", "value"]].astype(str).values.tolist() == (
        want[["doc_id", "quote", "value"]].astype(str).values.tolist()
    )
    assert result.rows["targets"] == len(targets) > 0
    for doc_id, text in zip(docs, texts, strict=True):
        mine = targets[targets["doc_id"] == doc_id]
        for row in mine.itertuples():
            assert text[row.char_start : row.char_end] == row.quote
    modes = pd.read_parquet(tmp_path / "out" / "modes")
    assert len(modes) == result.rows["modes"] > 0
    assert modes["mode_id"].str.contains(":").all()


def test_an_fsspec_url_in_and_out_and_types_kept_across_partitions(folder):
    import fsspec

    fs = fsspec.filesystem("memory")
    for path in sorted(folder.rglob("*.txt")):
        fs.pipe(f"/plans/{path.name}", path.read_bytes())
    result = pl.extract_corpus(
        "memory://plans", "memory://out", partition_size=1, scheduler="synchronous"
    )
    assert result.documents == 3 and result.skipped == []
    assert len(fs.glob("/out/chains/part-*.parquet")) == 3
    with (
        fs.open("/out/chains/part-00000.parquet") as a,
        fs.open("/out/chains/part-00002.parquet") as b,
    ):
        assert pd.read_parquet(a).dtypes.equals(pd.read_parquet(b).dtypes)


def test_a_bag_of_records_and_a_rerun_replaces_the_parts(tmp_path):
    records = [
        {"doc_id": "p1", "text": "到2025年，光伏产业营业收入突破1000亿元。", "province": "Shanxi"},
        {"doc_id": "p2", "text": "年底前，出台支持政策。", "issued": "2024-03-01"},
        {"doc_id": "p3", "text": None},
    ]
    out = tmp_path / "out"
    first = pl.extract_corpus(dask_bag.from_sequence(records, npartitions=3), out)
    assert first.rows["targets"] == 1 and first.rows["milestones"] == 1
    assert first.skipped == [("p3", "no text")]
    milestones = pd.read_parquet(out / "milestones")
    assert milestones["deadline"].dt.strftime("%Y-%m-%d").tolist() == ["2024-12-31"]
    pl.extract_corpus(dask_bag.from_sequence(records[:1], npartitions=1), out, scheduler="sync")
    assert len(list((out / "targets").glob("part-*"))) == 1


def test_errors_say_what_to_do(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="holds no document policylens reads"):
        pl.extract_corpus(empty, tmp_path / "out")
    with pytest.raises(ValueError, match="unknown tables"):
        pl.extract_corpus(empty, tmp_path / "out", tables=("target",))
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'policylens\[dask\]'"):
        pl.extract_corpus(empty, tmp_path / "out")
