"""Load the reference CSV files into the database, inserting new rows and updating changed ones.

The functions take the model classes as arguments so that data migrations can pass their
historical models and the management command the current ones.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
KOMMUNER_CSV = DATA_DIR / "kommuner.csv"
BYDELER_CSV = DATA_DIR / "oslo_bydeler.csv"
OCCUPATIONS_CSV = DATA_DIR / "styrk08.csv"
OCCUPATION_NAMES_CSV = DATA_DIR / "occupation_names.csv"
OCCUPATION_SYNONYMS_CSV = DATA_DIR / "occupation_synonyms.csv"
# The languages an occupation's name is translated into; bokmål is the STYRK-08 title itself.
NAME_LANGUAGES = ("nn", "en", "ar", "uk", "ti", "so", "fa")
SYNONYM_LANGUAGES = ("nb", *NAME_LANGUAGES)


class ReferenceDataError(ValueError):
    pass


def read_rows(path: Path, required: Iterable[str]) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(required) - set(reader.fieldnames or [])
        if missing:
            raise ReferenceDataError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            if any(not row.get(column) for column in required if column != "aga_sone"):
                raise ReferenceDataError(f"{path.name}, line {line}: an empty required value")
            yield row


def _upsert(model: Any, key: str, items: list[dict[str, Any]]) -> int:
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    create, update = [], []
    for item in items:
        obj = existing.get(item[key])
        if obj is None:
            create.append(model(**item))
        elif any(getattr(obj, field) != value for field, value in item.items()):
            for field, value in item.items():
                setattr(obj, field, value)
            update.append(obj)
    model.objects.bulk_create(create)
    fields = [field for field in items[0] if field != key] if items else []
    if update:
        model.objects.bulk_update(update, fields)
    return len(create) + len(update)


def import_kommuner(kommune_model: Any, path: Path = KOMMUNER_CSV) -> int:
    columns = ("kommunenummer", "navn", "fylkesnummer", "fylkesnavn", "aga_sone", "aga_soner")
    items = [
        {
            "number": row["kommunenummer"],
            "name": row["navn"],
            "fylke_number": row["fylkesnummer"],
            "fylke_name": row["fylkesnavn"],
            "aga_zone": row["aga_sone"],
            "aga_zones": row["aga_soner"],
            "aga_zone_note": row.get("aga_sone_merknad", ""),
        }
        for row in read_rows(path, columns)
    ]
    return _upsert(kommune_model, "number", items)


def import_bydeler(bydel_model: Any, path: Path = BYDELER_CSV) -> int:
    items = [
        {"number": row["bydelsnummer"], "name": row["navn"], "kommune_id": row["kommunenummer"]}
        for row in read_rows(path, ("bydelsnummer", "navn", "kommunenummer"))
    ]
    return _upsert(bydel_model, "number", items)


def import_occupations(occupation_model: Any, path: Path = OCCUPATIONS_CSV) -> int:
    rows = list(read_rows(path, ("kode", "nivaa", "tittel_nb")))
    # Parents first, so that every parent exists before its children point at it.
    rows.sort(key=lambda row: int(row["nivaa"]))
    changed = 0
    for level in sorted({int(row["nivaa"]) for row in rows}):
        items = [
            {
                "code": row["kode"],
                "level": level,
                "title_nb": row["tittel_nb"],
                "parent_id": row.get("overordnet_kode") or None,
                "isco08_title_en": row.get("isco08_tittel_en", ""),
            }
            for row in rows
            if int(row["nivaa"]) == level
        ]
        changed += _upsert(occupation_model, "code", items)
    return changed


def import_occupation_names(occupation_model: Any, path: Path = OCCUPATION_NAMES_CSV) -> int:
    """Set each listed occupation's `names`; an empty cell leaves that language untranslated."""
    rows = list(read_rows(path, ("kode",)))
    missing = set(NAME_LANGUAGES) - set(rows[0] if rows else NAME_LANGUAGES)
    if missing:
        raise ReferenceDataError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
    names = {
        row["kode"]: {
            language: row[language].strip() for language in NAME_LANGUAGES if row[language]
        }
        for row in rows
    }
    return _set_json(occupation_model, "names", names, path)


def import_occupation_synonyms(occupation_model: Any, path: Path = OCCUPATION_SYNONYMS_CSV) -> int:
    """Set every occupation's `synonyms` from rows of language, codes and words (`|` between)."""
    synonyms: dict[str, dict[str, list[str]]] = {}
    for line, row in enumerate(read_rows(path, ("spraak", "koder", "ord")), start=2):
        language = row["spraak"]
        if language not in SYNONYM_LANGUAGES:
            raise ReferenceDataError(f"{path.name}, line {line}: unknown language {language!r}")
        words = [word.strip() for word in row["ord"].split("|") if word.strip()]
        for code in row["koder"].split("|"):
            listed = synonyms.setdefault(code, {}).setdefault(language, [])
            listed.extend(word for word in words if word not in listed)
    return _set_json(occupation_model, "synonyms", synonyms, path, replace_all=True)


def _set_json(
    model: Any,
    field: str,
    values: dict[str, Any],
    path: Path,
    replace_all: bool = False,
) -> int:
    occupations = {obj.code: obj for obj in model.objects.all()}
    unknown = sorted(set(values) - set(occupations))
    if unknown:
        raise ReferenceDataError(f"{path.name}: unknown STYRK-08 codes {', '.join(unknown)}")
    changed = []
    for code, obj in occupations.items():
        if code not in values and not replace_all:
            continue
        value = values.get(code, {})
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed.append(obj)
    model.objects.bulk_update(changed, [field], batch_size=200)
    return len(changed)
