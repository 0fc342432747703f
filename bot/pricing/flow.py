"""/price and a product's "💰 Price" button: the price calculator as a short form.

From a product, weight, size and GST rate are taken from its answers (prefilled answers
are not asked again); the result can be applied to the product in one tap.
"""

from __future__ import annotations

import re
from decimal import Decimal

from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Answers, Field, Form
from bot.conversation.navigation import menu_button
from bot.conversation.turn import Button, Turn
from bot.i18n import N_, _, format_day, format_money, format_number
from bot.listing import flow as listing
from bot.listing import products
from bot.listing.flow import ProductAction
from bot.parsing.quantities import parse_dimensions, parse_grams, parse_rupees
from bot.parsing.validators import Choice, Invalid, clean_text, normalise_digits
from bot.pricing import quotes
from bot.pricing.calculator import GstSlab, PriceInput, SlabJump, fee_table, quote, slab_jump
from bot.reference import categories, exchange, stated
from bot.reference.marketplaces import all_rules
from bot.seller import menu
from bot.steps import flow as steps

FORM_KEY = "price"


@callback("pq")
class UsePrice:
    quote: int  # a row of price_quotes: the prices stay server-side




def gst_rates() -> tuple[str, ...]:
    """The rate buttons: the rates categories.csv gives these goods (GST 2.0, from 22 Sep
    2025; each row has its source and as-of date), so a rate change is a data edit."""
    return tuple(f"{rate:g}" for rate in sorted({c.gst_percent
                                                 for c in categories.categories()}))

SLAB = "slab"  # 5 % up to a ₹2,500 taxable value, 18 % above: garments, footwear, made-ups

LINE_LABELS = {
    "commission": N_("Commission"),
    "fixed_fee": N_("Fixed / closing fee"),
    "shipping": N_("Shipping"),
    # The rate is the marketplace's own (fees.toml): Walmart's are 0 (audit-2026-12 C3).
    "gst_on_fees": N_("GST on fees ({percent})"),
    "tcs": N_("TCS ({percent})"),
    # Section 194-O of the 1961 Act is s.393 of the Income-tax Act 2025 (from 1 Apr 2026).
    "tds": N_("TDS ({percent}, Income-tax s.393, ex-194-O)"),
    "product_gst": N_("Product GST"),
}
FEE_KEYS = ("commission", "fixed_fee", "shipping")
RATE_KEYS = ("gst_on_fees", "tcs", "tds")  # labels that name the rate from fees.toml


def _marketplaces(answers: Answers) -> list[Choice]:
    return [Choice(key, rules.short_name) for key, rules in all_rules().items()
            if answers.get("@export") or not rules.export_only]


def _parse_amount(text: str, _answers: Answers) -> str:
    if normalise_digits(text).strip() in ("0", "०"):
        return "0"
    return str(parse_rupees(text, low=1))


def _parse_profit(text: str, _answers: Answers) -> str:
    plain = normalise_digits(clean_text(text, 30)).replace(" ", "")
    if plain.endswith(("%", "percent", "प्रतिशत")):
        number = plain.rstrip("%").replace("percent", "").replace("प्रतिशत", "")
        # Plain digits only: Decimal() also reads "NaN", "Infinity" and "1e999".
        if not re.fullmatch(r"\d{1,3}(\.\d{1,2})?", number):
            raise Invalid(_("Type the profit in rupees (200) or as a percent (20%)."))
        percent = Decimal(number)
        if not 0 <= percent <= 500:
            raise Invalid(_("Type the profit in rupees (200) or as a percent (20%)."))
        return f"{percent}%"
    return _parse_amount(text, _answers)


def _slab_words() -> str:
    """"5%/18% (clothes)": the two rates are categories.csv's (source and as-of there)."""
    category = _slab_category()
    # The % signs go in the values: "{low}%" would read as a %-format to Babel.
    return _("{low}/{high} (clothes)").format(low=f"{category.gst_percent:g}%",
                                              high=f"{category.gst_percent_above:g}%")


def _gst_choices(_answers: Answers) -> list[Choice]:
    return [Choice(rate, f"{rate}%") for rate in gst_rates()] + [Choice(SLAB, _slab_words())]


def _show_gst(value: str, _answers: Answers) -> str:
    return _slab_words() if value == SLAB else f"{value}%"


def _free_shipping_args(answers: Answers) -> dict[str, str]:
    """The free local/zonal weight from fees.toml (its source and as-of date there)."""
    grams = fee_table(answers["marketplace"]).shipping.free_local_zonal_g
    return {"grams": format_number(grams)}


