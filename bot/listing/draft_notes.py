"""What a draft's problems mean, in the seller's language: one line per issue code
(``ISSUE_TEXT``), a short status with the one thing to do next, the whole note, and the
English reason written into the spreadsheet."""

from __future__ import annotations

from bot.i18n import N_, _
from bot.listing import readiness
from bot.listing.drafts import ADVICE, GAP, Draft, Issue

ISSUE_TEXT = {
    "no_title": N_("There is no title yet: give the product a name."),
    "devanagari": N_("The title still has Hindi letters; marketplaces need English."),
    "title_long": N_("The title has {length} characters; under {limit} works better in "
                     "search."),
    "promo_removed": N_("Words like “{phrase}” are not allowed in titles, so I left them "
                        "out."),
    "all_caps": N_("Avoid words in ALL CAPITALS in the name."),
    "repeated_words": N_("These words repeat too often in the title: {words}."),
    "feature_contact_or_emoji": N_("A key feature has a phone number, web address or emoji; "
                                   "marketplaces remove those."),
    "gap_name": N_("Product name: “{text}”. The title uses the category name instead."),
    "gap_materials": N_("Material: “{text}”"),
    "gap_colours": N_("Colour: “{text}”"),
    "gap_features": N_("Key feature {number}: “{text}”"),
    "gap_care": N_("Care {number}: “{text}”"),
    "missing_attribute": N_("A required detail is empty: {attribute}."),
    "few_photos": N_("Photos: {count}. At least {minimum} are needed."),
    "photo_small": N_("The main photo is smaller than {minimum} pixels."),
    "photo_zoom": N_("The main photo is under {recommended} pixels: buyers cannot zoom."),
    "main_not_white": N_("The main photo should have a plain white background."),
    "main_too_dark": N_("The main photo is too dark: take it again in daylight."),
    "main_washed_out": N_("The main photo is washed out: take it again out of direct sun."),
    "main_pale_on_white": N_("The product is pale on the white background: use a "
                             "darker cloth behind it."),
    "main_blurry": N_("The main photo is blurred: hold the phone still and take it again."),
    "photos_small": N_("Photos {numbers} are smaller than {minimum} pixels: send them as a "
                       "file."),
    "no_hsn": N_("The HSN code is missing: pick a product category."),
    "confirm_gst": N_("Suggested: HSN {hsn}, GST {percent}%. Confirm it with your "
                      "accountant."),
    # A U code: the code once, and in the same line that it is a guess (drafts.HSN_GUESSES).
    "check_hsn": N_("Suggested: HSN {hsn}, GST {percent}%. This HSN is our best guess, not "
                    "confirmed: check it with your CA or facilitator."),
    "eid_check_hsn": N_("Suggested HSN: {hsn}, our best guess, not confirmed: check it with "
                        "your CA or facilitator. On an enrolment ID you may not charge GST: "
                        "leave the GST rate empty."),
    "eid_no_gst": N_("Suggested HSN: {hsn}. On an enrolment ID you may not charge GST: leave "
                     "the GST rate empty."),
    # Flipkart/Amazon/ONDC may take enrolment IDs under notification 34/2023 (unconfirmed):
    # do not say a GSTIN is the only way (audit 2026-11 §2).
    "no_gstin": N_("This marketplace usually asks for a GSTIN: add it in the GST step "
                   "(/steps). With only an enrolment ID, check in the seller panel whether it "
                   "is accepted."),
    "exempt_no_gstin": N_("Your goods are GST-free, so you can sell here without a GSTIN: "
                          "register with your PAN and choose the GST-exempt tax code."),
    "exempt_unconfirmed": N_("Your goods are GST-free, so the law needs no GSTIN from you. We "
                             "could not confirm whether this marketplace accepts that: ask its "
                             "seller support before you register."),
    "eid_unconfirmed": N_("We could not confirm whether this marketplace accepts a GST "
                          "enrolment ID: try it when you register. If it asks for a GSTIN, "
                          "see the GST step (/steps)."),
    "no_gstin_or_eid": N_("This marketplace needs your GSTIN or GST enrolment ID: add it in "
                          "the GST step (/steps)."),
    "no_brand": N_("No brand: add a business name in your profile to use it as the brand."),
    "needs_gtin": N_("Walmart asks for a GS1 barcode (GTIN) for each product. Handmade items "
                     "can instead ask for a GTIN exemption in Seller Center."),
    "us_tax_form": N_("Walmart asks for a US tax form and your business tax ID: W-8BEN-E "
                      "for a company or firm, W-8BEN for a sole proprietor. Ask your CA "
                      "which fits you."),
    "consumer_care_incomplete": N_("Consumer care needs both a phone and an email: add "
                                   "the missing one in /profile."),
    "no_food_label": N_("Food labels need the veg or non-veg mark and the ingredients: add "
                        "them to the product (✏️ Edit)."),
    "no_nutrition": N_("Add the nutrition information to the product (✏️ Edit), unless your "
                       "product is exempt: ask your facilitator."),
    "no_address": N_("The manufacturer's address is missing."),
    "no_consumer_care": N_("A consumer care phone or email is missing."),
    "manufacture_date": N_("Print the month and year of manufacture on the pack."),
    "no_manufacture_date": N_("ONDC needs the month and year it was made or packed: add it "
                              "to the product (✏️ Made or packed)."),
    "no_fssai": N_("Food needs your 14-digit FSSAI licence or registration number on the pack "
                   "and in the listing: add it to the product. Basic registration is on "
                   "foscos.fssai.gov.in."),
    "no_best_before": N_("Food needs a best-before on the pack and in the listing: add it to "
                         "the product."),
    "no_mrp": N_("The MRP is missing."),
    "package_weight": N_("ONDC seller apps reject a package weight that is not above the "
                         "product's own weight. {grams} g is your packed weight: give it as "
                         "the package weight."),
    "gi_not_claimed": N_("“{gi}” is a GI name: use it only after you register as an "
                         "authorised user."),
    "no_export_price": N_("No export price yet: press “💰 Price”, choose Walmart, and use "
                          "the price as the export price."),
    "export_only": N_("Walmart Marketplace is for export: you need IEC and the export steps."),
}


