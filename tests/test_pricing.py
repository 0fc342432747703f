"""Price calculator: hand-checked cases, identities and the smallest-price property.

The hand-checked cases use the fee figures in bot/reference/data/fees.toml at the time of writing
(many are U placeholders); if a figure there changes, redo the arithmetic in the comment.
Rounding: every line is rounded to the paisa, half up, before it is added up.
Shorthand: GST on fees = 18 % of (commission + fixed fee + shipping); product GST at 5 % =
P × 5 / 105 = P / 21; TCS 0.5 % and TDS 0.1 % of taxable = P − product GST.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from bot.i18n import format_day, use_locale
from bot.pricing.calculator import (
    LINE_KEYS,
    PAYOUT_KEYS,
    FeeDataError,
    GstSlab,
    PriceInput,
    PriceInputError,
    desired_profit,
    fee_table,
    fee_tables,
    load_fees,
    mrp_for,
    quote,
    quote_at,
    slab_jump,
    volumetric_weight_g,
)
from bot.pricing.flow import render_quote
from bot.reference import marketplaces


def _input(**kw) -> PriceInput:
    base = dict(cost=D(100), packing=D(10), profit=D(50), profit_is_percent=False,
                weight_g=400, dims_cm=None, marketplace="amazon", gst_percent=D(5),
                on=date(2026, 12, 1))
    base.update(kw)
    return PriceInput(**base)


def _lines(q) -> dict[str, D]:
    return {line.key: line.amount for line in q.lines}


def _check(q, price, lines, payout, net, profit, mrp, chargeable):
    assert q.selling_price == D(price)
    assert _lines(q) == {k: D(v) for k, v in lines.items()}
    assert q.payout == D(payout)
    assert q.net_after_gst == D(net)
    assert q.profit == D(profit)
    assert q.mrp == D(mrp)
    assert q.chargeable_weight_g == chargeable


# -------------------------------------------------------------------- hand-checked cases

# Case 1: terracotta diya on Amazon in Dec 2025, while the 0 % referral promotion below
# ₹1,000 ran (it ended 31 Dec 2025). GST 5 % (6913), 250 g, no box size. Cost 130 +
# packing 20 = 150; wanted profit ₹39.
# At P = 294 (referral "below ₹1,000" 0 % [bo] L; closing fee 251–500 → ₹10; shipping
#   250 g → 1 slab of 500 g → ₹65 [bs25]):
#   commission   = 294 × 0 %                      =   0.00
#   fixed_fee    =                                   10.00
#   shipping     =                                   65.00
#   gst_on_fees  = (0 + 10 + 65) × 18 %           =  13.50
#   product_gst  = 294 / 21                       =  14.00
#   taxable      = 294 − 14.00                    = 280.00
#   tcs          = 280.00 × 0.5 %                 =   1.40
#   tds          = 280.00 × 0.1 %                 =   0.28
#   payout       = 294 − 10 − 65 − 13.50 − 1.40 − 0.28 = 203.82
#   net          = 203.82 − 14.00                 = 189.82
#   profit       = 189.82 − 150                   =  39.82  ≥ 39 ✓
# At P = 293: product_gst 293/21 = 13.952 → 13.95; taxable 279.05; tcs 1.39525 → 1.40;
#   tds 0.27905 → 0.28; payout = 293 − 88.50 − 1.40 − 0.28 = 202.82;
#   net = 202.82 − 13.95 = 188.87; profit = 38.87 < 39, so ₹294 is the smallest.
# MRP: 294 → next number ending in 9 → 299.
def test_case1_diya_on_amazon_zero_referral_band():
    inp = _input(cost=D(130), packing=D(20), profit=D(39), weight_g=250, marketplace="amazon",
                 on=date(2025, 12, 1))
    q = quote(inp)
    _check(q, 294, dict(commission="0.00", fixed_fee="10.00", shipping="65.00",
                        gst_on_fees="13.50", tcs="1.40", tds="0.28", product_gst="14.00"),
           payout="203.82", net="189.82", profit="39.82", mrp=299, chargeable=250)
    assert quote_at(inp, 293).profit == D("38.87")
    assert not q.expired_promotions
    # "below ₹300" (C) ends at ₹299; ₹300–999 is the promotional band (L).
    assert fee_table("amazon").commission[0].up_to == 299
    assert fee_table("amazon").commission[0].provenance.confidence == "C"
    assert fee_table("amazon").commission[1].provenance.confidence == "L"


# Case 2: chikan kurta on Flipkart above the 0 % band. GST 5 % (garment ≤ ₹2,500), 400 g.
# Cost 850 + packing 30 = 880; wanted profit ₹127.
# At P = 1,500 (commission > ₹999 → 15 % U; fixed fee > ₹1,000 → ₹50; shipping 1 slab ₹75):
#   commission   = 1500 × 15 %                    = 225.00
#   fixed_fee    =                                   50.00
#   shipping     =                                   75.00
#   gst_on_fees  = (225 + 50 + 75) × 18 % = 350 × 0.18 = 63.00
#   product_gst  = 1500 / 21 = 71.4286            =  71.43
#   taxable      = 1500 − 71.43                   = 1428.57
#   tcs          = 1428.57 × 0.5 % = 7.14285      =   7.14
#   tds          = 1428.57 × 0.1 % = 1.42857      =   1.43
#   payout       = 1500 − 225 − 50 − 75 − 63 − 7.14 − 1.43 = 1078.43
#   net          = 1078.43 − 71.43                = 1007.00
#   profit       = 1007.00 − 880                  =  127.00  ≥ 127 ✓ (exactly)
# At P = 1,499: commission 224.85; gst_on_fees (224.85 + 125) × 0.18 = 62.973 → 62.97;
#   product_gst 1499/21 = 71.381 → 71.38; taxable 1427.62; tcs 7.1381 → 7.14;
#   tds 1.42762 → 1.43; payout = 1499 − 224.85 − 50 − 75 − 62.97 − 7.14 − 1.43 = 1077.61;
#   net = 1077.61 − 71.38 = 1006.23; profit = 126.23 < 127.
# MRP: 1,500 → next number ending in 99 → 1,599.
def test_case2_kurta_on_flipkart_above_zero_band():
    inp = _input(cost=D(850), packing=D(30), profit=D(127), weight_g=400,
                 marketplace="flipkart")
    q = quote(inp)
    _check(q, 1500, dict(commission="225.00", fixed_fee="50.00", shipping="75.00",
                         gst_on_fees="63.00", tcs="7.14", tds="1.43", product_gst="71.43"),
           payout="1078.43", net="1007.00", profit="127.00", mrp=1599, chargeable=400)
    assert quote_at(inp, 1499).profit == D("126.23")


# Case 3: moonj basket on Meesho (0 % commission, no fixed fee, seller pays shipping).
# GST 5 % (4602), 700 g → 2 slabs → shipping 75 + 35 = 110. Cost 200 + packing 25 = 225;
# wanted profit ₹80.
# At P = 460:
#   commission = 0.00; fixed_fee = 0.00; shipping = 110.00
#   gst_on_fees  = 110 × 18 %                     =  19.80
#   product_gst  = 460 / 21 = 21.9048             =  21.90
#   taxable      = 460 − 21.90                    = 438.10
#   tcs          = 438.10 × 0.5 % = 2.1905        =   2.19
#   tds          = 438.10 × 0.1 % = 0.4381        =   0.44
#   payout       = 460 − 110 − 19.80 − 2.19 − 0.44 = 327.57
#   net          = 327.57 − 21.90                 = 305.67
#   profit       = 305.67 − 225                   =  80.67  ≥ 80 ✓
# At P = 459: product_gst 459/21 = 21.857 → 21.86; taxable 437.14; tcs 2.1857 → 2.19;
#   tds 0.43714 → 0.44; payout = 459 − 110 − 19.80 − 2.19 − 0.44 = 326.57;
#   net = 326.57 − 21.86 = 304.71; profit = 79.71 < 80.
# MRP: 460 → 469.
def test_case3_meesho_basket():
    inp = _input(cost=D(200), packing=D(25), profit=D(80), weight_g=700, marketplace="meesho")
    q = quote(inp)
    _check(q, 460, dict(commission="0.00", fixed_fee="0.00", shipping="110.00",
                        gst_on_fees="19.80", tcs="2.19", tds="0.44", product_gst="21.90"),
           payout="327.57", net="305.67", profit="80.67", mrp=469, chargeable=700)
    assert quote_at(inp, 459).profit == D("79.71")


# Case 4: volumetric weight on ONDC (10 % commission U, no fixed fee, shipping 75 + 35/500 g).
# Both items: cost 300 + packing 30 = 330, wanted profit ₹100, GST 5 %.
# (a) brass bell, heavy and small: 1,200 g in a 10 × 10 × 15 cm box.
#   volumetric   = 10 × 10 × 15 / 4000 = 0.375 kg = 375 g; chargeable = max(1200, 375) = 1200 g
#   slabs = ceil(1200 / 500) = 3 → shipping = 75 + 2 × 35 = 145.00
#   At P = 726:
#   commission   = 726 × 10 %                     =  72.60
#   gst_on_fees  = (72.60 + 145) × 18 % = 39.168  =  39.17
#   product_gst  = 726 / 21 = 34.5714             =  34.57
#   taxable      = 726 − 34.57                    = 691.43
#   tcs          = 691.43 × 0.5 % = 3.45715       =   3.46
#   tds          = 691.43 × 0.1 % = 0.69143       =   0.69
#   payout       = 726 − 72.60 − 145 − 39.17 − 3.46 − 0.69 = 465.08
#   net          = 465.08 − 34.57                 = 430.51
#   profit       = 430.51 − 330                   = 100.51  ≥ 100 ✓
#   At P = 725: commission 72.50; gst_on_fees 217.50 × 0.18 = 39.15; product_gst 725/21 =
#   34.524 → 34.52; taxable 690.48; tcs 3.4524 → 3.45; tds 0.69048 → 0.69;
#   payout = 725 − 72.50 − 145 − 39.15 − 3.45 − 0.69 = 464.21; net = 429.69; profit 99.69.
#   MRP 726 → 729.
# (b) moonj lamp shade, light and bulky: 300 g in a 40 × 30 × 30 cm box. ONDC's divisor is
#   4000 (fees.toml: unsourced, the surface couriers' value [awe], U; issue 18 item 8).
#   volumetric   = 40 × 30 × 30 / 4000 = 9 kg  = 9000 g; chargeable = max(300, 9000) = 9000 g
#   slabs = ceil(9000 / 500) = 18 → shipping = 75 + 17 × 35 = 670.00
#   At P = 1,473:
#   commission   = 1473 × 10 %                    = 147.30
#   gst_on_fees  = (147.30 + 670) × 18 % = 147.114 = 147.11
#   product_gst  = 1473 / 21 = 70.1429            =  70.14
#   taxable      = 1473 − 70.14                   = 1402.86
#   tcs          = 1402.86 × 0.5 % = 7.0143       =   7.01
#   tds          = 1402.86 × 0.1 % = 1.40286      =   1.40
#   payout       = 1473 − 147.30 − 670 − 147.11 − 7.01 − 1.40 = 500.18
#   net          = 500.18 − 70.14                 = 430.04
#   profit       = 430.04 − 330                   = 100.04  ≥ 100 ✓
#   At P = 1,472: commission 147.20; gst_on_fees 817.20 × 0.18 = 147.096 → 147.10;
#   product_gst 1472/21 = 70.095 → 70.10; taxable 1401.90; tcs 7.0095 → 7.01; tds 1.40;
#   payout = 1472 − 147.20 − 670 − 147.10 − 7.01 − 1.40 = 499.29; net = 429.19; profit 99.19.
#   MRP 1,473 → 1,499.
# The light lamp needs ₹747 more than the heavy bell because of its box size.
def test_case4_volumetric_weight_heavy_small_vs_light_bulky():
    bell = _input(cost=D(300), packing=D(30), profit=D(100), weight_g=1200,
                  dims_cm=(D(10), D(10), D(15)), marketplace="ondc")
    q = quote(bell)
    _check(q, 726, dict(commission="72.60", fixed_fee="0.00", shipping="145.00",
                        gst_on_fees="39.17", tcs="3.46", tds="0.69", product_gst="34.57"),
           payout="465.08", net="430.51", profit="100.51", mrp=729, chargeable=1200)
    assert quote_at(bell, 725).profit == D("99.69")

    lamp = _input(cost=D(300), packing=D(30), profit=D(100), weight_g=300,
                  dims_cm=(D(40), D(30), D(30)), marketplace="ondc")
    q = quote(lamp)
    _check(q, 1473, dict(commission="147.30", fixed_fee="0.00", shipping="670.00",
                         gst_on_fees="147.11", tcs="7.01", tds="1.40", product_gst="70.14"),
           payout="500.18", net="430.04", profit="100.04", mrp=1499, chargeable=9000)
    assert quote_at(lamp, 1472).profit == D("99.19")
    assert q.volumetric_divisor == 4000


# Case 5: profit as a percent, wooden box on Amazon (GST 5 %, 4420), 900 g → 2 slabs →
# shipping 65 + 30 = 95 (Easy Ship national from ₹65 [bs25]). Cost 800 + packing 50 = 850;
# profit 30 % of 850 = ₹255.00. The 0 % band below ₹1,000 was a promotion that ended
# 31 Dec 2025, so on the test day (1 Dec 2026) referral is 15 % U at every price.
# Closing ₹60 U above ₹1,000. At P = 1,674:
#   commission   = 1674 × 15 %                    = 251.10
#   fixed_fee    =                                   60.00
#   shipping     =                                   95.00
#   gst_on_fees  = (251.10 + 60 + 95) × 18 % = 406.10 × 0.18 = 73.098 = 73.10
#   product_gst  = 1674 / 21 = 79.714             =  79.71
#   taxable      = 1674 − 79.71                   = 1594.29
#   tcs          = 1594.29 × 0.5 % = 7.97145      =   7.97
#   tds          = 1594.29 × 0.1 % = 1.59429      =   1.59
#   payout       = 1674 − 251.10 − 60 − 95 − 73.10 − 7.97 − 1.59 = 1185.24
#   net          = 1185.24 − 79.71                = 1105.53
#   profit       = 1105.53 − 850                  = 255.53  ≥ 255.00 ✓
# At P = 1,673: commission 250.95; gst_on_fees 405.95 × 0.18 = 73.071 → 73.07;
#   product_gst 1673/21 = 79.667 → 79.67; taxable 1593.33; tcs 7.97; tds 1.59;
#   payout = 1673 − 250.95 − 60 − 95 − 73.07 − 7.97 − 1.59 = 1184.42; net = 1104.75;
#   profit = 254.75 < 255.
# MRP: 1,674 → 1,699.
def test_case5_profit_as_percent():
    inp = _input(cost=D(800), packing=D(50), profit=D(30), profit_is_percent=True,
                 weight_g=900, marketplace="amazon")
    assert desired_profit(inp) == D("255.00")
    q = quote(inp)
    _check(q, 1674, dict(commission="251.10", fixed_fee="60.00", shipping="95.00",
                         gst_on_fees="73.10", tcs="7.97", tds="1.59", product_gst="79.71"),
           payout="1185.24", net="1105.53", profit="255.53", mrp=1699, chargeable=900)
    assert quote_at(inp, 1673).profit == D("254.75")
    assert quote_at(inp, 999).profit < 0


# Case 6: the price lands exactly on a band edge: Flipkart's last 0 % price, ₹999.
# Silk stole, GST 5 %, 450 g (1 slab, ₹75), fixed fee 501–1,000 → ₹25.
# Cost 600 + packing 27.50 = 627.50; wanted profit ₹200.
# At P = 999:
#   commission   = 999 × 0 %                      =   0.00
#   gst_on_fees  = (0 + 25 + 75) × 18 %           =  18.00
#   product_gst  = 999 / 21 = 47.5714             =  47.57
#   taxable      = 999 − 47.57                    = 951.43
#   tcs          = 951.43 × 0.5 % = 4.75715       =   4.76
#   tds          = 951.43 × 0.1 % = 0.95143       =   0.95
#   payout       = 999 − 25 − 75 − 18 − 4.76 − 0.95 = 875.29
#   net          = 875.29 − 47.57                 = 827.72
#   profit       = 827.72 − 627.50                = 200.22  ≥ 200 ✓
# At P = 998: product_gst 998/21 = 47.524 → 47.52; taxable 950.48; tcs 4.7524 → 4.75;
#   tds 0.95048 → 0.95; payout = 998 − 118 − 4.75 − 0.95 = 874.30; net = 826.78;
#   profit = 199.28 < 200.
# One rupee more, P = 1,000, falls in the 15 % band: commission 150; gst_on_fees
#   (150 + 25 + 75) × 0.18 = 45; product_gst 47.62; taxable 952.38; tcs 4.76; tds 0.95;
#   payout = 1000 − 150 − 25 − 75 − 45 − 4.76 − 0.95 = 699.29; net = 651.67; profit = 24.17.
# So asking for ₹201 (not reachable at ₹999) jumps well past the edge. At P = 1,269
#   (15 %, fixed ₹50): commission 190.35; gst_on_fees (190.35 + 50 + 75) × 0.18 = 56.763
#   → 56.76; product_gst 1269/21 = 60.4286 → 60.43; taxable 1208.57; tcs 6.04285 → 6.04;
#   tds 1.20857 → 1.21; payout = 1269 − 190.35 − 50 − 75 − 56.76 − 6.04 − 1.21 = 889.64;
#   net = 889.64 − 60.43 = 829.21; profit = 201.71 ≥ 201 ✓.
#   At P = 1,268: commission 190.20; gst_on_fees 315.20 × 0.18 = 56.736 → 56.74;
#   product_gst 60.38; taxable 1207.62; tcs 6.04; tds 1.21;
#   payout = 1268 − 190.20 − 50 − 75 − 56.74 − 6.04 − 1.21 = 888.81; net = 828.43;
#   profit = 200.93 < 201.
def test_case6_price_exactly_on_band_edge():
    inp = _input(cost=D(600), packing=D("27.50"), profit=D(200), weight_g=450,
                 marketplace="flipkart")
    q = quote(inp)
    _check(q, 999, dict(commission="0.00", fixed_fee="25.00", shipping="75.00",
                        gst_on_fees="18.00", tcs="4.76", tds="0.95", product_gst="47.57"),
           payout="875.29", net="827.72", profit="200.22", mrp=999, chargeable=450)
    assert quote_at(inp, 998).profit == D("199.28")
    assert quote_at(inp, 1000).profit == D("24.17")

    more = _input(cost=D(600), packing=D("27.50"), profit=D(201), weight_g=450,
                  marketplace="flipkart")
    q = quote(more)
    _check(q, 1269, dict(commission="190.35", fixed_fee="50.00", shipping="75.00",
                         gst_on_fees="56.76", tcs="6.04", tds="1.21", product_gst="60.43"),
           payout="889.64", net="829.21", profit="201.71", mrp=1299, chargeable=450)
    assert quote_at(more, 1268).profit == D("200.93")


# Case 7: Walmart (export, placeholders): no product GST (zero-rated under LUT), no TCS/TDS,
# no GST on fees. Cost 1000 + packing 100 = 1100; profit ₹500; 800 g → 2 slabs →
# shipping 1500 + 600 = 2100; commission 15 %.
#   profit(P) = P − 0.15 P − 2100 − 1100 ≥ 500  →  P ≥ 3700 / 0.85 = 4352.94 → 4353
#   At P = 4,353: commission = 652.95; payout = 4353 − 652.95 − 2100 = 1600.05;
#   profit = 1600.05 − 1100 = 500.05 ✓.  At 4,352: 4352 − 652.80 − 2100 − 1100 = 499.20.
#   MRP 4,353 → 4,399.
def test_case7_walmart_export_has_no_indian_taxes():
    inp = _input(cost=D(1000), packing=D(100), profit=D(500), weight_g=800,
                 marketplace="walmart", gst_percent=D(5))
    q = quote(inp)
    _check(q, 4353, dict(commission="652.95", fixed_fee="0.00", shipping="2100.00",
                         gst_on_fees="0.00", tcs="0.00", tds="0.00", product_gst="0.00"),
           payout="1600.05", net="1600.05", profit="500.05", mrp=4399, chargeable=800)
    assert quote_at(inp, 4352).profit == D("499.20")


# ----------------------------------------------------------------------------- properties

PROPERTY_INPUTS = [
    _input(marketplace=m, cost=D(c), packing=D(p), profit=D(pr), profit_is_percent=pct,
           weight_g=w, dims_cm=dims, gst_percent=D(g))
    for m in ("flipkart", "amazon", "meesho", "ondc", "walmart")
    for (c, p, pr, pct, w, dims, g) in [
        ("49.50", 5, 10, False, 120, None, 0),
        (150, 20, 40, False, 250, None, 5),
        (420, 25, 35, True, 600, (D(20), D(15), D(10)), 5),
        (700, 40, 250, False, 480, None, 18),
        (1200, 80, 25, True, 2500, (D(60), D(40), D(5)), 3),
        (3000, 150, 1000, False, 5000, (D(120), D(90), D(2)), 5),
    ]
]


@pytest.mark.parametrize("inp", PROPERTY_INPUTS, ids=lambda i: f"{i.marketplace}-{i.cost}")
def test_identities_and_smallest_price(inp):
    q = quote(inp)
    target = desired_profit(inp)
    lines = _lines(q)
    assert tuple(lines) == LINE_KEYS
    assert q.payout == q.selling_price - sum(lines[k] for k in PAYOUT_KEYS)
    assert q.net_after_gst == q.payout - lines["product_gst"]
    assert q.profit == q.net_after_gst - inp.cost - inp.packing
    assert all(v >= 0 for v in lines.values())
    assert q.selling_price == q.selling_price.to_integral_value() and q.selling_price > 0
    assert q.mrp >= q.selling_price
    assert q.profit >= target
    assert quote_at(inp, q.selling_price - 1).profit < target
    assert q.confidence in ("C", "L", "U")
    assert q.as_of == fee_table(inp.marketplace).as_of


@pytest.mark.parametrize("inp", PROPERTY_INPUTS[::3], ids=lambda i: f"{i.marketplace}-{i.cost}")
def test_no_cheaper_price_anywhere_below(inp):
    """Band edges make profit jump down; check every cheaper price, not just price − 1."""
    q = quote(inp)
    target = desired_profit(inp)
    assert all(quote_at(inp, p).profit < target for p in range(1, int(q.selling_price)))


def test_confidence_is_weakest_figure_used():
    # Shipping amounts are U placeholders everywhere, so every quote is U today.
    assert quote(_input()).confidence == "U"


def test_mrp_price_points():
    assert mrp_for(D(455)) == D(459)
    assert mrp_for(D(459)) == D(459)
    assert mrp_for(D(460)) == D(469)
    assert mrp_for(D(5)) == D(9)
    assert mrp_for(D(995)) == D(999)
    assert mrp_for(D(999)) == D(999)
    assert mrp_for(D(1000)) == D(1099)
    assert mrp_for(D(1187)) == D(1199)
    assert mrp_for(D(1199)) == D(1199)
    assert mrp_for(D(12345)) == D(12399)


def test_volumetric_weight():
    assert volumetric_weight_g((D(40), D(30), D(30)), D(5000)) == 7200
    assert volumetric_weight_g((D(10), D(10), D(15)), D(5000)) == 300
    assert volumetric_weight_g((D(7), D(7), D(7)), D(5000)) == 69   # 68.6 g rounds up
    assert fee_table("amazon").volumetric_divisor.value == 5000
    assert fee_table("amazon").volumetric_divisor.provenance.confidence == "L"  # [amzfba]


def test_volumetric_divisor_per_marketplace_with_its_source() -> None:
    """Issue 18 item 8 (audit-2026-12 S1): 5000 and 4000 both occur; each marketplace's
    divisor comes from its own row with a source, and the quote names the one it used."""
    expected = {"flipkart": (5000, "fkpr", "L"), "amazon": (5000, "amzfba", "L"),
                "meesho": (4000, "awe", "U"), "ondc": (4000, "awe", "U"),
                "walmart": (5000, "fdxin", "U")}
    for key, (divisor, source, confidence) in expected.items():
        figure = fee_table(key).volumetric_divisor
        assert figure.value == divisor, key
        assert source in figure.provenance.source and figure.provenance.as_of
        assert figure.provenance.confidence == confidence
    box = (D(40), D(30), D(30))  # 36,000 cm³: 7,200 g at ÷ 5000, 9,000 g at ÷ 4000
    inp = _input(cost=D(300), packing=D(30), profit=D(100), weight_g=300, dims_cm=box,
                 marketplace="meesho")
    answers = {"marketplace": "meesho", "cost": "300", "packing": "30"}
    with use_locale("en"):
        text = render_quote(quote(inp), answers)
    assert "Shipping weight: 9,000 g" in text and "÷ 4000, Meesho's divisor" in text
    flipkart = quote(_input(cost=D(300), packing=D(30), profit=D(100), weight_g=300,
                            dims_cm=box, marketplace="flipkart"))
    assert flipkart.chargeable_weight_g == 7200 and flipkart.volumetric_divisor == 5000


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("change, field", [
    (dict(cost=D(-1)), "cost"),
    (dict(cost=D(0)), "cost"),
    (dict(cost=12.5), "cost"),                 # float: money must be Decimal
    (dict(cost=D("NaN")), "cost"),
    (dict(packing=D(-5)), "packing"),
    (dict(profit=D(-10)), "profit"),
    (dict(weight_g=0), "weight_g"),
    (dict(weight_g=-200), "weight_g"),
    (dict(weight_g=2.5), "weight_g"),
    (dict(dims_cm=(D(10), D(0), D(5))), "dims_cm"),
    (dict(dims_cm=(D(10), D(5))), "dims_cm"),
    (dict(marketplace="etsy"), "marketplace"),
    (dict(gst_percent=D(-5)), "gst_percent"),
    (dict(gst_percent=D(50)), "gst_percent"),
    (dict(profit_is_percent="yes"), "profit_is_percent"),
])
def test_nonsense_is_refused_naming_the_field(change, field):
    with pytest.raises(PriceInputError) as err:
        quote(_input(**change))
    assert err.value.field == field
    assert str(err.value).startswith(f"{field}:")
    assert isinstance(err.value, ValueError)


# ---------------------------------------------------------------------------- fee data


def test_fee_tables_cover_every_marketplace_with_provenance():
    tables = fee_tables()
    assert list(tables) == list(marketplaces.all_rules())
    for key, table in tables.items():
        figures = [b.provenance for b in table.commission + table.fixed_fee] + [
            table.shipping.provenance, table.gst_on_fees.provenance, table.tcs.provenance,
            table.tds.provenance, table.product_gst_provenance,
            table.volumetric_divisor.provenance]
        for prov in figures:
            assert prov.source and prov.as_of and prov.confidence in ("C", "L", "U"), key
            # A placeholder is never passed off as confirmed.
            if "placeholder" in prov.source or "none in facts.md" in prov.source:
                assert prov.confidence == "U", (key, prov)
        assert table.commission[-1].up_to is None and table.fixed_fee[-1].up_to is None


def test_fee_figures_from_facts_md():
    common = fee_table("amazon")
    assert common.tcs.value == D("0.5") and common.tcs.provenance.source == "tg24"
    assert common.tcs.provenance.confidence == "C"
    assert common.tds.value == D("0.1") and common.tds.provenance.source == "tmi"
    assert common.gst_on_fees.value == 18
    zero_bands = {
        "amazon": [(299, "ist", "C"), (999, "mobi; rek26", "L")],
        "flipkart": [(999, "jag25; wb25; fe26", "C")],
        "meesho": [(None, "wee", "L")],
    }
    for key, expected in zero_bands.items():
        got = [(b.up_to, b.provenance.source, b.provenance.confidence)
               for b in fee_table(key).commission if b.value == 0]
        assert got == expected, key
    assert fee_table("walmart").product_gst_applies is False


def _fees_text() -> str:
    from bot.pricing.calculator import FEES_TOML
    return FEES_TOML.read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, message", [
    ("up_to = 299\n", "", "[amazon.commission][0]: up_to must be a whole number"),
    ("up_to = 999\npercent = 0\ncategories_only", "up_to = 200\npercent = 0\ncategories_only",
     "[amazon.commission][1]: up_to must be above 299, got 200"),
    ('percent = 0.5\nsource = "tg24"', 'percent = "0.5"\nsource = "tg24"',
     "[common.tcs]: percent must be a number"),
    ('as_of = "2025-04-07"\nconfidence = "C"', 'as_of = "2025-04-07"\nconfidence = "sure"',
     "[amazon.commission][0]: confidence must be one of C/L/U"),
    ("slab_g = 500\nfirst = 65", "slab_g = 0\nfirst = 65", "[amazon.shipping]: slab_g"),
    ("categories_only = true", 'categories_only = true\npromotion_ends = "soon"',
     "promotion_ends must be a date"),
    ("categories_only = true", 'categories_only = "yes"', "categories_only must be true"),
    ("free_up_to_g = 500", "free_up_to_g = 0", "free_up_to_g must be a positive"),
    ('products = ["kurta"', 'products = ["kurta", "kurta"', "already in"),
    ("percent = 15\n", "percent = 15\nup_to = 5000\n", "the last band must have no up_to"),
])
def test_fee_loader_rejects_malformed_file(tmp_path, old, new, message):
    text = _fees_text()
    assert old in text
    bad = tmp_path / "fees.toml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FeeDataError) as err:
        load_fees(bad)
    assert message in str(err.value)


# ----------------------------------------------------------- GST slab, TCS (audit 2026-11)

SLAB = GstSlab(D(18), D(2625))


def test_slab_rate_is_chosen_on_the_taxable_value():
    """₹2,625 = ₹2,500 + 5 % keeps 5 %; ₹2,626 is taxed at 18 % (the old code, testing the
    GST-inclusive price, gave 18 % from ₹2,501)."""
    inp = _input(cost=D(1500), gst_slab=SLAB, marketplace="meesho")
    assert quote_at(inp, 2501).gst_percent == 5
    assert quote_at(inp, 2625).gst_percent == 5
    assert quote_at(inp, 2626).gst_percent == 18
    assert quote_at(inp, 2626).line("product_gst") == D("400.58")  # 2626 × 18 / 118


def test_slab_price_search_skips_the_jump_band_and_warns():
    base = _input(cost=D(1800), packing=D(30), weight_g=400, gst_slab=SLAB,
                  marketplace="meesho")
    at_limit = quote_at(base, 2625).profit
    # A profit reachable at ₹2,625 or below is priced there, with no warning.
    below = _input(**{**base.__dict__, "profit": at_limit})
    q = quote(below)
    assert q.selling_price <= 2625 and slab_jump(below, q) is None
    # A profit just above it must jump past the whole band that pays less.
    above = _input(**{**base.__dict__, "profit": at_limit + 1})
    q = quote(above)
    jump = slab_jump(above, q)
    assert jump is not None and jump.limit == 2625
    assert all(quote_at(above, p).profit < at_limit for p in range(2626, int(jump.band_end) + 1))
    assert quote_at(above, jump.band_end + 1).profit >= at_limit
    assert 2900 < jump.band_end < 3100  # about ₹2,950 (₹2,500 × 1.18) plus fees
    assert q.selling_price > jump.band_end
    assert all(quote_at(above, p).profit < above.profit for p in range(1, int(q.selling_price)))


def test_no_tcs_for_an_enrolment_id_seller():
    """Notification 37/2023: no TCS on supplies by enrolment-ID sellers (the old calculator
    charged everyone 0.5 %)."""
    with_gstin = quote_at(_input(marketplace="meesho"), 460)
    with_eid = quote_at(_input(marketplace="meesho", tcs_applies=False), 460)
    assert with_gstin.line("tcs") == D("2.19") and with_eid.line("tcs") == 0
    assert with_eid.payout == with_gstin.payout + D("2.19")


def test_tds_exemption_threshold_is_recorded():
    table = fee_table("amazon")
    assert table.tds_exemption.value == 500000
    assert "194-O" in table.tds_exemption.provenance.source


def test_a_date_every_fee_shares_is_said_once() -> None:
    """Issue 19: "(as of November 2026)" beside each of three fees, and "Fees as of 14
    November 2025" (the table's date) under them, read as repetition and a contradiction.
    When the fees shown share one date it is said once, under the figures; when they do
    not, each fee keeps its own."""
    inp = _input(cost=D(600), packing=D(40), profit=D(200), weight_g=1200,
                 marketplace="flipkart")
    q = quote(inp)
    dates = {line.as_of for line in q.lines if line.key in ("commission", "fixed_fee",
                                                            "shipping")}
    assert len(dates) == 1  # Flipkart's fee rows, as the data file has them
    with use_locale("hi"):
        text = render_quote(q, {"marketplace": "flipkart", "cost": "600", "packing": "40"})
        shared = format_day(dates.pop())
    assert text.count(shared) == 1 and f"फ़ीस {shared}" in text
    assert text.count("के हिसाब से") <= 1 and "2025" not in text
    meesho = quote(_input(marketplace="meesho", on=date(2026, 3, 1)))
    assert len({line.as_of for line in meesho.lines
                if line.key in ("commission", "fixed_fee", "shipping")}) > 1
    with use_locale("en"):
        text = render_quote(meesho, {"marketplace": "meesho", "cost": "100", "packing": "10"})
    assert text.count("(as of ") == 3


def test_every_fee_line_carries_its_as_of_date():
    q = quote_at(_input(marketplace="amazon", on=date(2025, 12, 1)), 300)
    assert {line.key: line.as_of for line in q.lines}["commission"] == \
        fee_table("amazon").commission[1].provenance.as_of
    assert all(line.as_of for line in q.lines)



# ------------------------------------------------------------- fees with dates (audit §3)

def test_expired_promotion_is_not_used_silently(tmp_path, monkeypatch):
    """A promotional band past its end date is left out, and the quote says which one (the
    mechanism stays for future promotions; today's data has none)."""
    from bot.pricing import calculator
    text = _fees_text().replace("categories_only = true", "promotion_ends = 2025-12-31", 1)
    path = tmp_path / "fees.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(calculator, "_default_tables", lambda: load_fees(path))
    during = quote_at(_input(marketplace="amazon", on=date(2025, 12, 31)), 500)
    after = quote_at(_input(marketplace="amazon", on=date(2026, 1, 1)), 500)
    assert during.line("commission") == 0 and not during.expired_promotions
    assert after.line("commission") == D("75.00")  # 15 % (U) of ₹500
    assert [b.promotion_ends for b in after.expired_promotions] == [date(2025, 12, 31)]
    below_300 = quote_at(_input(marketplace="amazon", on=date(2026, 1, 1)), 299)
    assert below_300.line("commission") == 0  # the permanent 0 % below ₹300 stays
    assert not below_300.expired_promotions  # and the promotion did not matter there


# ---------------------------------------------------------------- issue 18: money items 1-3

# Item 1: attar (18 %) on Meesho by a seller on a GST enrolment ID, in Dec 2026. Cost 150 +
# packing 20 = 170; profit 25 % = 42.50; 100 g → 1 slab → shipping ₹75 [wee]; commission and
# fixed fee 0. An unregistered seller may not collect GST (CGST s.32): product GST 0, and no
# TCS (37/2023). So taxable = P and:
#   gst_on_fees  = 75 × 18 %                       = 13.50
#   tds          = P × 0.1 %
#   profit(P)    = P − 75 − 13.50 − 0.001 P − 170 ≥ 42.50  →  0.999 P ≥ 301  →  P ≥ 301.30
# At P = 302: tds 0.302 → 0.30; payout = 302 − 75 − 13.50 − 0.30 = 213.20;
#   profit = 213.20 − 170 = 43.20 ≥ 42.50 ✓.
# At P = 301: tds 0.30; payout 212.20; profit 42.20 < 42.50. So ₹302 (the old calculator,
#   deducting 18 % GST = 302 × 18/118, asked ₹356). MRP 302 → 309.
def test_item1_enrolment_id_seller_charges_no_gst():
    attar = _input(cost=D(150), packing=D(20), profit=D(25), profit_is_percent=True,
                   weight_g=100, marketplace="meesho", gst_percent=D(18), enrolment_id=True,
                   on=date(2026, 12, 7))
    q = quote(attar)
    _check(q, 302, dict(commission="0.00", fixed_fee="0.00", shipping="75.00",
                        gst_on_fees="13.50", tcs="0.00", tds="0.30", product_gst="0.00"),
           payout="213.20", net="213.20", profit="43.20", mrp=309, chargeable=100)
    assert quote_at(attar, 301).profit == D("42.20")
    assert (q.no_gst_reason, q.no_tcs_reason, q.gst_percent) == ("enrolment_id",
                                                                 "enrolment_id", 0)
    # The old calculator: no TCS, but 18 % GST deducted → ₹356 (audit 2026-12 §3 case 3).
    old = quote(_input(**{**attar.__dict__, "enrolment_id": False, "tcs_applies": False}))
    assert old.selling_price == 356


# Item 2: wooden handicraft (5 %, 4420) on Amazon in Dec 2026, GSTIN, 400 g. Cost 400 +
# packing 30 = 430; profit ₹100 → net after GST must reach 530. Referral 0 % from ₹300 to
# ₹999, permanent since 16 Mar 2026 [mobi][rek26]; closing fee ₹30 (501–1,000, U); Easy Ship
# ₹65 (1 slab).
# At P = 679:
#   commission   = 0                               =  0.00
#   gst_on_fees  = (30 + 65) × 18 %                = 17.10
#   product_gst  = 679 / 21 = 32.333               = 32.33
#   taxable      = 679 − 32.33                     = 646.67
#   tcs          = 646.67 × 0.5 % = 3.23335        =  3.23
#   tds          = 646.67 × 0.1 % = 0.64667        =  0.65
#   payout       = 679 − 30 − 65 − 17.10 − 3.23 − 0.65 = 563.02
#   net          = 563.02 − 32.33                  = 530.69; profit = 100.69 ✓
# At P = 678: product_gst 32.29; taxable 645.71; tcs 3.23; tds 0.65; payout 562.02;
#   net 529.73; profit 99.73 < 100. MRP 679 → 679.
# With the old 15 % "expired promotion" the same item was quoted at ₹835.
def test_item2_amazon_zero_referral_below_1000_is_permanent():
    box = _input(cost=D(400), packing=D(30), profit=D(100), weight_g=400, marketplace="amazon",
                 product_category="wooden_handicraft", on=date(2026, 12, 7))
    q = quote(box)
    _check(q, 679, dict(commission="0.00", fixed_fee="30.00", shipping="65.00",
                        gst_on_fees="17.10", tcs="3.23", tds="0.65", product_gst="32.33"),
           payout="563.02", net="530.69", profit="100.69", mrp=679, chargeable=400)
    assert quote_at(box, 678).profit == D("99.73")
    assert q.categories_only and not q.expired_promotions
    band = fee_table("amazon").commission[1]
    assert (band.up_to, band.value, band.promotion_ends, band.provenance.as_of) == (
        999, 0, None, "2026-03-16")


# Item 3: glass bangles (nil-rated, 7018) on Flipkart, GSTIN, 300 g, national. Cost 100 +
# packing 20 = 120; profit ₹50. TCS is on taxable supplies only (s.52): none here.
# Commission 0 (below ₹1,000); fixed fee ₹15 (≤ ₹500, U); shipping ₹75 (1 slab, U).
#   gst_on_fees = (15 + 75) × 18 % = 16.20; product GST 0; tds = P × 0.1 %
#   profit(P) = P − 15 − 75 − 16.20 − 0.001 P − 120 ≥ 50  →  0.999 P ≥ 276.20  →  P ≥ 276.48
# At P = 277: tds 0.277 → 0.28; payout = 277 − 106.20 − 0.28 = 170.52; profit 50.52 ✓.
# At P = 276: tds 0.28; payout 169.52; profit 49.52 < 50. MRP 277 → 279.
# (With 0.5 % TCS, as before: ₹278.)
def test_item3_no_tcs_on_a_gst_free_sale():
    bangles = _input(cost=D(100), packing=D(20), profit=D(50), weight_g=300,
                     marketplace="flipkart", gst_percent=D(0), on=date(2026, 12, 7))
    q = quote(bangles)
    _check(q, 277, dict(commission="0.00", fixed_fee="15.00", shipping="75.00",
                        gst_on_fees="16.20", tcs="0.00", tds="0.28", product_gst="0.00"),
           payout="170.52", net="170.52", profit="50.52", mrp=279, chargeable=300)
    assert quote_at(bangles, 276).profit == D("49.52")
    assert q.no_tcs_reason == "exempt"
    # A 5 % item at the same price still has TCS.
    assert quote_at(_input(marketplace="flipkart", gst_percent=D(5)), 277).line("tcs") > 0


def test_gst_rules_carry_their_sources():
    from bot.reference import gst
    assert gst.enrolment_id()["collects_gst"] is False
    assert "s32" in gst.enrolment_id().provenance.source
    assert gst.tcs_exempt_goods()["applies"] is False
    assert "s.52" in gst.tcs_exempt_goods().provenance.source
    assert gst.charges_gst("09ABCDE1234F1Z5", None)
    assert not gst.charges_gst(None, "EID123")


def test_amazon_apparel_has_its_own_schedule():
    kurta = _input(marketplace="amazon", product_category="kurta")
    assert quote_at(kurta, 1200).line("commission") == D("228.00")  # 19 % above ₹1,000
    assert quote_at(kurta, 800).line("commission") == D("88.00")  # 11 %
    assert quote_at(kurta, 400).line("commission") == D("18.00")  # 4.5 %
    assert quote_at(_input(marketplace="amazon"), 1200).line("commission") == D("180.00")


def test_walmart_decor_and_jewellery_rates():
    assert quote_at(_input(marketplace="walmart"), 5000).line("commission") == D("750.00")
    ring = _input(marketplace="walmart", product_category="silver_jewellery")
    assert quote_at(ring, 5000).line("commission") == D("1000.00")
    assert fee_table("walmart").commission[0].provenance.confidence == "C"


def test_flipkart_local_and_zonal_shipping_free_up_to_500_g():
    light = _input(marketplace="flipkart", weight_g=450)
    assert quote_at(light, 1500).line("shipping") == D("75.00")  # national
    local = quote_at(_input(marketplace="flipkart", weight_g=450, local_zonal=True), 1500)
    assert local.line("shipping") == 0
    assert {line.key: line.as_of for line in local.lines}["shipping"] == "2025-11"
    heavy = _input(marketplace="flipkart", weight_g=600, local_zonal=True)
    assert quote_at(heavy, 1500).line("shipping") > 0


def test_fees_the_audit_filled_in():
    amazon = fee_table("amazon")
    assert (amazon.shipping.first, amazon.shipping.provenance.as_of) == (65, "2025-04-07")
    assert amazon.gst_on_fees.provenance.confidence == "C"
    assert fee_table("meesho").shipping.first == 75  # within ₹45–90 per order [wee]


def test_tax_lines_name_their_rate_and_the_income_tax_section() -> None:
    """Issue 18 item 12 (audit-2026-12 C2, C3): the TDS line names s.393 of the Income-tax
    Act 2025 beside the old 194-O, and each rate comes from the marketplace's fee row
    (Walmart's are 0)."""
    inp = _input(cost=D(600), packing=D(40), profit=D(200), weight_g=800,
                 marketplace="flipkart")
    answers = {"marketplace": "flipkart", "cost": "600", "packing": "40"}
    with use_locale("en"):
        text = render_quote(quote(inp), answers)
        walmart = render_quote(quote(_input(cost=D(600), packing=D(40), profit=D(200),
                                            weight_g=800, marketplace="walmart")),
                               {"marketplace": "walmart", "cost": "600", "packing": "40"})
    assert "− TDS (0.1%, Income-tax s.393, ex-194-O): " in text
    assert "− TCS (0.5%): " in text and "− GST on fees (18%): " in text
    assert "− GST on fees (0%): " in walmart and "(18%)" not in walmart
