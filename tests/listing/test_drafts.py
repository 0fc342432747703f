"""Draft generation: every marketplace rule fires when broken and stays quiet when kept."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from bot.listing.drafts import SellerFacts, build, fit_words
from bot.pricing.flow import export_price
from bot.reference.marketplaces import all_rules

GOOD_PHOTO = {"file_id": "a", "file_unique_id": "ua", "width": 2400, "height": 2400,
              "problems": []}
SELLER = SellerFacts(name="Sunita Devi", business_name="Sunita Glass Works",
                     district_code="firozabad", address="12 Gandhi Road, Firozabad 283203",
                     phone="+919876543210", email="s@example.com", gstin="09AAACH7409R1ZZ",
                     enrolment_id=None)
ANSWERS = {"category": "glass_art_ware", "name": "कांच का फूलदान", "materials": "कांच",
           "colours": "नीला", "size_dims": [20.0, 20.0, 30.0], "weight_g": 900,
           "price": "850", "mrp": "999", "stock": 10, "packed": "2026-10", "handmade": "yes",
           "gi": "no", "features": ["हाथ से बना"]}
KEYS = list(all_rules())


def codes(answers=None, photos=None, seller=SELLER, marketplace="amazon") -> set[str]:
    draft = build(ANSWERS | (answers or {}), [GOOD_PHOTO] * 4 if photos is None else photos,
                  seller, marketplace)
    return {issue.code for issue in draft.issues}


@pytest.mark.parametrize("marketplace", KEYS)
def test_clean_product_has_no_blocking_issue(marketplace) -> None:
    draft = build(ANSWERS | {"export_price": export_price(Decimal("850"))}, [GOOD_PHOTO] * 4,
                  SELLER, marketplace)
    blocking = {i.code for i in draft.blocking}
    assert not blocking, blocking
    assert draft.title and not re.search(r"[\u0900-\u097F]", draft.title + draft.description)
    assert len(draft.title) <= draft.rules.title_max
    assert "Blue Glass Vase" in draft.title or "Glass Vase" in draft.title


@pytest.mark.parametrize("marketplace", KEYS)
def test_title_fits_limit_without_cutting_words(marketplace) -> None:
    long_name = " ".join(f"Handmade{i} brass{i} decorative{i} lamp{i}" for i in range(12))
    draft = build(ANSWERS | {"name": long_name}, [GOOD_PHOTO] * 4, SELLER, marketplace)
    limit = draft.rules.title_max
    assert len(draft.title) <= limit
    assert draft.title.split()[-1] in long_name.title().split()


def test_title_says_no_word_twice_and_no_box_dimensions() -> None:
    """Issue 24 §1: name, material and colour repeat one another; the title does not."""
    for marketplace in KEYS:
        draft = build(ANSWERS | {"name": "glass vase glass bowl glass lamp",
                                 "colours": "Blue and glass blue"}, [GOOD_PHOTO] * 4, SELLER,
                      marketplace)
        words = [w.lower() for w in draft.title.split()[3:]]  # after the brand
        assert len(words) == len(set(words)), draft.title
        assert "repeated_words" not in {i.code for i in draft.issues}
        assert "cm" not in draft.title.split() and "20 x 20" not in draft.title


def test_fit_words() -> None:
    assert fit_words(["Brass", "Diya Set"], 9) == "Brass"
    assert fit_words(["Brass", "Diya Set"], 10) == "Brass Diya"
    assert fit_words(["Brass", "Diya Set"], 100) == "Brass Diya Set"


def test_forbidden_characters_and_promo_words_are_removed() -> None:
    draft = build(ANSWERS | {"name": "Best seller glass vase!!! free shipping {sale}"},
                  [GOOD_PHOTO] * 4, SELLER, "amazon")
    for bad in ("!", "{", "}", "free shipping", "Best seller"):
        assert bad.lower() not in draft.title.lower()
    assert "Offering" in build(ANSWERS | {"name": "Puja offering bowl"}, [GOOD_PHOTO] * 4,
                               SELLER, "amazon").title
    found = codes({"name": "Best seller glass vase"})
    assert "promo_removed" in found
    assert "promo_removed" not in codes()


RULES = [
    # (code, answers that break it, photos, seller, marketplace)
    ("title_long", {"name": " ".join(f"glass{i} flower{i} vase{i}" for i in range(8))}, None,
     SELLER, "amazon"),
    ("all_caps", {"name": "GLASS VASE"}, None, SELLER, "amazon"),
    ("feature_contact_or_emoji", {"features": ["call 9876543210"]}, None, SELLER, "amazon"),
    ("gap_name", {"name": "झिलमिल फूलदान"}, None, SELLER, "amazon"),
    ("gap_features", {"features": ["फिरोजाबाद के कारीगर द्वारा मुंह से फूंककर बनाया गया"]},
     None, SELLER, "amazon"),
    ("gap_care", {"care": ["गिलास में गर्म पानी न डालें"]}, None, SELLER, "amazon"),
    ("gap_colours", {"colours": "झिलमिल"}, None, SELLER, "amazon"),
    ("missing_attribute", {"category": ""}, None, SELLER, "amazon"),
    ("few_photos", {}, [GOOD_PHOTO], SELLER, "walmart"),
    ("photo_small", {}, [{**GOOD_PHOTO, "width": 400, "height": 400}] * 4, SELLER, "amazon"),
    ("photo_zoom", {}, [{**GOOD_PHOTO, "width": 800, "height": 800}] * 4, SELLER, "amazon"),
    ("main_not_white", {}, [{**GOOD_PHOTO, "problems": ["background_not_white"]}] * 4, SELLER,
     "amazon"),
    ("no_hsn", {"category": ""}, None, SELLER, "amazon"),
    ("no_gstin", {}, None, SellerFacts(**{**SELLER.__dict__, "gstin": None}), "flipkart"),
    ("no_gstin_or_eid", {}, None, SellerFacts(**{**SELLER.__dict__, "gstin": None}), "meesho"),
    ("no_brand", {}, None, SellerFacts(**{**SELLER.__dict__, "business_name": None}), "amazon"),
    ("no_address", {}, None, SellerFacts(**{**SELLER.__dict__, "address": None}), "amazon"),
    ("no_consumer_care", {}, None,
     SellerFacts(**{**SELLER.__dict__, "phone": None, "email": None}), "amazon"),
    ("no_mrp", {"mrp": None}, None, SELLER, "amazon"),
    ("gi_not_claimed", {"gi": "no"}, None, SELLER, "amazon"),
]


@pytest.mark.parametrize("code, broken, photos, seller, marketplace", RULES,
                         ids=[r[0] for r in RULES])
def test_rule_fires_and_stays_quiet(code, broken, photos, seller, marketplace) -> None:
    assert code in codes(broken, photos, seller, marketplace)
    fixed = dict(ANSWERS)
    if code == "gi_not_claimed":
        fixed["gi"] = "yes"
    assert code not in codes(fixed if code == "gi_not_claimed" else None, None, SELLER,
                             marketplace)


def test_enrolment_id_blocks_nowhere_it_is_accepted_or_unknown() -> None:
    """Issue 18 item 5: a GST identity blocks only where the marketplace's rule is sourced.
    Meesho accepts enrolment IDs [fyM] C; Flipkart, Amazon and ONDC: not found (U), so
    the seller is told to check, not stopped."""
    eid_seller = SellerFacts(**{**SELLER.__dict__, "gstin": None, "enrolment_id": "ABCDE12345"})
    assert "no_gstin_or_eid" not in codes(seller=eid_seller, marketplace="meesho")
    assert "eid_unconfirmed" not in codes(seller=eid_seller, marketplace="meesho")
    for marketplace in ("flipkart", "amazon", "ondc"):
        found = codes(seller=eid_seller, marketplace=marketplace)
        assert "eid_unconfirmed" in found and "no_gstin" not in found, marketplace
    nothing = SellerFacts(**{**SELLER.__dict__, "gstin": None})
    for marketplace in ("flipkart", "amazon", "ondc"):  # taxable goods, no GST identity at all
        assert "no_gstin" in {i.code for i in build(ANSWERS, [GOOD_PHOTO] * 4, nothing,
                                                    marketplace).blocking}


BANGLES = ANSWERS | {"category": "glass_bangles", "name": "कांच की चूड़ियां", "price": "250",
                     "mrp": "299", "pieces": 12}


def test_exempt_goods_are_not_blocked_for_a_missing_gstin() -> None:
    """Issue 18 item 5: glass bangles (nil-rated, 7018) from Firozabad. Amazon.in lets
    sellers of only exempt goods list with a PAN and the exempt tax code [amzsc]; Flipkart,
    ONDC and Meesho: no source either way, so advice that says so."""
    nothing = SellerFacts(**{**SELLER.__dict__, "gstin": None})
    amazon = build(BANGLES, [GOOD_PHOTO] * 4, nothing, "amazon")
    assert amazon.attributes["GST %"] == "0"
    assert not amazon.blocking
    assert "exempt_no_gstin" in {i.code for i in amazon.issues}
    for marketplace in ("flipkart", "ondc", "meesho"):
        draft = build(BANGLES, [GOOD_PHOTO] * 4, nothing, marketplace)
        assert not {"no_gstin", "no_gstin_or_eid"} & {i.code for i in draft.blocking}
        assert "exempt_unconfirmed" in {i.code for i in draft.issues}, marketplace
    rules = all_rules()
    assert rules["amazon"].exempt_goods_without_gstin
    assert "amzsc" in rules["amazon"].provenance("exempt_goods_without_gstin").source
    for key in ("flipkart", "ondc", "meesho"):
        assert rules[key].confidence_of("exempt_goods_without_gstin") == "U"


def test_enrolment_id_seller_drafts_carry_no_gst_rate() -> None:
    """Issue 18 item 1: no GST % in the draft or the spreadsheet for an enrolment ID, one
    advice line saying why; the HSN stays."""
    from bot.listing import export

    eid_seller = SellerFacts(**{**SELLER.__dict__, "gstin": None, "enrolment_id": "EID1"})
    meesho = build(ANSWERS, [GOOD_PHOTO] * 4, eid_seller, "meesho")
    assert meesho.attributes["GST %"] == "" and meesho.attributes["HSN"]
    codes_ = {i.code for i in meesho.issues}
    assert "eid_no_gst" in codes_ and "confirm_gst" not in codes_
    assert "GST %: 5" not in meesho.text()
    header = export.header(export.mandatory_columns(meesho))
    assert export.row(meesho, "HAAT-1")[header.index("GST %")] in ("", None)
    registered = build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "meesho")
    assert registered.attributes["GST %"] == "5"


def test_walmart_needs_gtin_and_export() -> None:
    found = codes(marketplace="walmart")
    assert {"needs_gtin", "export_only"} <= found
    # Walmart exempts handmade items from GTINs: advice, never blocking.
    walmart = build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "walmart")
    assert "needs_gtin" not in {i.code for i in walmart.blocking}
    assert "GTIN exemption" in walmart.text()
    assert "needs_gtin" not in codes(marketplace="amazon")


def test_gi_name_only_when_registered() -> None:
    claimed = build(ANSWERS | {"gi": "yes"}, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert "Firozabad Glass" in claimed.description
    unclaimed = build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert "Firozabad Glass" not in unclaimed.description + unclaimed.title


def test_gst_depends_on_price_for_garments() -> None:
    """The ₹2,500 rule tests the value before GST: ₹2,600 is ₹2,476 + 5 %, so 5 %."""
    kurta = ANSWERS | {"category": "chikankari_kurta", "price": "2400", "mrp": "2500"}

    def rate(price: str) -> str:
        return build(kurta | {"price": price, "mrp": "2999"}, [GOOD_PHOTO] * 4, SELLER,
                     "amazon").attributes["GST %"]

    assert [rate(p) for p in ("2400", "2600", "2625", "2626", "2700")] == \
        ["5", "5", "5", "18", "18"]


def test_ondc_item_fields() -> None:
    draft = build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "ondc")
    item = draft.ondc
    assert item["price"] == {"currency": "INR", "value": "850", "maximum_value": "999"}
    reqs = item["@ondc/org/statutory_reqs_packaged_commodities"]
    assert reqs["manufacturer_or_packer_name"] == "Sunita Glass Works"
    assert reqs["imported_product_country_of_origin"] == "IND"
    assert {"@ondc/org/returnable", "@ondc/org/cancellable", "@ondc/org/time_to_ship"} <= set(item)
    assert "ONDC CATALOGUE ITEM" in draft.text()


def test_names_and_addresses_are_not_translated() -> None:
    seller = SellerFacts(**{**SELLER.__dict__, "business_name": "Peetal Ghar",
                            "address": "१२ पीतल बस्ती, मुरादाबाद २४४००१"})
    draft = build(ANSWERS | {"care": "wipe with a dry cloth"}, [GOOD_PHOTO] * 4, seller,
                  "flipkart")
    assert draft.attributes["Brand"] == "Peetal Ghar"
    address = draft.attributes["Manufacturer address"]
    assert not re.search(r"[\u0900-\u097F]", address) and "Brass" not in address
    assert "Care: Wipe with a dry cloth" in draft.bullets  # the ready-made line


def test_district_names_in_addresses_use_their_english_name() -> None:
    seller = SellerFacts(**{**SELLER.__dict__, "address": "१२ पीतल बस्ती, मुरादाबाद २४४००१"})
    address = build(ANSWERS, [GOOD_PHOTO] * 4, seller, "amazon").attributes[
        "Manufacturer address"]
    assert "Moradabad" in address and "Muradabad" not in address


# ------------------------------------------- food, pack dates, unit price (audit 2026-11)

HING = ANSWERS | {"category": "hing", "name": "Hathras hing", "materials": "", "colours": "",
                  "size_dims": None, "weight_g": 50, "price": "180", "mrp": "199"}


@pytest.mark.parametrize("marketplace", ["amazon", "flipkart", "meesho", "ondc"])
def test_food_without_fssai_or_best_before_is_blocked(marketplace) -> None:
    draft = build(HING, [GOOD_PHOTO] * 4, SELLER, marketplace)
    assert {"no_fssai", "no_best_before"} <= {i.code for i in draft.blocking}
    if marketplace != "ondc":  # the ONDC item shows "-" in its FSSAI field
        assert "MISSING (required for food)" in draft.text()
    ready = build(HING | {"fssai": "12345678901234", "best_before": "12m"}, [GOOD_PHOTO] * 4,
                  SELLER, marketplace)
    assert not {"no_fssai", "no_best_before"} & {i.code for i in ready.issues}
    if marketplace != "ondc":
        assert "FSSAI Lic. No.: 12345678901234" in ready.text()
        assert "Best before 12 months from packing" in ready.text()


def test_non_food_never_asks_for_fssai() -> None:
    draft = build(ANSWERS | {"fssai": "12345678901234"}, [GOOD_PHOTO] * 4, SELLER, "ondc")
    assert not {"no_fssai", "no_best_before"} & {i.code for i in draft.issues}
    assert "FSSAI" not in draft.text()
    assert "@ondc/org/statutory_reqs_prepackaged_food" not in draft.ondc


def test_ondc_food_adds_the_prepackaged_food_block() -> None:
    """Both blocks: ONDC's grocery rules need the packaged-commodities fields for every
    grocery item and the prepackaged-food ones for processed food."""
    item = build(HING | {"fssai": "12345678901234", "best_before": "12m"}, [GOOD_PHOTO] * 4,
                 SELLER, "ondc").ondc
    assert item["@ondc/org/statutory_reqs_prepackaged_food"]["brand_owner_FSSAI_license_no"] \
        == "12345678901234"
    packaged = item["@ondc/org/statutory_reqs_packaged_commodities"]
    assert packaged["month_year_of_manufacture_packing_import"] == "10/2026"


def test_month_of_packing_blocks_ondc_only() -> None:
    undated = ANSWERS | {"packed": None}
    assert "no_manufacture_date" in {i.code for i in build(
        undated, [GOOD_PHOTO] * 4, SELLER, "ondc").blocking}
    amazon = build(undated, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert "manufacture_date" in {i.code for i in amazon.issues} and not amazon.blocking
    dated = build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert "Month and year of manufacture: 10/2026" in dated.text()
    assert not {"manufacture_date", "no_manufacture_date"} & {i.code for i in dated.issues}


def test_unit_sale_price_for_goods_sold_by_weight_or_volume() -> None:
    attar = build(ANSWERS | {"category": "attar", "volume_ml": 10.0, "size_dims": None,
                             "mrp": "299"}, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert "Unit sale price: Rs. 29.90 per ml" in attar.text()
    rice = build(HING | {"category": "rice", "weight_g": 5000, "mrp": "450"}, [GOOD_PHOTO] * 4,
                 SELLER, "amazon")
    assert rice.attributes["Unit sale price"] == "Rs. 90.00 per kg"
    hing = build(HING, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert hing.attributes["Unit sale price"] == "Rs. 3.98 per g"
    vase = build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "amazon")  # one piece: its MRP is enough
    assert vase.attributes["Unit sale price"] == "" and "Unit sale price" not in vase.text()


def test_unit_sale_price_for_goods_sold_by_length_or_number() -> None:
    """Issue 18 item 6, LM(PC) Rules r.6(11) [wts22]: fabric per m from 1 m, per cm below;
    a set by number, per piece, and its net quantity is the count, never "1 set"."""
    fabric = ANSWERS | {"category": "handloom_fabric", "size_dims": None, "mrp": "1000"}
    # 1000 / 2.5 = 400.00 per m
    assert build(fabric | {"fabric_length": 2.5}, [GOOD_PHOTO] * 4, SELLER, "amazon"
                 ).attributes["Unit sale price"] == "Rs. 400.00 per m"
    # below 1 m: 1000 / 80 cm = 12.50 per cm
    assert build(fabric | {"fabric_length": 0.8}, [GOOD_PHOTO] * 4, SELLER, "amazon"
                 ).attributes["Unit sale price"] == "Rs. 12.50 per cm"
    # exactly 1 m: the MRP is the unit sale price, none needed
    assert build(fabric | {"fabric_length": 1.0}, [GOOD_PHOTO] * 4, SELLER, "amazon"
                 ).attributes["Unit sale price"] == ""
    # 12 bangles at MRP 299: 299 / 12 = 24.9166... -> 24.92 per piece
    bangles = build(BANGLES, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert bangles.attributes["Net quantity"] == "12 N (12 pieces)"
    assert bangles.attributes["Unit sale price"] == "Rs. 24.92 per piece"
    counted = build(BANGLES | {"pieces": None}, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert counted.attributes["Net quantity"] == ""
    assert "1 set" not in counted.text()
    assert {"code": "missing_attribute", "attribute": "Net quantity"} in [
        {"code": i.code, **i.params} for i in counted.blocking]


def test_dimensions_declared_for_textiles_and_carpets() -> None:
    durrie = build(ANSWERS | {"category": "durrie", "size_dims": [150.0, 90.0, 1.0]},
                   [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert "- Dimensions: 150 x 90 x 1 cm" in durrie.text()
    assert "- Dimensions:" not in build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "amazon").text()


# -------------------------------------------------------- marketplace rule values (audit §2)

EID_SELLER = SellerFacts(**{**SELLER.__dict__, "gstin": None, "enrolment_id": "EID09ABCDE1234"})


def test_meesho_hsn_is_optional_without_a_gstin() -> None:
    no_category = {"category": ""}
    assert "no_hsn" in {i.code for i in build(ANSWERS | no_category, [GOOD_PHOTO] * 4, SELLER,
                                              "meesho").blocking}
    eid = build(ANSWERS | no_category, [GOOD_PHOTO] * 4, EID_SELLER, "meesho")
    assert "no_hsn" not in {i.code for i in eid.issues}
    assert eid.attributes["GSTIN or enrolment ID"] == "EID09ABCDE1234"


def test_ondc_rule_values_from_mystore() -> None:
    rules = all_rules()["ondc"]
    assert (rules.min_images, rules.image_min_px, rules.title_max) == (3, 640, 150)
    assert rules.confidence_of("min_images") == "L"
    two = build(ANSWERS, [GOOD_PHOTO] * 2, SELLER, "ondc")
    assert "few_photos" in {i.code for i in two.issues}
    small = {**GOOD_PHOTO, "width": 600, "height": 600}
    assert "photo_small" in {i.code for i in build(ANSWERS, [small] * 3, SELLER, "ondc").blocking}
    assert "package_weight" in {i.code for i in build(ANSWERS, [GOOD_PHOTO] * 3, SELLER,
                                                      "ondc").issues}


def test_spreadsheet_gstin_column_reads_gstin_or_enrolment_id() -> None:
    from bot.listing import export

    meesho = build(ANSWERS, [GOOD_PHOTO] * 4, EID_SELLER, "meesho")
    header = export.header(export.mandatory_columns(meesho))
    assert "GSTIN or enrolment ID *" in header and "GSTIN *" not in header
    assert "HSN *" not in header  # optional without a GSTIN
    assert "HSN *" in export.header(export.mandatory_columns(
        build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "meesho")))
    assert export.row(meesho, "HAAT-1")[header.index("GSTIN or enrolment ID *")] == \
        "EID09ABCDE1234"


def test_ondc_sheet_names_columns_as_the_ondc_seller_app_schema() -> None:
    from bot.listing import export

    ondc = build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "ondc")
    header = export.header(export.mandatory_columns(ondc), "ondc")
    for name in ("productCode", "productName *", "HSNCode *", "GST_Percentage", "MRP *",
                 "purchasePrice *", "quantity *", "countryOfOrigin *",
                 "manufacturerOrPackerName *", "manufacturerOrPackerAddress *",
                 "commonOrGenericNameOfCommodity *", "monthYearOfManufacturePackingImport *",
                 "brandOwnerFSSAILicenseNo", "longDescription", "images"):
        assert name in header, name
    row = export.row(ondc, "HAAT-7")
    assert row[header.index("productCode")] == "HAAT-7"
    assert row[header.index("HSNCode *")] == "70200090"
    assert row[header.index("monthYearOfManufacturePackingImport *")] == "10/2026"
    # Other sheets keep plain English names.
    assert "Title *" in export.header(export.mandatory_columns(
        build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "amazon")), "amazon")


def test_walmart_shows_dollars_and_inches_beside_rupees_and_cm() -> None:
    """Issue 24 §4: the export price is its own field, with its rate, date and source; the
    Walmart sheet has Walmart's columns and none of the Indian-only ones."""
    from bot.listing import export
    from bot.reference import exchange

    rate = exchange.rate("USD")
    unset = build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "walmart")
    assert "no_export_price" in {i.code for i in unset.blocking}
    assert "Price (USD): " not in unset.text()  # never the India price passed off
    draft = build(ANSWERS | {"export_price": export_price(Decimal("2000"))}, [GOOD_PHOTO] * 4,
                  SELLER, "walmart")
    text = draft.text()
    usd = (Decimal("2000") / rate.inr_per_unit).quantize(Decimal("0.01"))
    assert f"Price (USD): {usd}" in text
    assert f"Exchange rate: Rs. {rate.inr_per_unit} per USD as of {rate.as_of}" in text
    assert "Size (inches): 7.9 x 7.9 x 11.8 in" in text and "Size: 20 x 20 x 30 cm" in text
    assert "Weight (lb): 1.98 lb" in text and "Weight (g): 900" in text
    assert "USD" not in build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "amazon").text()
    assert draft.attributes["Selling price (INR)"] == "850"  # the domestic price stays
    header = export.header(export.mandatory_columns(draft), "walmart")
    assert {"Price (USD) *", "GTIN/UPC or exemption *", "Shipping weight (lb) *",
            "Length (in)"} <= set(header)
    assert not {h for h in header if "MRP" in h or "HSN" in h or "GST" in h
                or "Net quantity" in h}
    row = export.row(draft, "HAAT-1")
    assert row[header.index("Price (USD) *")] == str(usd)


