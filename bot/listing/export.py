"""Drafts as files a seller or facilitator can upload or copy from: one XLSX (one sheet
per marketplace, one row per product, mandatory columns marked, a note on every header and
a dropdown where the allowed values are known) and one CSV per marketplace. Rows are
streamed (``bot.files.spreadsheet``), so 10,000 products stay small."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sized
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import chain

from bot.files import spreadsheet
from bot.files.spreadsheet import Column, Table, neutralise
from bot.listing import readiness, wizard
from bot.listing.drafts import HSN_GUESSES, Draft, Issue, ProductFacts, draft_for
from bot.reference import categories
from bot.reference.marketplaces import rules

# How a problem reads in the file (English, for whoever uploads it); codes without one.
Reasons = Callable[[Issue], str] | None
HSN_GUESS = "Not confirmed: check the HSN with your CA or facilitator."

FEATURE_COLUMNS = tuple(f"Key feature {i}" for i in range(1, 6))
BASE_COLUMNS = ("Seller SKU", "Parent SKU", "Title", "Brand", "Product type", "Generic name",
                "HSN", "GST %", "HSN to check",
                "Selling price (INR)", "MRP (INR, inclusive of all taxes)", "Stock",
                "Material", "Colour", "Size", "Gender", "Sleeve", "Neck", "Pattern",
                "Stock per size", "Size chart (inches)", "Weight (g)", "Net quantity",
                "Unit sale price", "Month and year of manufacture", "FSSAI licence no.",
                "Best before", "Handmade",
                "Country of origin", "Manufacturer / packer", "Manufacturer address",
                "Consumer care", "GSTIN", "GSTIN or enrolment ID",
                *FEATURE_COLUMNS, "Description", "Images", "Image file names",
                "Blocking problems")
# Walmart's item set-up (export): dollars, GTIN or its exemption, pounds and inches; none of
# the Indian-only columns (MRP, Legal Metrology, HSN/GST) [wmgx] C.
WALMART_COLUMNS = ("Seller SKU", "Parent SKU", "Title", "Brand", "Product type",
                   "Price (USD)", "Exchange rate", "GTIN/UPC or exemption", "Stock", "Material",
                   "Colour", "Size", "Shipping weight (lb)", "Length (in)", "Width (in)",
                   "Height (in)", "Country of origin", "Manufacturer / packer",
                   *FEATURE_COLUMNS, "Description", "Images", "Image file names",
                   "Blocking problems")
# Written as numbers in the XLSX (the CSV is text anyway).
NUMERIC_COLUMNS = {"GST %", "Selling price (INR)", "MRP (INR, inclusive of all taxes)", "Stock",
                   "Weight (g)", "Images", "Price (USD)", "Shipping weight (lb)", "Length (in)",
                   "Width (in)", "Height (in)"}
# Always needed to list anything, on every marketplace.
ALWAYS_MANDATORY = {"Title", "Selling price (INR)", "MRP (INR, inclusive of all taxes)",
                    "Stock", "Country of origin", "Manufacturer / packer",
                    "Manufacturer address", "Net quantity", "Generic name", "Consumer care"}
# Rule names in marketplaces.toml -> the column they make mandatory.
REQUIRED_TO_COLUMN = {"hsn": "HSN", "brand": "Brand", "mrp": "MRP (INR, inclusive of all taxes)",
                      "gstin": "GSTIN", "gstin_or_eid": "GSTIN or enrolment ID",
                      "hsn_with_gstin": "HSN",
                      "month_year_of_manufacture": "Month and year of manufacture",
                      "country_of_origin":
                      "Country of origin", "net_quantity": "Net quantity", "manufacturer":
                      "Manufacturer / packer"}
# The ONDC sheet names its columns as the ONDC reference seller app's product fields do
# (ondcj: its Joi product schema; ONDC-Official/seller-app-frontend), so a seller app's bulk
# upload can map them one to one. Columns without a counterpart keep their English name.
ONDC_COLUMNS = {
    "Seller SKU": "productCode", "Title": "productName", "HSN": "HSNCode",
    "GST %": "GST_Percentage", "Selling price (INR)": "purchasePrice",
    "MRP (INR, inclusive of all taxes)": "MRP", "Stock": "quantity", "Weight (g)": "weight",
    "Country of origin": "countryOfOrigin", "Manufacturer / packer": "manufacturerOrPackerName",
    "Manufacturer address": "manufacturerOrPackerAddress",
    "Generic name": "commonOrGenericNameOfCommodity",
    "Month and year of manufacture": "monthYearOfManufacturePackingImport",
    "FSSAI licence no.": "brandOwnerFSSAILicenseNo", "Key feature 1": "description",
    "Description": "longDescription", "Images": "images",
}
# What each column holds: the note on its header in the XLSX (as the marketplaces' own
# templates explain their columns).
NOTES = {
    "Seller SKU": "Your own code for this product (Haat's: HAAT-<number>). A size of a "
                  "garment has its own SKU.",
    "Parent SKU": "For a garment in several sizes: the SKU that groups the size rows.",
    "Title": "The product's title, within this marketplace's length limit.",
    "Brand": "The seller's business name, or Generic.",
    "Product type": "The product's category.",
    "Generic name": "Common or generic name of the commodity (Legal Metrology).",
    "HSN": "HSN code for GST (8 digits).",
    "GST %": "GST rate for this HSN code and price.",
    "Selling price (INR)": "The price the buyer pays, in rupees.",
    "MRP (INR, inclusive of all taxes)": "Maximum retail price on the label, in rupees.",
    "Stock": "Pieces in stock (for a size row: of that size).",
    "Material": "Main material.",
    "Colour": "Main colour.",
    "Size": "Size (cm, or the garment size).",
    "Gender": "Who the garment is for.",
    "Sleeve": "Sleeve length of the garment.",
    "Neck": "Neck type of the garment.",
    "Pattern": "Pattern of the garment.",
    "Stock per size": "Pieces in stock per size.",
    "Size chart (inches)": "Chest and length per size, in inches.",
    "Weight (g)": "Weight of the product in grams.",
    "Net quantity": "Net quantity on the label (Legal Metrology).",
    "Unit sale price": "Price per unit of quantity (Legal Metrology).",
    "Month and year of manufacture": "Month and year of manufacture, packing or import.",
    "FSSAI licence no.": "FSSAI licence or registration number (food only).",
    "Best before": "Best before or use-by date (food only).",
    "Handmade": "Yes if the seller makes it by hand.",
    "Country of origin": "Country where the product was made.",
    "Manufacturer / packer": "Name of the manufacturer or packer (Legal Metrology).",
    "Manufacturer address": "Address of the manufacturer or packer (Legal Metrology).",
    "Consumer care": "Phone and email for customer complaints (Legal Metrology).",
    "GSTIN": "The seller's GST number.",
    "GSTIN or enrolment ID": "The seller's GST number, or GST enrolment ID if the seller "
                             "has no GSTIN.",
    **{f"Key feature {i}": f"Key feature (bullet point) {i}." for i in range(1, 6)},
    "Description": "Product description.",
    "Images": "Number of photos checked in Haat.",
    "Image file names": "The photos' file names, as in the ZIP the seller can download.",
    "Blocking problems": "What still stops the listing; empty when ready.",
    "HSN to check": "Filled when the HSN is our best guess, not confirmed: check it with your "
                    "CA or facilitator before you upload.",
    "Price (USD)": "The export price in US dollars (set in Haat's price calculator).",
    "Exchange rate": "The rupee rate the dollar price was worked out at, its date and source.",
    "GTIN/UPC or exemption": "A GS1 barcode (GTIN/UPC), or the GTIN exemption for handmade "
                             "items requested in Seller Center.",
    "Shipping weight (lb)": "Packed weight in pounds.",
    "Length (in)": "Length in inches.", "Width (in)": "Width in inches.",
    "Height (in)": "Height in inches.",
}
MANDATORY_NOTE = " Mandatory on this marketplace."


def _english(pairs: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    return tuple(value for value, _label in pairs)


def choices() -> dict[str, tuple[str, ...]]:
    """Allowed values of the enumerated columns, from the reference data and the wizard's
    own choices (what Haat writes there is always one of them)."""
    return {
        "Product type": tuple(sorted({c.name_en for c in categories.categories()})),
        "GST %": tuple(f"{rate:g}" for rate in sorted(categories.GST_RATES)),
        "Gender": _english(wizard.GENDERS), "Sleeve": _english(wizard.SLEEVES),
        "Neck": _english(wizard.NECKS), "Pattern": _english(wizard.PATTERNS),
        "Handmade": ("Yes", "No"),
    }


WIDTHS = {"Title": 40, "Description": 50, "Blocking problems": 40, "Seller SKU": 14}

def base_columns(marketplace: str) -> tuple[str, ...]:
    return WALMART_COLUMNS if rules(marketplace).export_only else BASE_COLUMNS


def mandatory_columns(draft: Draft) -> set[str]:
    if draft.rules.export_only:
        return {"Title", "Brand", "Price (USD)", "GTIN/UPC or exemption", "Stock",
                "Shipping weight (lb)", "Country of origin"}
    names = set(draft.rules.required_attributes)
    if not draft.attributes.get("GSTIN"):
        names.discard("hsn_with_gstin")  # Meesho: HSN optional without a GSTIN
    required = {REQUIRED_TO_COLUMN.get(name) for name in names}
    return ALWAYS_MANDATORY | {c for c in required if c}


@lru_cache(maxsize=4096)  # prices, stock and weights repeat across products and sheets
def _number(value: str) -> object:
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return value
    return number if number.is_finite() else value


def row(draft: Draft, sku: str, reasons: Reasons = None, numbers: bool = False) -> list:
    problems = readiness.blockers(draft)
    images = int(draft.attributes.get("Images") or 0)
    own = {"Seller SKU": sku, "Title": draft.title, "Description": draft.description,
           "Image file names": "; ".join(f"{sku}-{n}.jpg" for n in range(1, images + 1)),
           "Blocking problems": "; ".join(reasons(i) for i in problems) if reasons
           else ", ".join(i.code for i in problems),
           # A U code is a guess: the sheet says so beside it, as the draft does.
           "HSN to check": next((reasons(i) if reasons else HSN_GUESS for i in draft.issues
                                 if i.code in HSN_GUESSES), ""),
           **{c: draft.bullets[i] if i < len(draft.bullets) else ""
              for i, c in enumerate(FEATURE_COLUMNS)}}
    # The draft's own cells, else the product's: no merged copy of every attribute per row.
    attributes, columns = draft.attributes, base_columns(draft.marketplace)
    values = [own[c] if c in own else attributes.get(c, "") for c in columns]
    if numbers:
        values = [_number(v) if v and c in NUMERIC_COLUMNS else v
                  for c, v in zip(columns, values, strict=True)]
    return values


def rows(draft: Draft, sku: str, reasons: Reasons = None, numbers: bool = False
         ) -> list[list]:
    """One row, or for a choice of sizes or colours one row per variant under a parent
    SKU (the variation rows marketplaces' bulk files expect): own SKU, size, colour and
    stock."""
    base = row(draft, sku, reasons, numbers)
    if not draft.variants:
        return [base]
    at = {column: i for i, column in enumerate(base_columns(draft.marketplace))}
    out = []
    for variant, title in draft.variant_titles():
        child = list(base)
        child[at["Title"]] = title
        child[at["Seller SKU"]] = f"{sku}-{variant.name.replace(' ', '')}"
        child[at["Parent SKU"]] = sku
        if variant.size:
            child[at["Size"]] = variant.size
        if variant.colour:
            child[at["Colour"]] = variant.colour
        child[at["Stock"]] = variant.stock if numbers else str(variant.stock)
        out.append(child)
    return out


def header(mandatory: set[str], marketplace: str = "") -> list[str]:
    names = ONDC_COLUMNS if marketplace == "ondc" else {}
    base = base_columns(marketplace) if marketplace else BASE_COLUMNS
    return [f"{names.get(c, c)} *" if c in mandatory else names.get(c, c) for c in base]


def columns(mandatory: set[str], marketplace: str = "") -> list[Column]:
    """The header of a marketplace's sheet: its names, notes, dropdowns, mandatory marks."""
    allowed = choices()
    return [Column(name, NOTES.get(column, "") + (MANDATORY_NOTE if column in mandatory
                                                   else ""),
                   allowed.get(column, ()), WIDTHS.get(column, 16), column in mandatory)
            for column, name in zip(base_columns(marketplace) if marketplace else BASE_COLUMNS,
                                    header(mandatory, marketplace), strict=True)]


SMALL = 500  # products: a workbook made in memory rather than streamed


def workbook(sheets: dict[str, Iterable[tuple[str, Draft]]], reasons: Reasons = None,
             streamed: bool = True) -> bytes:
    """``sheets``: marketplace key -> (sku, draft) pairs. Mandatory headers end in " *"
    and are filled blue; the SKU and parent SKU stay in view when scrolling right."""
    tables = []
    for marketplace, items in sheets.items():
        items = iter(items)
        first = next(items, None)
        mandatory = mandatory_columns(first[1]) if first is not None else set()
        lines = (line for sku, draft in (chain([first], items) if first is not None else ())
                 for line in rows(draft, sku, reasons, numbers=True))
        tables.append(Table(rules(marketplace).short_name,
                            columns(mandatory, marketplace), lines, freeze_columns=2))
    return spreadsheet.xlsx(tables, streamed)


def products_workbook(products: Iterable[tuple[str, ProductFacts]], marketplaces: list[str],
                      reasons: Reasons = None) -> bytes:
    """The facilitator's export: every product on every marketplace's sheet. Each product's
    facts are worked out once; ``products`` is read once per sheet (pass a list)."""
    small = isinstance(products, Sized) and len(products) < SMALL
    return workbook({key: drafts_of(products, key) for key in marketplaces}, reasons,
                    streamed=not small)


def drafts_of(products: Iterable[tuple[str, ProductFacts]], marketplace: str
              ) -> Iterator[tuple[str, Draft]]:
    # A function, not a generator expression in a loop: each sheet keeps its own key.
    for sku, facts in products:
        yield sku, draft_for(facts, marketplace)


def csv_file(items: Iterable[tuple[str, Draft]], reasons: Reasons = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    first = True
    for sku, draft in items:
        if first:
            writer.writerow(header(mandatory_columns(draft), draft.marketplace))
            first = False
        # A title or feature the seller typed may start with "=": never a formula.
        writer.writerows([neutralise(value) for value in line]
                         for line in rows(draft, sku, reasons))
    if first:
        writer.writerow(BASE_COLUMNS)
    # UTF-8 with BOM so that Excel opens Hindi/₹ correctly.
    return out.getvalue().encode("utf-8-sig")
