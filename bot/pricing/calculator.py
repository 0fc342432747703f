"""Price calculator: the smallest whole-rupee selling price that leaves the desired profit.

Fees and tax rates come from ``bot/reference/data/fees.toml`` (each with source, as-of date and
confidence; many are U placeholders, see the file). All money is ``decimal.Decimal``.

The formula, at a selling price P (₹, whole rupees, GST inclusive, what the buyer pays):

    commission   = P × commission% / 100            (band chosen by P)
    fixed_fee    = amount of the fixed/closing-fee band chosen by P
    shipping     = first + (slabs − 1) × each_additional, slabs = ceil(chargeable_g / slab_g)
                   (0 if the buyer pays shipping)
    gst_on_fees  = (commission + fixed_fee + shipping) × gst_on_fees% / 100
    product_gst  = P × rate / (100 + rate)           (0 for zero-rated exports)
    taxable      = P − product_gst
    tcs          = taxable × tcs% / 100              [tg24] 0.5 %
    tds          = taxable × tds% / 100              [tmi] 0.1 %
    payout       = P − commission − fixed_fee − shipping − gst_on_fees − tcs − tds
    net_after_gst = payout − product_gst
    profit       = net_after_gst − cost − packing

Each line is rounded to the paisa (half up) before it is added up, like an invoice, so
``payout == P − sum(fee lines)`` holds exactly.

Chargeable weight = max(actual weight, volumetric weight); volumetric (kg) = L × W × H (cm) /
the marketplace's divisor (5000 or 4000: fees.toml, each with its source), rounded up to the
gram.

Conservative on purpose: TCS, TDS and GST on fees are treated as money gone, though a
registered seller can set TCS/TDS off against tax and claim GST on fees as input tax credit.
Sellers on a GST enrolment ID (``PriceInput.enrolment_id``) are not registered: they may not
collect GST (CGST s.32), so product GST is 0, and they have no TCS (37/2023); a nil-rated
(exempt) item has no TCS either (TCS is on taxable supplies). Both rules are rows
of ``reference/data/gst.toml``, shared with the drafts. Individual
sellers under ₹5 lakh a year per operator who gave PAN/Aadhaar have no 194-O TDS; the
calculator cannot know the year's sales, so it keeps the TDS line and the screen says when
it falls away (fees.toml ``[common.tds_exemption]``). The returns allowance of facts.md §6
is not included.

Garments, footwear and made-ups change rate with the price (``GstSlab``): 5 % up to a
₹2,500 taxable value (₹2,625 with GST), 18 % above, so the price search treats ₹2,625 as a
band edge and ``slab_jump`` reports the band above it that pays less.

MRP (printed "inclusive of all taxes", must be >= the selling price): the selling price
rounded UP to the next price point — below ₹1,000 the next number ending in 9 (455 → 459,
459 → 459), from ₹1,000 the next number ending in 99 (1,187 → 1,199, 1,000 → 1,099).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from bot.reference import gst
from bot.reference.marketplaces import AS_OF_RE, CONFIDENCE, Provenance, weakest

DATA_DIR = Path(__file__).resolve().parent.parent / "reference" / "data"
FEES_TOML = DATA_DIR / "fees.toml"

PAISA = Decimal("0.01")
HUNDRED = Decimal(100)
MAX_PRICE = 10_000_000          # ₹1 crore: above this the search gives up
MAX_GST_PERCENT = Decimal(40)   # highest GST 2.0 rate; also keeps profit rising with price
MAX_COMMISSION_PERCENT = Decimal(50)

# Line keys, in the order they are listed. All but product_gst are withheld by the
# marketplace (they make up payout); product_gst is paid by the seller to the government.
LINE_KEYS = ("commission", "fixed_fee", "shipping", "gst_on_fees", "tcs", "tds", "product_gst")
PAYOUT_KEYS = LINE_KEYS[:-1]


class FeeDataError(ValueError):
    """fees.toml is malformed; the message names the table and field."""


class PriceInputError(ValueError):
    """A PriceInput value makes no sense; ``field`` names it (the message starts with it)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


# --------------------------------------------------------------------------- fee tables