def test_a_garment_without_its_apparel_attributes_is_blocked() -> None:
    # A kurta described before size variants: one size, no gender/sleeve/neck/pattern.
    kurta = ANSWERS | {"category": "chikankari_kurta", "garment_size": "M", "size_dims": None}
    draft = build(kurta, [GOOD_PHOTO] * 4, SELLER, "amazon")
    empty = {i.params["attribute"] for i in draft.blocking if i.code == "missing_attribute"}
    assert empty == {"Gender", "Sleeve", "Neck", "Pattern", "Stock per size",
                     "Size chart (inches)"}
    assert "Size M" in draft.title
    assert "missing_attribute" not in codes()  # a vase has no apparel attributes


# A kurta in three sizes (also pinned cell by cell in test_export_content).
KURTA = ANSWERS | {"category": "chikankari_kurta", "size_dims": None,
                   "garment_size": ["S", "M", "free"],
                   "size_stock": {"S": 5, "M": 10, "free": 2},
                   "size_chart": {"S": [36, 27], "M": [38, 28], "free": [44, 30]},
                   "gender": "Women", "sleeve": "Full sleeve", "neck": "Round neck",
                   "pattern": "Embroidered"}


def test_a_garment_in_several_sizes_is_one_row_per_size_under_a_parent() -> None:
    import csv
    import io

    from bot.listing import export

    draft = build(KURTA, [GOOD_PHOTO] * 4, SELLER, "flipkart")
    assert draft.attributes["Stock"] == "17"
    lines = list(csv.DictReader(io.StringIO(export.csv_file([("HAAT-7", draft)]).decode(
        "utf-8-sig"))))
    assert [(r["Seller SKU"], r["Parent SKU"], r["Size"], r["Stock *"]) for r in lines] == [
        ("HAAT-7-S", "HAAT-7", "S", "5"), ("HAAT-7-M", "HAAT-7", "M", "10"),
        ("HAAT-7-FreeSize", "HAAT-7", "Free Size", "2")]
    vase = build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "flipkart")
    assert len(export.rows(vase, "HAAT-8")) == 1 and export.rows(vase, "HAAT-8")[0][1] == ""


