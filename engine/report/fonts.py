"""The CJK font the PDF embeds: a TrueType file on this machine, found once per process.

reportlab embeds (a subset of) a TrueType font it is given as a file, so the PDF shows the
same glyphs on every reader, printer and archive system. Its built-in CID font
(`STSong-Light`) is only named in the file, never embedded: readers without an Adobe-GB1
Song face substitute one or show nothing, and PDF/A archiving refuses it. So:

1. `PROMOFLOW_REPORT_FONT`, if set (a .ttf/.ttc with TrueType outlines);
2. else the first CJK font fontconfig lists (`fc-list :lang=zh file`) that reportlab can
   embed, known good ones first (WenQuanYi Micro Hei, which `./run` installs; Droid Sans
   Fallback; …) — CFF-flavoured OpenType (e.g. Noto Sans CJK .otf/.ttc) cannot be embedded
   by reportlab and is skipped;
3. else, with a warning logged once, the built-in `STSong-Light` (not embedded).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("promoflow.report")

FALLBACK = "STSong-Light"
PREFERRED = ("wqy-microhei", "wqy-zenhei", "droidsansfallback", "simhei", "msyh", "simsun",
             "arphic", "uming", "ukai")

_lock = threading.Lock()
_chosen: list[PdfFont] = []


@dataclass(frozen=True)
class PdfFont:
    name: str  # the name registered with reportlab
    path: str | None  # the embedded file; None: the built-in CID font, not embedded
    embedded: bool


def _candidates() -> list[str]:
    found: list[str] = []
    configured = os.environ.get("PROMOFLOW_REPORT_FONT")
    if configured:
        found.append(configured)
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True,
                                 text=True, timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        files = sorted({line.split(":", 1)[0].strip() for line in out.splitlines()
                        if line.strip()})

        def rank(path: str) -> tuple[int, str]:
            name = Path(path).name.lower().replace("-", "").replace("_", "")
            hits = [i for i, hint in enumerate(PREFERRED) if hint.replace("-", "") in name]
            return (hits[0] if hits else len(PREFERRED), path)

        found.extend(sorted(files, key=rank))
    return found


def _register() -> PdfFont:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for path in _candidates():
        if not Path(path).is_file():
            log.warning("report font %s: no such file", path)
            continue
        try:
            font = TTFont("PromoflowCJK", path, subfontIndex=0)
        except (TTFError, OSError, ValueError) as exc:
            log.info("report font %s cannot be embedded (%s); trying the next", path, exc)
            continue
        pdfmetrics.registerFont(font)
        return PdfFont("PromoflowCJK", path, True)
    log.warning("no embeddable CJK TrueType font found (install fonts-wqy-microhei or set "
                "PROMOFLOW_REPORT_FONT): the PDF names %s, which it does not embed", FALLBACK)
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    return PdfFont(FALLBACK, None, False)


def pdf_font() -> PdfFont:
    """The font of the PDF text, registered with reportlab (once per process)."""
    with _lock:
        if not _chosen:
            _chosen.append(_register())
        return _chosen[0]
