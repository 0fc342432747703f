"""Listing rules per marketplace (``bot/reference/data/marketplaces.toml``).

The file is read once per process and checked strictly: a wrong type, a missing field, an
unknown attribute name or a bad confidence mark stops start-up with a message naming the
marketplace key and the field, e.g. ``marketplaces.toml: [amazon].title_max: must be a
positive integer, got '200'``.

Every value carries provenance (facts.md source key, as-of date, confidence C/L/U): the
table's ``sources``/``as_of``/``confidence``, or the field's own entry under ``notes``.
Use :meth:`Rules.provenance` / :meth:`Rules.confidence_of` to show how sure we are.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
MARKETPLACES_TOML = DATA_DIR / "marketplaces.toml"

CONFIDENCE = ("C", "L", "U")  # strongest first
AS_OF_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_LABEL_RE = re.compile(r"^label\s*=")

# size: the size a buyer picks (garment, bangle, length, ml); dimensions: a box's L x W x H,
# only where a marketplace's title rule asks for it.
TITLE_ATTRIBUTES = frozenset({"brand", "product", "material", "colour", "size", "pack",
                              "dimensions"})
KNOWN_ATTRIBUTES = frozenset({
    "brand", "product", "hsn", "gstin", "gstin_or_eid", "country_of_origin", "mrp",
    "net_quantity", "manufacturer", "generic_name", "consumer_care",
    "month_year_of_manufacture", "gtin", "tax_id", "us_tax_form",
    "hsn_with_gstin",  # HSN required only from sellers with a GSTIN (Meesho, from Oct 2023)
    "package_weight",  # a package weight above the product weight (ONDC seller apps)
})
# What body text (bullets, description) must not contain; see the header of the TOML file.
TEXT_CHECKS = frozenset({
    "emoji", "tm_symbols", "html", "phone", "email", "url", "price", "reviews",
    "other_marketplace", "seller_info", "title_chars", "title_words",
})


class MarketplaceDataError(ValueError):
    """marketplaces.toml is malformed; the message names the marketplace key and field."""


def weakest(confidences) -> str:
    """The lowest of some confidence marks ("C" > "L" > "U")."""
    return max(confidences, key=CONFIDENCE.index)


@dataclass(frozen=True)
class Provenance:
    source: str
    as_of: str
    confidence: str
    comment: str = ""


@dataclass(frozen=True)
class FieldNote:
    field: str
    provenance: Provenance
    # Entries of a list field whose confidence differs from the note's: ((item, "U"), ...).
    items: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rules:
    key: str
    name: str
    short_name: str  # a spreadsheet sheet's name (Excel: at most 31 characters)
    label: str  # the answer to "where will you sell?" (English msgid, see extract_labels)
    export_only: bool
    title_max: int
    title_recommended_max: int
    title_order: tuple[str, ...]
    forbidden_title_words: tuple[str, ...]   # lower case; match case-insensitively, whole words
    forbidden_title_chars: tuple[str, ...]
    no_all_caps: bool
    max_word_repeats: int
    bullets_max: int
    bullet_max_len: int
    description_max: int
    forbidden_text: tuple[str, ...]          # names from TEXT_CHECKS
    required_attributes: tuple[str, ...]     # names from KNOWN_ATTRIBUTES
    min_images: int
    image_min_px: int
    image_recommended_px: int
    main_image_white: bool
    needs_gstin: bool                        # a GST identity is needed to list …
    accepts_enrolment_id: bool               # … and a GST enrolment ID is enough
    # Sellers of only GST-exempt (nil-rated) goods may list without a GSTIN, with a PAN.
    exempt_goods_without_gstin: bool
    sources: str
    as_of: str
    confidence: str
    notes: tuple[FieldNote, ...] = ()

    def provenance(self, field: str) -> Provenance:
        """Where a field's value comes from: its own note, else the table's provenance."""
        if field not in RULE_FIELDS:
            raise KeyError(f"{field!r} is not a marketplace rule field")
        for note in self.notes:
            if note.field == field:
                return note.provenance
        return Provenance(self.sources, self.as_of, self.confidence)

    def confidence_of(self, field: str, item: str | None = None) -> str:
        """Confidence of a field, or of one entry of a list field."""
        prov = self.provenance(field)
        if item is not None:
            if field == "forbidden_title_words":
                item = item.strip().lower()
            for note in self.notes:
                if note.field == field:
                    return dict(note.items).get(item, prov.confidence)
        return prov.confidence


# Rules fields that are not read as plain values from a TOML table.
_META = ("key", "notes")
RULE_FIELDS = tuple(f.name for f in fields(Rules) if f.name not in _META)


def _fail(path: Path, key: str, field: str | None, message: str) -> MarketplaceDataError:
    where = f"[{key}].{field}" if field else f"[{key}]"
    return MarketplaceDataError(f"{path.name}: {where}: {message}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _str_list(path, key, field, value, *, vocabulary=None, single_chars=False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, key, field, f"must be a list of non-empty strings, got {value!r}")
    if single_chars:
        bad = [v for v in value if len(v) != 1]
        if bad:
            raise _fail(path, key, field, f"entries must be single characters, got {bad!r}")
    if vocabulary is not None:
        unknown = [v for v in value if v not in vocabulary]
        if unknown:
            raise _fail(path, key, field,
                        f"unknown name(s) {unknown!r}; allowed: {', '.join(sorted(vocabulary))}")
    dupes = sorted({v for v in value if value.count(v) > 1})
    if dupes:
        raise _fail(path, key, field, f"duplicate entries {dupes!r}")
    return tuple(value)


def _provenance(path: Path, key: str, field: str, table: dict, source_key: str) -> Provenance:
    for name in (source_key, "as_of", "confidence"):
        if name not in table:
            raise _fail(path, key, field, f"missing {name!r}")
        if not isinstance(table[name], str) or not table[name].strip():
            raise _fail(path, key, field, f"{name} must be a non-empty string")
    if not AS_OF_RE.match(table["as_of"]):
        raise _fail(path, key, field,
                    f"as_of must be YYYY-MM or YYYY-MM-DD, got {table['as_of']!r}")
    if table["confidence"] not in CONFIDENCE:
        raise _fail(path, key, field,
                    f"confidence must be one of C/L/U, got {table['confidence']!r}")
    comment = table.get("comment", "")
    if not isinstance(comment, str):
        raise _fail(path, key, field, "comment must be a string")
    return Provenance(table[source_key], table["as_of"], table["confidence"], comment)


def _positive(value: Any) -> bool:
    return _is_int(value) and value > 0


def _non_negative(value: Any) -> bool:
    return _is_int(value) and value >= 0


# Scalar fields: name -> (check, what the error message says the value must be).
_SCALAR_CHECKS: dict[str, tuple[Any, str]] = {
    "name": (lambda v: isinstance(v, str) and bool(v.strip()), "a non-empty string"),
    "short_name": (lambda v: isinstance(v, str) and bool(v.strip()) and len(v) <= 31
                   and not set(v) & set("[]:*?/\\"),
                   "a sheet name: 1-31 characters, none of []:*?/\\"),
    "label": (lambda v: isinstance(v, str) and bool(v.strip()), "a non-empty string"),
    "export_only": (lambda v: isinstance(v, bool), "true or false"),
    "no_all_caps": (lambda v: isinstance(v, bool), "true or false"),
    "main_image_white": (lambda v: isinstance(v, bool), "true or false"),
    "needs_gstin": (lambda v: isinstance(v, bool), "true or false"),
    "accepts_enrolment_id": (lambda v: isinstance(v, bool), "true or false"),
    "exempt_goods_without_gstin": (lambda v: isinstance(v, bool), "true or false"),
    "title_max": (_positive, "a positive integer"),
    "title_recommended_max": (_positive, "a positive integer"),
    "max_word_repeats": (_positive, "a positive integer"),
    "bullets_max": (_non_negative, "an integer >= 0"),
    "bullet_max_len": (_non_negative, "an integer >= 0"),
    "description_max": (_positive, "a positive integer"),
    "min_images": (_positive, "a positive integer"),
    "image_min_px": (_positive, "a positive integer"),
    "image_recommended_px": (_positive, "a positive integer"),
}


def _notes(path: Path, key: str, raw: Any, values: dict[str, Any]) -> tuple[FieldNote, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise _fail(path, key, "notes", "must be a table of [<key>.notes.<field>] tables")
    notes = []
    for field, table in raw.items():
        if field not in RULE_FIELDS or field in ("sources", "as_of", "confidence"):
            raise _fail(path, key, f"notes.{field}", "is not a rule field")
        if not isinstance(table, dict):
            raise _fail(path, key, f"notes.{field}", "must be a table")
        unknown = set(table) - {"source", "as_of", "confidence", "comment", "items"}
        if unknown:
            raise _fail(path, key, f"notes.{field}", f"unknown key(s) {sorted(unknown)!r}")
        prov = _provenance(path, key, f"notes.{field}", table, "source")
        items = table.get("items", {})
        if not isinstance(items, dict):
            raise _fail(path, key, f"notes.{field}.items", "must be a table of item = \"C/L/U\"")
        if items and not isinstance(values[field], tuple):
            raise _fail(path, key, f"notes.{field}.items", "only list fields can have items")
        if field == "forbidden_title_words":
            items = {item.strip().lower(): conf for item, conf in items.items()}
        for item, conf in items.items():
            if item not in values[field]:
                raise _fail(path, key, f"notes.{field}.items",
                            f"{item!r} is not in {field}")
            if conf not in CONFIDENCE:
                raise _fail(path, key, f"notes.{field}.items",
                            f"confidence of {item!r} must be one of C/L/U, got {conf!r}")
        notes.append(FieldNote(field, prov, tuple(items.items())))
    return tuple(notes)


def _rules(path: Path, key: str, table: Any) -> Rules:
    if not _KEY_RE.match(key):
        raise _fail(path, key, None, "marketplace key must be a lowercase ascii slug")
    if not isinstance(table, dict):
        raise _fail(path, key, None, "must be a table")
    expected = set(RULE_FIELDS) | {"notes"}
    missing = [f for f in RULE_FIELDS if f not in table]
    if missing:
        raise _fail(path, key, missing[0], f"missing (also missing: {', '.join(missing[1:])})"
                    if len(missing) > 1 else "missing")
    unknown = sorted(set(table) - expected)
    if unknown:
        raise _fail(path, key, unknown[0], "unknown field")

    values: dict[str, Any] = {}
    for field, (check, wanted) in _SCALAR_CHECKS.items():
        if not check(table[field]):
            raise _fail(path, key, field, f"must be {wanted}, got {table[field]!r}")
        values[field] = table[field]

    values["title_order"] = _str_list(path, key, "title_order", table["title_order"],
                                      vocabulary=TITLE_ATTRIBUTES)
    if not values["title_order"]:
        raise _fail(path, key, "title_order", "must not be empty")
    words = table["forbidden_title_words"]
    values["forbidden_title_words"] = _str_list(
        path, key, "forbidden_title_words",
        [w.strip().lower() for w in words] if isinstance(words, list)
        and all(isinstance(w, str) for w in words) else words)
    values["forbidden_title_chars"] = _str_list(
        path, key, "forbidden_title_chars", table["forbidden_title_chars"], single_chars=True)
    values["forbidden_text"] = _str_list(path, key, "forbidden_text", table["forbidden_text"],
                                         vocabulary=TEXT_CHECKS)
    values["required_attributes"] = _str_list(
        path, key, "required_attributes", table["required_attributes"],
        vocabulary=KNOWN_ATTRIBUTES)

    if values["title_recommended_max"] > values["title_max"]:
        raise _fail(path, key, "title_recommended_max",
                    f"{values['title_recommended_max']} is above title_max {values['title_max']}")
    if values["image_recommended_px"] < values["image_min_px"]:
        raise _fail(path, key, "image_recommended_px",
                    f"{values['image_recommended_px']} is below image_min_px "
                    f"{values['image_min_px']}")
    if values["bullets_max"] > 0 and values["bullet_max_len"] == 0:
        raise _fail(path, key, "bullet_max_len", "must be positive when bullets_max > 0")
    if values["accepts_enrolment_id"] and not values["needs_gstin"]:
        raise _fail(path, key, "accepts_enrolment_id",
                    "is an alternative to a GSTIN, so needs_gstin must be true too")

    table_prov = _provenance(path, key, "sources", table, "sources")
    values.update(sources=table_prov.source, as_of=table_prov.as_of,
                  confidence=table_prov.confidence)
    notes = _notes(path, key, table.get("notes"), values)
    return Rules(key=key, notes=notes, **values)


def load(path: Path = MARKETPLACES_TOML) -> dict[str, Rules]:
    """Read and check a marketplaces file; the dict keeps the file's order."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise MarketplaceDataError(f"{path}: cannot read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise MarketplaceDataError(f"{path.name}: not valid TOML ({exc})") from exc
    if not data:
        raise MarketplaceDataError(f"{path.name}: no marketplaces")
    return {key: _rules(path, key, table) for key, table in data.items()}


@cache
def _default() -> dict[str, Rules]:
    return load(MARKETPLACES_TOML)


def all_rules() -> dict[str, Rules]:
    """Every marketplace's rules, in file order."""
    return dict(_default())


def rules(key: str) -> Rules:
    """One marketplace's rules; KeyError naming the known keys if there is no such marketplace."""
    try:
        return _default()[key]
    except KeyError:
        raise KeyError(f"unknown marketplace {key!r}; known: {', '.join(_default())}") from None


def extract_labels(fileobj, keywords, comment_tags, options):
    """Babel extractor (babel.cfg): each marketplace's ``label`` is a msgid, so adding a
    marketplace puts its answer to "where will you sell?" into the catalogs by itself."""
    for lineno, line in enumerate(fileobj.read().decode("utf-8").splitlines(), 1):
        if _LABEL_RE.match(line):
            yield lineno, None, tomllib.loads(line)["label"], []