def _handicraft_rate_args(_answers: Answers) -> dict[str, str]:
    """The usual handicraft rate, from stated_facts.csv (source and as-of date there)."""
    return {"percent": stated.facts()["handicraft_gst"].value + "%"}


def _slab_category() -> categories.Category:
    """The category whose slab the generic "5 % / 18 %" choice stands for (they share it)."""
    return next(c for c in categories.categories() if c.price_dependent)


def _gst_input(answers: Answers) -> tuple[Decimal, GstSlab | None]:
    """The lower rate and the slab, from the chosen rate or the product's category (not
    asked on an enrolment ID, where the calculator charges no GST anyway)."""
    if "gst" not in answers:
        return Decimal(0), None
    if answers["gst"] != SLAB:
        return Decimal(answers["gst"]), None
    category = categories.category(answers.get("@category") or "")
    if category is None or not category.price_dependent:
        category = _slab_category()
    return category.gst_percent, GstSlab(category.gst_percent_above,
                                         categories.slab_limit(category))


def _has_local_rate(answers: Answers) -> bool:
    """Ask where buyers are only where local/zonal shipping costs less (Flipkart)."""
    marketplace = answers.get("marketplace")
    return bool(marketplace) and fee_table(marketplace).shipping.free_local_zonal_g is not None


def _zone_choices(_answers: Answers) -> list[Choice]:
    return [Choice("local", _("My city or zone")), Choice("national", _("All over India"))]


def _money(value: str, _answers: Answers) -> str:
    return value if value.endswith("%") else format_money(Decimal(value))


FIELDS = (
    Field("marketplace", N_("Marketplace"), N_("Where will you sell it?"),
          choices=_marketplaces, columns=2),
    Field("cost", N_("Cost of making"), N_("What does it cost you to make one piece (₹)? "
                                           "Count material and labour."),
          hint=N_("For example: 600"), parse=_parse_amount, show=_money),
    Field("packing", N_("Packing cost"), N_("What does packing one piece cost (₹)? Box, "
                                            "wrapping, tape. Type 0 if nothing."),
          hint=N_("For example: 40"), parse=_parse_amount, show=_money),
    Field("profit", N_("Profit you want"),
          N_("How much profit do you want on one piece? In rupees, or as a percent of your "
             "cost of making and packing together."),
          hint=N_("For example: 200, or 25%"), parse=_parse_profit, show=_money),
    Field("weight_g", N_("Weight"), N_("How much does one piece weigh, packed?"),
          hint=N_("For example: 500 g or 1.5 kg"), parse=lambda t, _a: parse_grams(t),
          show=lambda v, _a: _("{grams} g").format(grams=format_number(v))),
    Field("size_dims", N_("Box size"), N_("What is the size of the packed box? Length × "
                                          "width × height in cm. (You can skip this.)"),
          hint=N_("For example: 30x20x10"), parse=lambda t, _a: parse_dimensions(t),
          optional=True, show=lambda v, _a: " × ".join(f"{x:g}" for x in v) + " cm"),
    Field("zone", N_("Buyers"),
          N_("Where do most of your buyers live? Orders up to {grams} g ship free inside "
             "your own city or zone on this marketplace."),
          choices=_zone_choices, columns=1, shown_when=_has_local_rate,
          question_args=_free_shipping_args),
    Field("gst", N_("GST rate"), N_("What is the GST rate of this product? If you do not "
                                    "know: most handicrafts pay {percent}."),
          choices=_gst_choices, columns=4, show=_show_gst,
          question_args=_handicraft_rate_args,
          shown_when=lambda answers: not answers.get("@enrolment_id")),
)


async def _calculate(turn: Turn, answers: Answers) -> None:
    profit = answers["profit"]
    dims = answers.get("size_dims")
    gst_percent, slab = _gst_input(answers)
    inp = PriceInput(
        cost=Decimal(answers["cost"]), packing=Decimal(answers["packing"]),
        profit=Decimal(profit.rstrip("%")), profit_is_percent=profit.endswith("%"),
        weight_g=int(answers["weight_g"]),
        dims_cm=tuple(Decimal(str(v)) for v in dims) if dims else None,
        marketplace=answers["marketplace"], gst_percent=gst_percent, gst_slab=slab,
        enrolment_id=bool(answers.get("@enrolment_id")),
        product_category=answers.get("@category"), local_zonal=answers.get("zone") == "local")
    result = quote(inp)
    quote_text = render_quote(result, answers, slab_jump(inp, result))
    product_id = answers.get("@product")
    rows = []
    if product_id is not None and await products.exists(turn, product_id):
        marketplace = answers["marketplace"]
        kept = await quotes.keep(turn, product_id, result.selling_price, result.mrp,
                                 marketplace)
        # The MRP is in the quote above: the button only has room for the price.
        label = (_("✅ Use as export price") if all_rules()[marketplace].export_only
                 else _("✅ Use {price}").format(price=format_money(result.selling_price)))
        rows.append([Button(label, UsePrice(kept).pack())])
        rows.append([Button(_("◀ Back to product"), ProductAction(product_id, "open").pack())])
    else:
        rows.append([menu_button()])
    # One message: the quote, and its buttons under it.
    turn.say(quote_text + "\n\n" + _("Prices change with marketplace fees; check the fee in "
                                      "your seller panel before you list."), buttons=rows)