def test_walmart_asks_for_the_us_tax_form_and_tax_id() -> None:
    """Issue 18 item 12 (audit-2026-11 #17; facts.md §6 [WMtax] C): W-8BEN-E for a company
    or firm, W-8BEN for a sole proprietor, and the business tax ID."""
    draft = build(ANSWERS, [GOOD_PHOTO] * 4, SELLER, "walmart")
    assert "us_tax_form" in {i.code for i in draft.issues if i.severity == "advice"}
    assert "W-8BEN-E (company or firm) or W-8BEN (sole proprietor)" in draft.text()
    rules = all_rules()["walmart"]
    assert rules.confidence_of("required_attributes", "us_tax_form") == "C"
    assert "WMtax" in rules.provenance("required_attributes").source
    assert "us_tax_form" not in {i.code for i in build(ANSWERS, [GOOD_PHOTO] * 4, SELLER,
                                                        "amazon").issues}


def test_full_food_label_and_ondc_nutrition() -> None:
    """Issue 18 item 7 (audit-2026-12 L2-L4, C1): veg mark and ingredients block a food
    draft; ONDC's nutritional_info is filled, never sent empty (blocking there, advice
    elsewhere); consumer care needs a phone and an e-mail; ONDC's is "name,email,phone"."""
    ready = HING | {"fssai": "12345678901234", "best_before": "12m"}
    codes_of = lambda d: {i.code for i in d.blocking}  # noqa: E731
    ondc = build(ready, [GOOD_PHOTO] * 4, SELLER, "ondc")
    assert {"no_food_label", "no_nutrition"} <= codes_of(ondc)
    amazon = build(ready, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert "no_nutrition" not in codes_of(amazon) and "no_nutrition" in {
        i.code for i in amazon.issues}
    full = ready | {"veg": "veg", "ingredients": "asafoetida, wheat flour",
                    "nutrition": "Energy 300 kcal per 100 g"}
    ondc = build(full, [GOOD_PHOTO] * 4, SELLER, "ondc")
    assert not {"no_food_label", "no_nutrition"} & codes_of(ondc)
    food_block = ondc.ondc["@ondc/org/statutory_reqs_prepackaged_food"]
    assert food_block["nutritional_info"] == "Energy 300 kcal per 100 g"
    assert ondc.ondc["@ondc/org/contact_details_consumer_care"] == (
        "Sunita Glass Works,s@example.com,+919876543210")
    text = build(full, [GOOD_PHOTO] * 4, SELLER, "amazon").text()
    assert "- Veg / non-veg mark: Vegetarian" in text
    assert "- Ingredients: asafoetida, wheat flour" in text
    no_email = SellerFacts(**{**SELLER.__dict__, "email": None})
    assert "consumer_care_incomplete" in codes_of(build(ANSWERS, [GOOD_PHOTO] * 4, no_email,
                                                        "amazon"))
