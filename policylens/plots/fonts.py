"""A real CJK font for Chinese chart text, registered when something is drawn.

The font is Noto Sans CJK SC, shipped by the ``mplfonts`` package (a declared
dependency), so Chinese renders the same on a fresh machine as on ours. It is
registered with matplotlib's font manager for this process only, at draw
time, never at import time; nothing is written to the user's matplotlib
configuration. It is used by file: another Noto Sans CJK SC (or DejaVu Sans)
installed on the machine is hidden from matplotlib in this process, so the
charts are the same bytes everywhere. If ``mplfonts`` is missing, a CJK font already installed on the
system is used instead, and if there is none, a clear error says what to do.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager

from policylens.errors import PolicylensError

#: The font file inside the ``mplfonts`` package.
MPLFONTS_FILE = "NotoSansCJKsc-Regular.otf"
#: CJK families to fall back to when mplfonts is not installed (first found wins).
SYSTEM_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
)
#: The Latin family used for English text (ships with matplotlib).
LATIN_FAMILY = "DejaVu Sans"


class FontError(PolicylensError):
    """No CJK font could be found for Chinese chart text."""


def bundled_font_path() -> Path | None:
    """Path of mplfonts' Noto Sans CJK SC file, without importing mplfonts."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "fonts" / MPLFONTS_FILE
        if path.is_file():
            return path
    return None


@cache
def cjk_family() -> str:
    """Register the CJK font (once per process) and return its family name."""

    path = bundled_font_path()
    if path is not None:
        font_manager.fontManager.addfont(str(path))
        return font_manager.FontProperties(fname=str(path)).get_name()
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in SYSTEM_CJK_FAMILIES:
        if family in installed:
            return family
    raise FontError(
        "no CJK font found for Chinese chart text: install policylens's dependencies "
        "(pip install -e .) which include mplfonts, or install a CJK font such as "
        "Noto Sans CJK SC"
    )


def font_families(lang: str) -> list[str]:
    """The font.family fallback list for ``lang``: each glyph comes from the first that has it.

    English text uses DejaVu Sans and falls back to the CJK font for any Chinese
    that slips into a label; Chinese text uses the CJK font throughout.
    """
    cjk = cjk_family()
    pin_fonts()
    return [LATIN_FAMILY, cjk] if lang == "en" else [cjk, LATIN_FAMILY]


def pinned_files() -> dict[str, Path]:
    """Family name → the folder or file its glyphs must come from (ours, by file)."""

    pinned = {LATIN_FAMILY: Path(matplotlib.get_data_path()) / "fonts" / "ttf"}
    bundled = bundled_font_path()
    if bundled is not None:
        pinned[cjk_family()] = bundled
    return pinned


def pin_fonts() -> None:
    """Hide other installs of our families from matplotlib, in this process only.

    Matplotlib finds fonts by family name, and a machine may have its own
    Noto Sans CJK SC or DejaVu Sans (another version, other glyphs): with a
    fresh font cache, that one can win, and the charts would no longer be
    byte-identical across machines. Only the file that ships with policylens
    (mplfonts) and matplotlib's own DejaVu Sans stay under those names.
    """

    pinned = pinned_files()

    def ours(entry) -> bool:
        allowed = pinned.get(entry.name)
        if allowed is None:
            return True
        path = Path(entry.fname)
        return path == allowed or allowed in path.parents

    manager = font_manager.fontManager
    kept = [entry for entry in manager.ttflist if ours(entry)]
    if len(kept) != len(manager.ttflist):
        manager.ttflist = kept
        manager._findfont_cached.cache_clear()  # forget lookups made before the pin