def _deductions(result, answers: Answers) -> list[str]:
    """One line per fee, tax or shipping the marketplace keeps (product GST comes later)."""
    lines = []
    for line in result.lines:
        if line.key == "product_gst":
            continue
        if line.key == "tcs" and result.no_tcs_reason == "enrolment_id":
            lines.append("− " + _("TCS: none on a GST enrolment ID"))
            continue
        if line.key == "tcs" and result.no_tcs_reason == "exempt":
            lines.append("− " + _("TCS: none on GST-free goods"))
            continue
        label = _(LINE_LABELS.get(line.key, line.key))
        if line.key in RATE_KEYS:
            rate = getattr(fee_table(answers["marketplace"]), line.key).value
            label = label.format(percent=f"{rate:g}%")
        text = f"− {label}: {format_money(line.amount)}"
        if line.key in FEE_KEYS:
            text += " " + _("(as of {date})").format(date=format_day(line.as_of))
        lines.append(text)
    return lines


def render_quote(result, answers: Answers, jump: SlabJump | None = None) -> str:
    name = _(all_rules()[answers["marketplace"]].label)  # the name in the seller's language
    lines = [_("💰 {marketplace}: the price to ask").format(marketplace=name), "",
             _("Selling price: {price}").format(price=format_money(result.selling_price)),
             _("MRP to print: {mrp} (inclusive of all taxes)").format(
                 mrp=format_money(result.mrp)), "",
             _("For one piece sold at {price}:").format(price=format_money(result.selling_price))]
    lines += _deductions(result, answers)
    lines.append(_("= Marketplace pays you: {amount}").format(amount=format_money(result.payout)))
    gst_line = next((line for line in result.lines if line.key == "product_gst"), None)
    if result.no_gst_reason == "enrolment_id":
        lines.append("− " + _("Product GST: none. With an enrolment ID you are not registered, "
                              "so you may not charge GST (CGST Act section 32)."))
    elif gst_line is not None:
        lines.append(f"− {_(LINE_LABELS['product_gst'])} ({result.gst_percent:g}%): "
                     f"{format_money(gst_line.amount)}")
    lines.append(_("− Cost and packing: {amount}").format(amount=format_money(
        Decimal(answers["cost"]) + Decimal(answers["packing"]))))
    lines.append(_("= Your profit: {amount}").format(amount=format_money(result.profit)))
    spent = Decimal(answers["cost"]) + Decimal(answers["packing"])
    if spent > 0:
        # The % sign goes in the value: "{percent}% of" would read as a %-format to Babel.
        lines.append(_("That is {percent} of your cost of making and packing ({spent}).")
                     .format(percent=format_number(round(result.profit * 100 / spent, 1)) + "%",
                             spent=format_money(spent)))
    keys = {line.key for line in result.lines}
    if "gst_on_fees" in keys:
        lines.append(_("ℹ️ With a GSTIN, the GST on fees can be claimed back as input tax "
                       "credit."))
    if keys & {"tcs", "tds"}:
        lines.append(_("ℹ️ TCS and TDS are not lost: they are credited to your GST and "
                       "income tax accounts, and count against tax you owe or are refunded."))
    lines.append("")
    if result.volumetric_divisor is not None:
        # 5000 and 4000 both occur: say which one this quote used (fees.toml, per marketplace).
        lines.append(_("Shipping weight: {grams} g (the higher of the real weight and L × W "
                       "× H ÷ {divisor}, {marketplace}'s divisor). Fees as of {date}.").format(
            grams=format_number(result.chargeable_weight_g),
            divisor=f"{result.volumetric_divisor:g}", marketplace=name,
            date=format_day(result.as_of)))
    else:
        lines.append(_("Shipping weight: {grams} g. Fees as of {date}.").format(
            grams=format_number(result.chargeable_weight_g), date=format_day(result.as_of)))
    if result.categories_only:
        lines.append(_("ℹ️ This commission holds only in the categories the marketplace "
                       "lists: check yours in the seller panel."))
    if result.confidence == "U":
        lines.append(_("⚠️ Some fees here are estimates: confirm them in your seller panel."))
    for band in result.expired_promotions:
        lines.append(_("⚠️ The promotional fee ({percent}%) up to {limit} ran until {date}, "
                       "so I used the regular fee. If your seller panel still shows it, you "
                       "can ask less.").format(percent=f"{band.value:g}",
                                               limit=format_money(band.up_to),
                                               date=format_day(band.promotion_ends)))
    if result.line("tds"):
        table = fee_table(answers["marketplace"])
        lines.append(_("TDS is not deducted if you sell as an individual, have given your PAN "
                       "or Aadhaar, and sell under {limit} a year on this marketplace.").format(
            limit=format_money(table.tds_exemption.value)))
    if jump is not None:
        lines += ["", _("⚠️ Above {limit} the GST on this product jumps from {low}% to "
                        "{high}%. Prices from {start} to {end} leave you less than {limit} "
                        "does. To keep {low}% GST, sell at {limit} or less (your profit there: "
                        "{profit}).").format(
            limit=format_money(jump.limit), low=f"{jump.low_percent:g}",
            high=f"{jump.high_percent:g}", start=format_money(jump.limit + 1),
            end=format_money(jump.band_end), profit=format_money(jump.profit_at_limit))]
    return "\n".join(lines)


