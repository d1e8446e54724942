"""The Excel summary: one workbook that stands on its own, for readers who never open Python.

``workbook`` builds it sheet by sheet from ``views`` (the reading sheets), ``readme``
(the README sheet's text) and ``cells`` (formats, safety, the reproducible zip).
"""

from policylens.excel.cells import MONEY_COLUMNS, clip_text
from policylens.excel.readme import DATA_SHEETS, SHEETS, input_fingerprint
from policylens.excel.workbook import tables_workbook_bytes, workbook_bytes, write_workbook

__all__ = [
    "DATA_SHEETS",
    "MONEY_COLUMNS",
    "SHEETS",
    "clip_text",
    "input_fingerprint",
    "tables_workbook_bytes",
    "workbook_bytes",
    "write_workbook",
]