def _line(issue: Issue) -> str:
    line = "• " + _(ISSUE_TEXT[issue.code]).format(**issue.params)
    if issue.severity == GAP and issue.params.get("words"):
        line += "\n  " + _("(I do not know: {words})").format(words=issue.params["words"])
    return line


def english_reason(issue: Issue) -> str:
    """A problem in English for the upload files (the msgids are English). A gap names
    where it is, not the seller's Hindi line: the file must stay English."""
    if issue.severity == GAP:
        return f"{Draft.gap_label(issue)}: not in English yet"
    return ISSUE_TEXT[issue.code].format(**issue.params)


def _key(issue: Issue) -> tuple:
    return issue.code, tuple(sorted((k, str(v)) for k, v in issue.params.items()))


def explain_gaps(gaps: list[Issue]) -> str:
    """What is missing from the English and what the seller can do, in their language."""
    return "\n".join([
        _("⚠️ These lines are NOT in the English draft, because I could not translate "
          "every word. I did not guess:"),
        *(_line(i) for i in gaps),
        _("To add them: ✏️ Edit the product and tick a ready line from the list (the English "
          "is ready), or type the line in English, or ask your facilitator to write it in "
          "English."),
    ])


def explain(draft: Draft, common: frozenset = frozenset()) -> str:
    """The seller's note for one draft; ``common``: issues already said for all drafts."""
    lines = []
    blocking = [i for i in draft.blocking if _key(i) not in common]
    advice = [i for i in draft.issues if i.severity == ADVICE and _key(i) not in common]
    name = _(draft.rules.label)
    if readiness.status(draft).ready:
        lines.append(_("✅ {marketplace}: nothing blocks this listing.").format(marketplace=name))
    elif draft.blocking:
        lines.append(_("⛔ {marketplace}: fix these before listing:").format(marketplace=name))
        lines += [_line(i) for i in blocking]
        if len(blocking) < len(draft.blocking):
            lines.append(_("• and what is listed above for all marketplaces."))
    elif draft.gaps:
        lines.append(_("⚠️ {marketplace}: not ready: some lines are missing from the English "
                       "draft.").format(marketplace=name))
    if draft.gaps and not common:
        lines += ["", explain_gaps(draft.gaps)]
    if advice:
        lines.append(_("💡 Advice:"))
        lines += [_line(i) for i in advice]
    return "\n".join(lines)


def short_note(draft: Draft, said: dict[str, str] | None = None) -> str:
    """A draft in two lines for the chat: its status and the one thing to do next (the
    first problem that blocks it); the rest is behind "ℹ️ More". ``said``: under "All of
    them", the next steps already said for a marketplace above (step → its name), filled
    as it goes: the same step is not said again, only pointed to."""
    name = _(draft.rules.label)
    if draft.blocking:
        status = _("⛔ {marketplace}: not ready yet.").format(marketplace=name)
        step = _(ISSUE_TEXT[draft.blocking[0].code]).format(**draft.blocking[0].params)
    elif draft.gaps:
        status = _("⚠️ {marketplace}: some lines are not in English yet.").format(
            marketplace=name)
        step = _("✏️ Edit the product and tick a ready line, or type the line in English.")
    else:
        status = _("✅ {marketplace}: nothing blocks this listing.").format(marketplace=name)
        step = _("Copy the English text from the file into the marketplace.")
    if said is not None and step in said:
        step = _("The same as for {marketplace} above.").format(marketplace=said[step])
    elif said is not None:
        said[step] = name
    others = len(draft.issues) - (1 if draft.blocking else 0)
    lines = [status, "➡ " + step]
    if others > 0:
        lines.append(_("ℹ️ More: {count} other points.").format(count=others))
    return "\n".join(lines)