@dataclass(frozen=True)
class Band:
    up_to: int | None       # inclusive upper price (₹); None = no upper limit
    value: Decimal          # percent (commission) or ₹ amount (fixed fee)
    provenance: Provenance
    # A promotional rate: after this date it is not used (the next band's rate applies and
    # the quote lists it in ``expired_promotions`` so the seller is told).
    promotion_ends: date | None = None
    # The rate holds only in the marketplace's listed categories (Amazon's 0 % below ₹1,000):
    # the quote says so, so the seller checks their own category.
    categories_only: bool = False


@dataclass(frozen=True)
class Figure:
    value: Decimal          # a percent or divisor
    provenance: Provenance


@dataclass(frozen=True)
class Shipping:
    seller_pays: bool
    slab_g: int
    first: Decimal
    each_additional: Decimal
    provenance: Provenance
    # Free for local and zonal orders up to this weight (Flipkart), with its own source.
    free_local_zonal_g: int | None = None
    free_provenance: Provenance | None = None

    def fee(self, chargeable_g: int) -> Decimal:
        slabs = -(-chargeable_g // self.slab_g)  # ceil
        return self.first + (slabs - 1) * self.each_additional


@dataclass(frozen=True)
class FeeTable:
    key: str
    as_of: str
    commission: tuple[Band, ...]
    fixed_fee: tuple[Band, ...]
    shipping: Shipping
    gst_on_fees: Figure
    tcs: Figure
    tds: Figure
    product_gst_applies: bool
    product_gst_provenance: Provenance
    volumetric_divisor: Figure
    tds_exemption: Figure  # 194-O(2): yearly sales (₹) under which an individual has no TDS
    # Commission schedules of fee categories (Amazon apparel), and which product categories
    # (categories.csv keys) use them.
    category_commission: dict[str, tuple[Band, ...]] = field(default_factory=dict)
    fee_category_of: dict[str, str] = field(default_factory=dict)


def _band_for(bands: tuple[Band, ...], price: Decimal) -> Band:
    for band in bands:
        if band.up_to is None or price <= band.up_to:
            return band
    raise AssertionError("the last band has no upper limit")  # guaranteed by the loader


def _ffail(path: Path, where: str, message: str) -> FeeDataError:
    return FeeDataError(f"{path.name}: [{where}]: {message}")


def _fprov(path: Path, where: str, table: dict) -> Provenance:
    for name in ("source", "as_of", "confidence"):
        if not isinstance(table.get(name), str) or not table[name].strip():
            raise _ffail(path, where, f"{name} must be a non-empty string")
    if not AS_OF_RE.match(table["as_of"]):
        raise _ffail(path, where, f"as_of must be YYYY-MM or YYYY-MM-DD, got {table['as_of']!r}")
    if table["confidence"] not in CONFIDENCE:
        raise _ffail(path, where, f"confidence must be one of C/L/U, got {table['confidence']!r}")
    return Provenance(table["source"], table["as_of"], table["confidence"])


def _number(path: Path, where: str, table: dict, name: str, lo: Decimal,
            hi: Decimal | None = None) -> Decimal:
    value = table.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise _ffail(path, where, f"{name} must be a number, got {value!r}")
    value = Decimal(value)
    if not value.is_finite() or value < lo or (hi is not None and value > hi):
        limit = f"between {lo} and {hi}" if hi is not None else f">= {lo}"
        raise _ffail(path, where, f"{name} must be {limit}, got {value}")
    return value


def _check_keys(path: Path, where: str, table: Any, allowed: set[str]) -> dict:
    if not isinstance(table, dict):
        raise _ffail(path, where, "must be a table")
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise _ffail(path, where, f"unknown key(s) {unknown!r}")
    return table


_PROV_KEYS = {"source", "as_of", "confidence"}


def _bands(path: Path, key: str, name: str, raw: Any, value_key: str,
           hi: Decimal | None) -> tuple[Band, ...]:
    if not isinstance(raw, list) or not raw:
        raise _ffail(path, f"{key}.{name}", f"must be a non-empty list of [[{key}.{name}]] tables")
    bands = []
    previous = 0
    for i, table in enumerate(raw):
        where = f"{key}.{name}][{i}"
        _check_keys(path, where, table, _PROV_KEYS | {"up_to", value_key, "promotion_ends",
                                                      "categories_only"})
        last = i == len(raw) - 1
        up_to = table.get("up_to")
        if last and up_to is not None:
            raise _ffail(path, where, "the last band must have no up_to (no upper limit)")
        if not last:
            if isinstance(up_to, bool) or not isinstance(up_to, int):
                raise _ffail(path, where, f"up_to must be a whole number of rupees, got {up_to!r}")
            if up_to <= previous:
                raise _ffail(path, where, f"up_to must be above {previous}, got {up_to}")
            previous = up_to
        value = _number(path, where, table, value_key, Decimal(0), hi)
        ends = table.get("promotion_ends")
        if ends is not None:
            if not isinstance(ends, date) or isinstance(ends, datetime):
                raise _ffail(path, where, f"promotion_ends must be a date (2025-12-31), got "
                                          f"{ends!r}")
            if last:
                raise _ffail(path, where, "the last band cannot be a promotion")
        only = table.get("categories_only", False)
        if not isinstance(only, bool):
            raise _ffail(path, where, f"categories_only must be true or false, got {only!r}")
        bands.append(Band(up_to, value, _fprov(path, where, table), ends, only))
    return tuple(bands)


def _figure(path: Path, where: str, table: Any, name: str, hi: Decimal) -> Figure:
    _check_keys(path, where, table, _PROV_KEYS | {name})
    return Figure(_number(path, where, table, name, Decimal(0), hi), _fprov(path, where, table))


def _product_gst(path: Path, where: str, table: Any) -> tuple[bool, Provenance]:
    _check_keys(path, where, table, _PROV_KEYS | {"applies"})
    if not isinstance(table.get("applies"), bool):
        raise _ffail(path, where, f"applies must be true or false, got {table.get('applies')!r}")
    return table["applies"], _fprov(path, where, table)


def _shipping(path: Path, key: str, table: Any) -> Shipping:
    where = f"{key}.shipping"
    _check_keys(path, where, table,
                _PROV_KEYS | {"seller_pays", "slab_g", "first", "each_additional",
                              "local_zonal"})
    if not isinstance(table.get("seller_pays"), bool):
        raise _ffail(path, where, "seller_pays must be true or false")
    slab = table.get("slab_g")
    if isinstance(slab, bool) or not isinstance(slab, int) or slab <= 0:
        raise _ffail(path, where, f"slab_g must be a positive whole number of grams, got {slab!r}")
    free_g = free_prov = None
    if "local_zonal" in table:
        local = _check_keys(path, f"{where}.local_zonal", table["local_zonal"],
                            _PROV_KEYS | {"free_up_to_g"})
        free_g = local.get("free_up_to_g")
        if isinstance(free_g, bool) or not isinstance(free_g, int) or free_g <= 0:
            raise _ffail(path, f"{where}.local_zonal",
                         f"free_up_to_g must be a positive whole number of grams, got {free_g!r}")
        free_prov = _fprov(path, f"{where}.local_zonal", local)
    return Shipping(table["seller_pays"], slab,
                    _number(path, where, table, "first", Decimal(0)),
                    _number(path, where, table, "each_additional", Decimal(0)),
                    _fprov(path, where, table), free_g, free_prov)


def _categories(path: Path, key: str, raw: Any) -> tuple[dict[str, tuple[Band, ...]],
                                                           dict[str, str]]:
    """``[<key>.categories.<name>]``: a commission schedule for some product categories."""
    schedules: dict[str, tuple[Band, ...]] = {}
    owner: dict[str, str] = {}
    for name, table in _check_keys(path, f"{key}.categories", raw, set(raw or {})).items():
        where = f"{key}.categories.{name}"
        _check_keys(path, where, table, {"products", "commission"})
        products = table.get("products")
        if not isinstance(products, list) or not products or not all(
                isinstance(p, str) for p in products):
            raise _ffail(path, where, "products must be a list of category keys")
        for product in products:
            if product in owner:
                raise _ffail(path, where, f"{product!r} is already in {owner[product]!r}")
            owner[product] = name
        schedules[name] = _bands(path, f"{key}.categories.{name}", "commission",
                                 table.get("commission"), "percent", MAX_COMMISSION_PERCENT)
    return schedules, owner


def load_fees(path: Path = FEES_TOML) -> dict[str, FeeTable]:
    """Read and check a fees file; the dict keeps the file's order."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh, parse_float=Decimal)
    except OSError as exc:
        raise FeeDataError(f"{path}: cannot read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FeeDataError(f"{path.name}: not valid TOML ({exc})") from exc

    common = _check_keys(path, "common", data.get("common", {}),
                         {"volumetric", "gst_on_fees", "tcs", "tds", "product_gst",
                          "tds_exemption"})
    for name in ("volumetric", "gst_on_fees", "tcs", "tds", "product_gst", "tds_exemption"):
        if name not in common:
            raise _ffail(path, f"common.{name}", "missing")
    def divisor_of(where: str, table: Any) -> Figure:
        divisor = _figure(path, where, table, "divisor", Decimal(100000))
        if divisor.value == 0:
            raise _ffail(path, where, "divisor must be positive")
        return divisor

    divisor_of("common.volumetric", common["volumetric"])
    tds_exemption = _figure(path, "common.tds_exemption", common["tds_exemption"],
                            "annual_sales_limit", Decimal(10_000_000))
    limits = {"gst_on_fees": Decimal(28), "tcs": Decimal(5), "tds": Decimal(5)}

    tables: dict[str, FeeTable] = {}
    for key, raw in data.items():
        if key == "common":
            continue
        _check_keys(path, key, raw, {"as_of", "commission", "fixed_fee", "shipping",
                                     "gst_on_fees", "tcs", "tds", "product_gst",
                                     "categories", "volumetric"})
        as_of = raw.get("as_of")
        if not isinstance(as_of, str) or not AS_OF_RE.match(as_of):
            raise _ffail(path, key, f"as_of must be YYYY-MM or YYYY-MM-DD, got {as_of!r}")
        if "shipping" not in raw:
            raise _ffail(path, f"{key}.shipping", "missing")
        taxes = {name: _figure(path, f"{key}.{name}" if name in raw else f"common.{name}",
                               raw.get(name, common[name]), "percent", limit)
                 for name, limit in limits.items()}
        applies, gst_prov = _product_gst(
            path, f"{key}.product_gst" if "product_gst" in raw else "common.product_gst",
            raw.get("product_gst", common["product_gst"]))
        schedules, owner = _categories(path, key, raw.get("categories", {}))
        tables[key] = FeeTable(
            key=key, as_of=as_of,
            commission=_bands(path, key, "commission", raw.get("commission"), "percent",
                              MAX_COMMISSION_PERCENT),
            fixed_fee=_bands(path, key, "fixed_fee", raw.get("fixed_fee"), "amount", None),
            shipping=_shipping(path, key, raw["shipping"]),
            product_gst_applies=applies, product_gst_provenance=gst_prov,
            volumetric_divisor=divisor_of(
                f"{key}.volumetric" if "volumetric" in raw else "common.volumetric",
                raw.get("volumetric", common["volumetric"])),
            tds_exemption=tds_exemption,
            category_commission=schedules, fee_category_of=owner, **taxes)
    if not tables:
        raise FeeDataError(f"{path.name}: no marketplaces")
    return tables


@cache
def _default_tables() -> dict[str, FeeTable]:
    return load_fees(FEES_TOML)


def fee_tables() -> dict[str, FeeTable]:
    return dict(_default_tables())


def fee_table(key: str) -> FeeTable:
    try:
        return _default_tables()[key]
    except KeyError:
        raise PriceInputError(
            "marketplace",
            f"unknown marketplace {key!r}; known: {', '.join(_default_tables())}") from None


# ---------------------------------------------------------------------------- the API


@dataclass(frozen=True)
class GstSlab:
    """A rate that depends on the price: ``gst_percent`` up to ``limit`` (₹, GST inclusive,
    e.g. ₹2,625 = ₹2,500 taxable + 5 %), ``percent_above`` beyond (garments, footwear and
    made-ups; see ``categories.slab_limit``)."""

    percent_above: Decimal
    limit: Decimal


@dataclass(frozen=True)
class PriceInput:
    cost: Decimal            # cost of making one piece
    packing: Decimal         # packing cost per piece
    profit: Decimal          # desired profit per piece, in ₹ …
    profit_is_percent: bool  # … or as % of (cost + packing)
    weight_g: int
    dims_cm: tuple[Decimal, Decimal, Decimal] | None
    marketplace: str         # key
    gst_percent: Decimal     # product GST rate (from the HSN); the lower rate of a slab
    gst_slab: GstSlab | None = None
    # False for a seller on a GST enrolment ID (no GSTIN): operators collect no TCS on
    # their supplies (notification 37/2023-CT, facts.md §5 C).
    tcs_applies: bool = True
    # The seller has a GST enrolment ID, not a GSTIN: gst.toml [enrolment_id] says
    # what that removes (product GST: CGST s.32; TCS: 37/2023).
    enrolment_id: bool = False
    product_category: str | None = None  # categories.csv key: picks a fee category
    local_zonal: bool = False  # the buyer is in the seller's city or zone
    on: date | None = None  # the day fees are looked up for (promotions end); None = today


@dataclass(frozen=True)
class Line:
    key: str         # one of LINE_KEYS
    amount: Decimal  # positive = deducted from the selling price
    as_of: str = ""  # as-of date of the figure behind it (shown beside every fee)


@dataclass(frozen=True)
class Quote:
    selling_price: Decimal   # whole rupees, what to enter as the price (GST inclusive)
    mrp: Decimal             # MRP to print, inclusive of all taxes (>= selling_price)
    lines: tuple[Line, ...]  # each deduction, in LINE_KEYS order
    payout: Decimal          # price − the PAYOUT_KEYS lines
    net_after_gst: Decimal   # payout − product GST
    profit: Decimal          # net_after_gst − cost − packing
    chargeable_weight_g: int
    confidence: str          # lowest confidence among the fee figures used ("C","L","U")
    as_of: str               # fee table as-of date
    gst_percent: Decimal = Decimal(0)  # the product GST rate used at this price
    # Promotional bands past their end date, so not used: say so, do not hide it.
    expired_promotions: tuple[Band, ...] = ()
    # Why a line is 0 where it usually is not, so the screen can say it in one line:
    # "enrolment_id" (product GST and TCS), "exempt" (TCS on a nil-rated item).
    no_gst_reason: str = ""
    no_tcs_reason: str = ""
    categories_only: bool = False  # the commission holds only in listed categories
    # The volumetric divisor used (None: no box size given, the real weight counts).
    volumetric_divisor: Decimal | None = None

    def line(self, key: str) -> Decimal:
        for line in self.lines:
            if line.key == key:
                return line.amount
        raise KeyError(key)


def _paise(value: Decimal) -> Decimal:
    return value.quantize(PAISA, rounding=ROUND_HALF_UP)


def _money(field: str, value: Any, *, positive: bool = False) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise PriceInputError(field, f"must be a Decimal, got {type(value).__name__} {value!r}")
    value = Decimal(value)
    if not value.is_finite():
        raise PriceInputError(field, f"must be a finite number, got {value}")
    if value < 0 or (positive and value == 0):
        floor = "above" if positive else "at least"
        raise PriceInputError(field, f"must be {floor} 0, got {value}")
    return value


def _validate(inp: PriceInput) -> FeeTable:
    if not isinstance(inp.marketplace, str):
        raise PriceInputError("marketplace", f"must be a marketplace key, got {inp.marketplace!r}")
    table = fee_table(inp.marketplace)
    _money("cost", inp.cost, positive=True)
    _money("packing", inp.packing)
    _money("profit", inp.profit)
    if not isinstance(inp.profit_is_percent, bool):
        raise PriceInputError("profit_is_percent", "must be true or false")
    if isinstance(inp.weight_g, bool) or not isinstance(inp.weight_g, int) or inp.weight_g <= 0:
        raise PriceInputError("weight_g", f"must be a whole number of grams above 0, got "
                                          f"{inp.weight_g!r}")
    if inp.dims_cm is not None:
        if not isinstance(inp.dims_cm, (tuple, list)) or len(inp.dims_cm) != 3:
            raise PriceInputError("dims_cm", f"must be (length, width, height) in cm, got "
                                             f"{inp.dims_cm!r}")
        for d in inp.dims_cm:
            _money("dims_cm", d, positive=True)
    gst = _money("gst_percent", inp.gst_percent)
    if gst > MAX_GST_PERCENT:
        raise PriceInputError("gst_percent", f"must be at most {MAX_GST_PERCENT}, got {gst}")
    if inp.gst_slab is not None:
        above = _money("gst_slab", inp.gst_slab.percent_above)
        _money("gst_slab", inp.gst_slab.limit, positive=True)
        if not gst < above <= MAX_GST_PERCENT:
            raise PriceInputError("gst_slab", f"the rate above must be between {gst} and "
                                              f"{MAX_GST_PERCENT}, got {above}")
    if not isinstance(inp.tcs_applies, bool):
        raise PriceInputError("tcs_applies", "must be true or false")
    if not isinstance(inp.enrolment_id, bool):
        raise PriceInputError("enrolment_id", "must be true or false")
    if not isinstance(inp.local_zonal, bool):
        raise PriceInputError("local_zonal", "must be true or false")
    if inp.on is not None and not isinstance(inp.on, date):
        raise PriceInputError("on", f"must be a date, got {inp.on!r}")
    return table


def desired_profit(inp: PriceInput) -> Decimal:
    """The profit asked for, in ₹ (a percent is taken of cost + packing)."""
    if inp.profit_is_percent:
        return _paise((Decimal(inp.cost) + Decimal(inp.packing)) * Decimal(inp.profit) / HUNDRED)
    return _paise(Decimal(inp.profit))


def volumetric_weight_g(dims_cm, divisor: Decimal) -> int:
    """L × W × H (cm) / divisor kg, in grams rounded up."""
    length, width, height = (Decimal(d) for d in dims_cm)
    grams = length * width * height * 1000 / divisor
    return int(grams.to_integral_value(rounding=ROUND_CEILING))


def chargeable_weight_g(inp: PriceInput, table: FeeTable) -> int:
    if inp.dims_cm is None:
        return inp.weight_g
    return max(inp.weight_g, volumetric_weight_g(inp.dims_cm, table.volumetric_divisor.value))


def mrp_for(price: Decimal) -> Decimal:
    """Next price point at or above the price: …9 below ₹1,000, …99 from ₹1,000."""
    p = int(Decimal(price).to_integral_value(rounding=ROUND_CEILING))
    if p < 1000:
        return Decimal(p // 10 * 10 + 9)
    return Decimal(p // 100 * 100 + 99)


def commission_bands(inp: PriceInput, table: FeeTable) -> tuple[tuple[Band, ...],
                                                                 tuple[Band, ...]]:
    """(bands in force, expired promotional bands) for this product on this day."""
    schedule = table.category_commission.get(
        table.fee_category_of.get(inp.product_category or ""), table.commission)
    on = inp.on or date.today()
    expired = tuple(b for b in schedule if b.promotion_ends is not None and b.promotion_ends < on)
    return tuple(b for b in schedule if b not in expired), expired


def _missed(schedule: tuple[Band, ...], expired: tuple[Band, ...], price: Decimal
            ) -> tuple[Band, ...]:
    """The expired promotional bands whose price range holds ``price``."""
    lows = dict(zip(schedule[1:], (b.up_to or 0 for b in schedule), strict=False))
    return tuple(b for b in expired if lows.get(b, 0) < price <= (b.up_to or 0))


def _quote_at(inp: PriceInput, table: FeeTable, price: Decimal, chargeable: int) -> Quote:
    bands, expired = commission_bands(inp, table)
    if expired:
        schedule = tuple(sorted(bands + expired, key=lambda b: (b.up_to is None, b.up_to or 0)))
        expired = _missed(schedule, expired, price)
    commission_band = _band_for(bands, price)
    fixed_band = _band_for(table.fixed_fee, price)
    ship = table.shipping
    free_shipping = (inp.local_zonal and ship.free_local_zonal_g is not None
                     and chargeable <= ship.free_local_zonal_g)

    commission = _paise(price * commission_band.value / HUNDRED)
    fixed_fee = _paise(fixed_band.value)
    shipping = (_paise(ship.fee(chargeable)) if ship.seller_pays and not free_shipping
                else Decimal("0.00"))
    gst_on_fees = _paise((commission + fixed_fee + shipping) * table.gst_on_fees.value / HUNDRED)
    goods_rate = gst_rate_at(inp, price)
    eid = gst.enrolment_id() if inp.enrolment_id else None
    no_gst = "enrolment_id" if eid is not None and not eid["collects_gst"] else ""
    rate = goods_rate if table.product_gst_applies and not no_gst else Decimal(0)
    product_gst = _paise(price * rate / (HUNDRED + rate))
    # Assumption: TCS [tg24] (GST: "net value of taxable supplies") and TDS [tmi] (194-O; CBDT
    # takes the amount without GST when GST is shown separately) are both computed on the
    # taxable value, i.e. the price without the product GST.
    taxable = price - product_gst
    no_tcs = ("enrolment_id" if eid is not None and not eid["tcs"] else
              "exempt" if goods_rate == 0 and not gst.tcs_exempt_goods()["applies"] else "")
    tcs_due = inp.tcs_applies and not no_tcs
    tcs = _paise(taxable * table.tcs.value / HUNDRED) if tcs_due else Decimal("0.00")
    tds = _paise(taxable * table.tds.value / HUNDRED)

    amounts = dict(commission=commission, fixed_fee=fixed_fee, shipping=shipping,
                   gst_on_fees=gst_on_fees, tcs=tcs, tds=tds, product_gst=product_gst)
    ship_prov = ship.free_provenance if free_shipping else ship.provenance
    dates = dict(commission=commission_band.provenance.as_of,
                 fixed_fee=fixed_band.provenance.as_of, shipping=ship_prov.as_of,
                 gst_on_fees=table.gst_on_fees.provenance.as_of, tcs=table.tcs.provenance.as_of,
                 tds=table.tds.provenance.as_of, product_gst=table.product_gst_provenance.as_of)
    lines = tuple(Line(key, amounts[key], dates[key]) for key in LINE_KEYS)
    payout = price - sum(amounts[key] for key in PAYOUT_KEYS)
    net_after_gst = payout - product_gst
    profit = net_after_gst - Decimal(inp.cost) - Decimal(inp.packing)

    used = [commission_band.provenance, fixed_band.provenance, table.gst_on_fees.provenance,
            table.tds.provenance, table.product_gst_provenance]
    if tcs_due:
        used.append(table.tcs.provenance)
    if eid is not None:
        used.append(eid.provenance)
    elif no_tcs:
        used.append(gst.tcs_exempt_goods().provenance)
    if ship.seller_pays:
        used.append(ship_prov)
        if inp.dims_cm is not None:
            used.append(table.volumetric_divisor.provenance)
    return Quote(
        selling_price=price, mrp=mrp_for(price), lines=lines, payout=payout,
        net_after_gst=net_after_gst, profit=profit, chargeable_weight_g=chargeable,
        confidence=weakest(p.confidence for p in used), as_of=table.as_of, gst_percent=rate,
        expired_promotions=expired, no_gst_reason=no_gst,
        no_tcs_reason=no_tcs if table.tcs.value else "",
        categories_only=commission_band.categories_only,
        volumetric_divisor=table.volumetric_divisor.value if inp.dims_cm is not None else None)


def gst_rate_at(inp: PriceInput, price: Decimal) -> Decimal:
    """The product GST rate at a GST-inclusive price (the higher slab rate above the limit)."""
    slab = inp.gst_slab
    if slab is not None and price > slab.limit:
        return Decimal(slab.percent_above)
    return Decimal(inp.gst_percent)


def quote_at(inp: PriceInput, price: Decimal | int) -> Quote:
    """The breakdown at a given selling price (e.g. to show "what if I sell at ₹X")."""
    table = _validate(inp)
    price = _money("price", price, positive=True)
    return _quote_at(inp, table, price, chargeable_weight_g(inp, table))


def _segments(table: FeeTable, inp: PriceInput):
    """Price ranges (lo, hi) with one commission band, one fixed-fee band and one GST rate;
    hi None = open."""
    slab = inp.gst_slab
    bands = commission_bands(inp, table)[0]
    edges = {b.up_to for b in bands + table.fixed_fee if b.up_to is not None}
    if slab is not None:
        edges.add(int(Decimal(slab.limit).to_integral_value(rounding=ROUND_FLOOR)))
    edges = sorted(edges)
    lo = 1
    for edge in edges:
        if edge >= lo:
            yield lo, edge
            lo = edge + 1
    yield lo, None


def quote(inp: PriceInput) -> Quote:
    """The smallest whole-rupee selling price whose profit is at least the desired profit.

    Within a price range where the commission and fixed-fee bands do not change, profit rises
    with the price (each extra rupee loses at most commission × 1.18 + GST share + 0.6 %, well
    under a rupee given the limits on commission and GST rates), so each range is bisected;
    ranges are tried from the cheapest up, which handles the drops at band edges (₹999 with
    0 % commission can leave more profit than ₹1,000 with 15 %).
    """
    table = _validate(inp)
    chargeable = chargeable_weight_g(inp, table)
    target = desired_profit(inp)

    def at(p: int) -> Quote:
        return _quote_at(inp, table, Decimal(p), chargeable)

    for lo, hi in _segments(table, inp):
        if lo > MAX_PRICE:
            break
        if hi is None:  # open range: double until the target is reached
            hi = lo
            while at(hi).profit < target and hi < MAX_PRICE:
                hi = min(hi * 2, MAX_PRICE)
        hi = min(hi, MAX_PRICE)
        if at(hi).profit < target:
            continue
        low, high = lo, hi  # at(high) reaches the target; find the first price that does
        while low < high:
            mid = (low + high) // 2
            if at(mid).profit >= target:
                high = mid
            else:
                low = mid + 1
        # Guard against paisa rounding making profit wobble by a few paise near the answer.
        while high > lo and at(high - 1).profit >= target:
            high -= 1
        return at(high)
    raise PriceInputError("profit", f"₹{target} profit is not reachable below ₹{MAX_PRICE:,}")


@dataclass(frozen=True)
class SlabJump:
    """Where a price-dependent GST rate makes a higher price pay less."""

    limit: Decimal         # the highest price that keeps the lower rate (₹2,625)
    band_end: Decimal      # the highest price that still leaves less profit than ``limit``
    low_percent: Decimal
    high_percent: Decimal
    profit_at_limit: Decimal


def slab_jump(inp: PriceInput, result: Quote) -> SlabJump | None:
    """The jump band when ``result`` is priced above the lower-rate limit, else None.

    From ₹2,626 the whole price is taxed at 18 % instead of 5 %, so prices up to about
    ₹2,950 (₹2,500 × 1.18) leave less than ₹2,625 does (audit 2026-11 note 2); the exact
    end depends on the marketplace's fees, so it is searched for, not assumed.
    """
    slab = inp.gst_slab
    if slab is None or result.selling_price <= slab.limit or not result.gst_percent:
        return None
    table = _validate(inp)
    chargeable = chargeable_weight_g(inp, table)
    limit = Decimal(int(Decimal(slab.limit).to_integral_value(rounding=ROUND_FLOOR)))
    at_limit = _quote_at(inp, table, limit, chargeable).profit
    end = limit + 1
    while end < 2 * limit and _quote_at(inp, table, end + 1, chargeable).profit < at_limit:
        end += 1
    return SlabJump(limit=limit, band_end=end, low_percent=Decimal(inp.gst_percent),
                    high_percent=Decimal(slab.percent_above), profit_at_limit=at_limit)
