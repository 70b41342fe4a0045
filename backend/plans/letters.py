"""The reference letter (attest) as a PDF: one part in Norwegian (bokmål) and one in the
person's language, made when it is downloaded.

Written with fpdf2, shaping text with HarfBuzz (uharfbuzz) so Arabic and Persian join and run
right to left. Fonts come from the machine (Debian's fonts-dejavu-core for Latin, Cyrillic and
Arabic script, fonts-sil-abyssinica or Noto for Ethiopic). A language whose text some installed
font cannot draw in full is left out, and the letter says so in the parts it has: never a PDF
with boxes for letters.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from plans.models import ReferenceLetter

# fontTools tells of every table it subsets at INFO: nothing a reader of the logs needs.
logging.getLogger("fontTools").setLevel(logging.WARNING)

# Candidate fonts for each script, best first: (regular, bold).
_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
FONT_CANDIDATES: dict[str, tuple[tuple[str, str], ...]] = {
    "latin": ((_DEJAVU + "DejaVuSans.ttf", _DEJAVU + "DejaVuSans-Bold.ttf"),),
    "arabic": (
        (
            "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
            "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf",
        ),
        (_DEJAVU + "DejaVuSans.ttf", _DEJAVU + "DejaVuSans-Bold.ttf"),
    ),
    "ethiopic": (
        (
            "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf",
            "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Bold.ttf",
        ),
        (
            "/usr/share/fonts/truetype/abyssinica/AbyssinicaSIL-Regular.ttf",
            "/usr/share/fonts/truetype/abyssinica/AbyssinicaSIL-Regular.ttf",
        ),
    ),
}
SCRIPT_OF_LANGUAGE = {"ar": "arabic", "fa": "arabic", "ti": "ethiopic"}
RTL_LANGUAGES = frozenset({"ar", "fa"})
NORWEGIAN = "nb"


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str

    def covers(self, text: str) -> bool:
        cmap = _cmap(self.regular)
        return all(ord(char) in cmap for char in text if not char.isspace())


@cache
def _cmap(path: str) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def fonts_for(script: str) -> Fonts | None:
    """The first installed font pair for `script`, if any."""
    for regular, bold in FONT_CANDIDATES.get(script, ()):
        if Path(regular).is_file():
            return Fonts(regular, bold if Path(bold).is_file() else regular)
    return None


@dataclass(frozen=True)
class Part:
    """One language's part of the letter, its text in that language."""

    language: str
    title: str
    paragraphs: tuple[tuple[str, str], ...]  # (heading or "", text)
    signature: str

    def text(self) -> str:
        return " ".join([self.title, self.signature, *(h + t for h, t in self.paragraphs)])


def _date(value: datetime.date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _part(letter: ReferenceLetter, language: str) -> Part:
    agreement = letter.agreement
    listing = agreement.application.listing
    with translation.override(language):
        facts = {
            "name": agreement.newcomer.full_name,
            "employer": agreement.organisation.name,
            "start": _date(agreement.start_date),
            "end": _date(agreement.end_date),
            "kind": agreement.get_kind_display(),
            "title": listing.title,
            "percent": agreement.position_percent,
        }
        if agreement.end_date:
            period = _(
                "%(name)s worked at %(employer)s from %(start)s to %(end)s, in a %(kind)s "
                "(%(percent)s %% position) as “%(title)s”."
            )
        else:
            period = _(
                "%(name)s worked at %(employer)s from %(start)s, in a %(kind)s "
                "(%(percent)s %% position) as “%(title)s”."
            )
        paragraphs: list[tuple[str, str]] = [("", period % facts)]
        if language == NORWEGIAN:
            paragraphs.append((_("Tasks"), letter.tasks))
            paragraphs.append((_("Assessment"), letter.statement))
        else:
            paragraphs.append(
                (_("Tasks"), _("The tasks are described in the Norwegian part of this letter."))
            )
            if letter.statement_translated:
                paragraphs.append((_("Assessment"), letter.statement_translated))
            else:
                paragraphs.append(
                    (
                        _("Assessment"),
                        _("The employer's assessment is in the Norwegian part of this letter."),
                    )
                )
        signature = ", ".join(
            part
            for part in (letter.signer_name, letter.signer_title, agreement.organisation.name)
            if part
        )
        issued = _("Issued %(date)s") % {"date": _date(letter.issued_at.date())}
        return Part(
            language=language,
            title=_("Reference letter"),
            paragraphs=tuple(paragraphs),
            signature=f"{signature}\n{issued}",
        )


@dataclass(frozen=True)
class LetterPdf:
    content: bytes
    languages: tuple[str, ...]  # the languages the PDF holds, Norwegian first
    left_out: tuple[str, ...]  # languages asked for that no installed font can draw


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def letter_languages(letter: ReferenceLetter) -> tuple[str, ...]:
    """Norwegian, and the person's language when it is another."""
    language = letter.language or NORWEGIAN
    return (NORWEGIAN,) if language == NORWEGIAN else (NORWEGIAN, language)


def render_letter(letter: ReferenceLetter) -> LetterPdf:
    latin = fonts_for("latin")
    if latin is None:
        raise RuntimeError("No font for the reference letters: install fonts-dejavu-core.")
    parts: list[tuple[Part, Fonts]] = []
    left_out: list[str] = []
    for language in letter_languages(letter):
        part = _part(letter, language)
        script = SCRIPT_OF_LANGUAGE.get(language, "latin")
        fonts = fonts_for(script) or latin
        # Names and the employer's words may be in Latin letters: the Latin font draws those.
        if all(fonts.covers(ch) or latin.covers(ch) for ch in part.text()):
            parts.append((part, fonts))
        else:
            left_out.append(language)
    if left_out:
        first, fonts = parts[0]
        with translation.override(first.language):
            note = _(
                "This letter could not be written in %(languages)s: the script is not "
                "available on the server. Ask your guide for a translation."
            ) % {"languages": ", ".join(_language_name(code) for code in left_out)}
        parts[0] = (
            Part(first.language, first.title, (*first.paragraphs, ("", note)), first.signature),
            fonts,
        )
    return LetterPdf(
        content=_pdf(parts, latin),
        languages=tuple(part.language for part, _fonts in parts),
        left_out=tuple(left_out),
    )


def _pdf(parts: list[tuple[Part, Fonts]], latin: Fonts) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(22, 22, 22)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.set_creator("Innsteg")
    pdf.add_font("latin", "", latin.regular)
    pdf.add_font("latin", "B", latin.bold)
    families: dict[str, str] = {latin.regular: "latin"}
    for _unused, fonts in parts:
        if fonts.regular not in families:
            family = f"script{len(families)}"
            pdf.add_font(family, "", fonts.regular)
            pdf.add_font(family, "B", fonts.bold)
            families[fonts.regular] = family
    pdf.set_fallback_fonts(["latin"], exact_match=False)
    for part, fonts in parts:
        family = families[fonts.regular]
        rtl = part.language in RTL_LANGUAGES
        align = "R" if rtl else "L"
        pdf.set_text_shaping(True, direction="rtl" if rtl else "ltr")
        pdf.add_page()
        pdf.set_lang(part.language)
        pdf.set_font(family, "B", 18)
        pdf.multi_cell(0, 10, part.title, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
        for heading, text in part.paragraphs:
            if heading:
                pdf.set_font(family, "B", 12)
                pdf.multi_cell(0, 7, heading, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_font(family, "", 11)
            pdf.multi_cell(0, 6.5, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(3)
        pdf.ln(8)
        pdf.set_font(family, "", 11)
        pdf.multi_cell(0, 6.5, part.signature, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