async def _after_cancel(turn: Turn) -> None:
    await menu.show(turn)


FORM = Form(FORM_KEY, N_("Price calculator"), FIELDS, save=_calculate, confirm=False,
            after_cancel=_after_cancel)


async def start(turn: Turn, product_id: int | None = None) -> None:
    seller = turn.seller
    context: Answers = {"@export": seller.wants_export == "yes"}
    prefill: Answers = {}
    if product_id:
        product = await products.owned(turn, product_id)
        answers = product["answers"]
        context["@product"] = product_id
        if answers.get("weight_g"):
            prefill["weight_g"] = answers["weight_g"]
        if answers.get("size_dims"):
            prefill["size_dims"] = answers["size_dims"]
        category = categories.category(answers.get("category") or "")
        if category is not None:
            context["@category"] = category.key  # picks a fee schedule (Amazon apparel)
        if category is not None and category.price_dependent:
            # The rate follows the price the calculator finds, not the one typed earlier.
            prefill["gst"] = SLAB
        elif category is not None:
            prefill["gst"] = f"{category.gst_percent:g}"
    gst_row = (await steps.statuses(turn)).get("gst")
    gst_data = (gst_row.data if gst_row else None) or {}
    context["@enrolment_id"] = bool(gst_data.get("eid")) and not gst_data.get("gstin")
    await forms.start(turn, FORM_KEY, context={**context, **prefill},
                      prefix=_("Let us work out the price. I need a few numbers."))


def export_price(rupees: Decimal) -> dict[str, str]:
    """The export price in dollars with the rate it was worked out at, its date and source
    (shown as such: a rate is not today's rate)."""
    rate = exchange.rate("USD")
    return {"usd": str(rate.convert(rupees)), "inr": str(rupees),
            "rate": str(rate.inr_per_unit), "as_of": rate.as_of, "source": rate.source,
            "confidence": rate.confidence}


async def apply(turn: Turn, data: UsePrice) -> None:
    kept = await quotes.find(turn, data.quote)
    if kept is None:
        turn.notice = _("This button no longer works.")
        return
    product = await products.owned(turn, kept["product_id"])
    marketplace = kept.get("marketplace")
    if marketplace in all_rules() and all_rules()[marketplace].export_only:
        # Its own field: the domestic price, MRP and GST stay as they were (issue 24 §4).
        export = export_price(Decimal(kept["price"]))
        answers = {**product["answers"], "export_price": export}
        turn.say(_("Export price saved: US$ {usd} (₹{inr} at ₹{rate} per dollar, rate of "
                   "{date}; {source}). Your price in India stays {price}.").format(
            usd=export["usd"], inr=export["inr"], rate=export["rate"],
            date=format_day(export["as_of"]),
            source=export["source"], price=format_money(Decimal(
                product["answers"].get("price") or 0))))
    else:
        answers = {**product["answers"], "price": kept["price"], "mrp": kept["mrp"]}
    await products.set_prices(turn, kept["product_id"], answers)
    turn.notice = _("Saved ✓")
    await listing.show(turn, kept["product_id"])
