"""Regression guard: the held-out documents keep their scores (benchmarks/heldout_accuracy.py)."""

import importlib.util
import sys
from pathlib import Path

import yaml

SCORER = Path(__file__).resolve().parents[2] / "benchmarks" / "heldout_accuracy.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("heldout_accuracy", SCORER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_heldout_documents_are_read_with_high_precision_and_recall():
    scorer = _scorer()
    gold = yaml.safe_load((scorer.HELDOUT / "gold.yaml").read_text(encoding="utf-8"))
    rep = scorer.Report()
    for doc in gold["documents"]:
        scorer.score(doc, rep)
    assert rep.gold >= 140 and len(gold["documents"]) == 9  # the whole set was scored
    details = "\n".join(rep.lines)
    assert rep.found / rep.gold >= 0.97, details
    assert rep.found / rep.rows >= 0.97, details
    assert rep.fields_ok / rep.fields >= 0.97, details
    assert rep.by_field["value"] == 0 and rep.by_field["value_stretch"] == 0, details


def _f1(hits, rows, gold):
    p, r = hits / rows, hits / gold
    return 2 * p * r / (p + r)


def test_development_sets_keep_their_target_and_value_level_f1():
    """tests/data/dev…dev15: written from shared/TARGETS.md for issue 12."""
    scorer = _scorer()
    folders = ["dev"] + [f"dev{n}" for n in range(2, 16)]
    assert all((scorer.HELDOUT.parent / f / "gold.yaml").is_file() for f in folders)
    for folder in folders:
        data = scorer.HELDOUT.parent / folder
        gold = yaml.safe_load((data / "gold.yaml").read_text(encoding="utf-8"))
        rep = scorer.Report()
        for doc in gold["documents"]:
            scorer.score(doc, rep, data)
        details = "\n".join(rep.lines)
        assert _f1(rep.exact, rep.rows, rep.gold) >= 0.95, details
        assert _f1(rep.valued, rep.rows, rep.gold) >= 0.98, details
