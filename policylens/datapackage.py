"""The Data Package that describes the built tables: what a standard validator checks.

The table schemas come from :mod:`policylens.model.schema`; this adds what makes the
package citable and checkable as a whole — its version, its licence (from the
package metadata, the one place it is declared), the documents it was built from
as its sources, and the foreign keys that tie every row to its document (and
every actor to its mode).
"""

from __future__ import annotations

from importlib.metadata import metadata

import pandas as pd

from policylens.model.schema import datapackage_descriptor
from policylens.version import __version__

#: Links between tables: (table, column) -> (table it refers to, column there).
FOREIGN_KEYS = {
    ("targets", "doc_id"): ("documents", "doc_id"),
    ("actuals", "doc_id"): ("documents", "doc_id"),
    ("chains", "doc_id"): ("documents", "doc_id"),
    ("modes", "doc_id"): ("documents", "doc_id"),
    ("mode_actors", "doc_id"): ("documents", "doc_id"),
    ("mode_actors", "mode_id"): ("modes", "mode_id"),
    ("milestones", "doc_id"): ("documents", "doc_id"),
    ("revisions", "earlier_doc"): ("documents", "doc_id"),
    ("revisions", "later_doc"): ("documents", "doc_id"),
    ("revisions", "earlier_target"): ("targets", "target_id"),
    ("revisions", "later_target"): ("targets", "target_id"),
    ("attainment", "target_id"): ("targets", "target_id"),
    ("attainment", "doc_id"): ("documents", "doc_id"),
}


def package_descriptor(tables: list[str], documents: pd.DataFrame) -> dict:
    """The datapackage.json of ``tables``, citing the rows of ``documents`` as sources.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a"], "title_en": ["Plan"], "source_url": [None]})
    >>> package = package_descriptor(["documents", "targets"], docs)
    >>> package["sources"], package["licenses"][0]["name"]
    ([{'title': 'Plan (a)'}], 'MIT')
    >>> package["resources"][1]["schema"]["foreignKeys"][0]["reference"]
    {'resource': 'documents', 'fields': 'doc_id'}
    """
    descriptor = datapackage_descriptor(tables)
    descriptor["version"] = __version__
    descriptor["licenses"] = [_licence()]
    descriptor["sources"] = [_source(row) for row in documents.itertuples()]
    for resource in descriptor["resources"]:
        keys = [
            {"fields": column, "reference": {"resource": target, "fields": target_column}}
            for (table, column), (target, target_column) in FOREIGN_KEYS.items()
            if table == resource["name"] and target in tables
        ]
        if keys:
            resource["schema"]["foreignKeys"] = keys
    return descriptor


def _licence() -> dict:
    name = metadata("policylens")["License"] or "MIT"
    return {"name": name, "title": f"{name} License", "path": f"https://spdx.org/licenses/{name}"}


def _source(row) -> dict:
    source = {"title": f"{row.title_en} ({row.doc_id})"}
    if isinstance(row.source_url, str) and row.source_url:
        source["path"] = row.source_url
    return source
