"""Words for the checklist's codes (``checklists.py``): group titles, each item's title, why
and how, the marks, what a label lacks, and the buttons an item offers."""

from __future__ import annotations

from bot.checklists import checklists
from bot.checklists.checklists import DONE, NOT_NEEDED
from bot.i18n import N_

GROUP_TITLE = {
    checklists.PACK: N_("Packing"),
    checklists.LABEL: N_("Labels and papers"),
    checklists.SHIP: N_("Shipping and claims"),
    checklists.EXPORT_GROUP: N_("Export"),
    checklists.BRAND: N_("Your brand"),
}

# code -> (title, why, how). Titles are button labels: short.
ITEM_TEXT: dict[str, tuple[str, str, str]] = {
    "wrap_each": (
        N_("Wrap each piece"),
        N_("Pieces that touch each other break in transit."),
        N_("• Wrap every piece on its own in bubble wrap or 2–3 layers of paper.\n"
           "• Fill hollow parts (a vase's inside) with crumpled paper.\n"
           "• Bubble wrap and kraft paper: packaging shops or online.")),
    "box_in_box": (
        N_("Box inside a box"),
        N_("A second box with padding takes the knocks that break glass and clay."),
        N_("• Inner box: the item fits snugly and does not move when shaken.\n"
           "• Outer box: about {box_margin} cm bigger, with {box_padding} cm of padding on every "
           "side.\n"
           "• Use a 5-ply corrugated outer box; 3-ply is too weak for glass.\n"
           "• Padding: honeycomb paper, moulded pulp or crumpled kraft paper.")),
    "drop_test": (
        N_("Drop test"),
        N_("Marketplaces expect a parcel to survive a {drop_height} ft (about 1 m) drop."),
        N_("• Pack one parcel as you would ship it.\n"
           "• Drop it from about {drop_height} ft on the base, the top, a long side, a short side "
           "and "
           "a corner.\n"
           "• Open it: nothing may be broken or loose. If it is, add padding and try again.")),
    "fragile_sticker": (
        N_("Fragile sticker"),
        N_("Couriers handle a marked box more carefully, and it helps a damage claim."),
        N_("• Stick FRAGILE / THIS SIDE UP on two sides and the top.\n"
           "• I can make the sticker for you in English and Hindi: press the button below.")),
    "textile_fold": (
        N_("Fold with tissue"),
        N_("Creases, dust and colour stains are the most common textile complaints."),
        N_("• Fold with acid-free tissue paper between the folds.\n"
           "• Put it in a clean poly bag or cloth bag, then in a box or courier bag.\n"
           "• Roll carpets and durries; do not fold them sharply.\n"
           "• Add a wash-care label.")),
    "keep_dry": (
        N_("Keep it dry"),
        N_("Damp causes mould, stains and warped wood on the way."),
        N_("• Add 1–2 silica gel sachets in humid months or for long routes.\n"
           "• Make sure the piece is fully dry before packing.\n"
           "• Keep the packed parcel off the floor.")),
    "leak_proof": (
        N_("Leak-proof bottle"),
        N_("One leaking bottle spoils the parcel and brings a return."),
        N_("• Cap with an inner plug, and a shrink band over the cap.\n"
           "• Wrap each bottle in an absorbent pad, then a zip bag.\n"
           "• Pack upright in a box with partitions.\n"
           "• Mark THIS SIDE UP.")),
    "dangerous_goods": (
        N_("Flammable: DG rules"),
        N_("Alcohol-based perfume is flammable (UN1266, class 3): it may not go by air "
           "without a dangerous-goods declaration."),
        N_("• Ship by surface (road) in India; tell the courier it is perfume.\n"
           "• By air or abroad only with a carrier that accepts dangerous goods, UN "
           "packaging and a safety data sheet (SDS).\n"
           "• Never hide it as something else: it can be fined and seized.")),
    "flash_point": (
        N_("Check the flash point"),
        N_("Oil-based attar may not count as flammable, but carriers ask for proof before "
           "air or export shipping."),
        N_("• Ask your oil supplier for the safety data sheet (SDS).\n"
           "• Flash point above {attar_flash_point} °C: usually not dangerous goods. At or below: "
           "ship it as "
           "flammable (DG).\n"
           "• Keep the SDS with your papers; this is a rule to check with your carrier.")),
    "food_grade": (
        N_("Food-grade packing"),
        N_("Food must be packed so it stays clean and fresh."),
        N_("• Use food-grade containers or pouches, sealed.\n"
           "• Pack in a clean, dry place.\n"
           "• No wrapping film on sweet boxes: it is a banned single-use plastic.")),
    "corner_guards": (
        N_("Corner guards"),
        N_("Corners and edges take the knocks; dents and chips are returned."),
        N_("• Put cardboard or foam corner guards on every corner.\n"
           "• Wrap carved parts and handles separately.\n"
           "• Fill empty space so the piece cannot slide.")),
    "anti_tarnish": (
        N_("Anti-tarnish wrap"),
        N_("Brass and silver darken in damp air before they reach the buyer."),
        N_("• Wrap in anti-tarnish paper or a sealed zip bag.\n"
           "• Do not touch the polished surface with bare hands before packing.")),
    "heavy_box": (
        N_("Heavy or big parcel"),
        N_("Heavy parcels burst open or get dropped; couriers charge by size too."),
        N_("• 5-ply or 7-ply box, taped in an H on top and bottom; strap it if over {strap_over} "
           "kg.\n"
           "• Write the weight on the box.\n"
           "• Ask the courier about their size and weight limits first.")),
    "tamper_proof": (
        N_("Seal valuable parcels"),
        N_("Costly pieces are the ones that go missing or get swapped."),
        N_("• Use tamper-evident tape or security bags.\n"
           "• Write down the serial or take a photo of the piece before sealing.\n"
           "• Check if the marketplace offers open-box delivery or insurance.")),
    "plastic_rules": (
        N_("Plastic rules"),
        N_("Single-use plastics are banned since {sup_ban_date}; a fine can follow."),
        N_("• No thermocol for decoration, no wrapping film on sweet boxes.\n"
           "• Plastic carry bags at least {carry_bag_micron} micron; plastic sheet covers at least "
           "{plastic_sheet_micron} micron.\n"
           "• Better: kraft corrugated boxes, honeycomb paper, moulded pulp, jute or cloth "
           "bags.")),
    "epr": (
        N_("EPR for plastic"),
        N_("Brand owners who use plastic packaging may need EPR registration under the "
           "Plastic Waste Management Rules."),
        N_("• Micro and small brand owners are excluded from EPR obligations (check it "
           "for your case).\n"
           "• If your business grows, register on the CPCB EPR portal (your state board if "
           "you sell in 1–2 states).\n"
           "• Not sure if you count as a brand owner? Ask your facilitator.")),
    "legal_label": (
        N_("Legal label (MRP)"),
        N_("Every retail pack needs these declarations; listings without them are taken "
           "down."),
        N_("• Maker's name and address, product name, net quantity, MRP (incl. of all "
           "taxes), month and year of manufacture, consumer care, country of origin.\n"
           "• I fill the label from your profile and product: press the button below.")),
    "unit_price": (
        N_("Unit sale price"),
        N_("Goods sold by ml, g, length or number must show the price per unit (rule "
           "6(11), since {unit_price_since})."),
        N_("• Examples: ₹300 for 10 ml is ₹30.00 per ml; ₹250 for 500 g is ₹0.50 per g; "
           "₹1,000 for 2.5 m is ₹400.00 per m; ₹240 for 12 bangles is ₹20.00 per piece.\n"
           "• A set says its count (12 N), not “1 set”.\n"
           "• The label I make prints it for you.")),
    "fssai": (
        N_("FSSAI number"),
        N_("Every food seller needs an FSSAI registration or licence; the 14-digit number "
           "goes on the pack."),
        N_("• Turnover up to ₹{fssai_basic_turnover} lakh: basic registration on FoSCoS "
           "(foscos.fssai.gov.in), "
           "Form A, from ₹{fssai_basic_fee} a year.\n"
           "• The number goes on the front of the pack with the FSSAI logo. I ask for the "
           "number and print it on the label; the logo I cannot print: your printer must add "
           "it.")),
    "best_before": (
        N_("Best before"),
        N_("Food labels must say until when it is good to eat."),
        N_("• Decide how long it keeps (for example 15 days, or 6 months).\n"
           "• I print it on the label from the month it was made.")),
    "invoice_slip": (
        N_("Invoice, pack slip"),
        N_("The buyer and the courier need them; a missing invoice delays payment."),
        N_("• Print the invoice from the marketplace panel; it carries your GSTIN.\n"
           "• Put the invoice and a packing slip (what is inside) in the parcel, or in a "
           "pouch on it.")),
    "weights": (
        N_("Parcel weight"),
        N_("Couriers charge for the higher of the real weight and the volumetric weight."),
        N_("• Volumetric weight (kg) = length × width × height of the box (cm) ÷ the "
           "divisor of the marketplace or courier (each one's is below; ask your courier).\n"
           "• Weigh the packed parcel; use the smallest box that protects the piece.\n"
           "• Put the packing cost and the shipping fee into your price.")),
    "packing_video": (
        N_("Packing video"),
        N_("A video of the packing wins claims when a buyer says the box was empty or "
           "broken."),
        N_("• Record one video without a break: the product, packing, sealing and the "
           "label with the order ID.\n"
           "• Keep it until the return window is over.")),
    "unboxing_video": (
        N_("Unboxing video"),
        N_("Without it a damaged or wrong return cannot be claimed."),
        N_("• When a return arrives, record opening it in one video, label and order ID "
           "visible.\n"
           "• Raise the claim within {claim_window} days of the return's delivery, with the video, "
           "a "
           "photo and the return waybill.")),
    "ispm15": (
        N_("Wooden crate?"),
        N_("Only for solid-wood packing (crates, pallets, wooden dunnage): it must be "
           "heat-treated and marked, or the shipment is stopped. A wooden product in a "
           "carton does not need it."),
        N_("• Shipping in cartons only? Then press “➖ Not needed”.\n"
           "• Crates, pallets and wooden dunnage: heat treatment ({ispm15_temperature} °C core for "
           "{ispm15_minutes} "
           "minutes) with the IPPC stamp (IN-xxx-HT).\n"
           "• Plywood, MDF and cardboard are exempt.\n"
           "• Buy treated crates from an approved supplier; ask for the certificate.")),
    "export_papers": (
        N_("Export papers"),
        N_("Customs and the buyer's country need them for every shipment."),
        N_("• Commercial invoice and packing list with the HS code and \"Made in India\".\n"
           "• Your IEC, and the LUT if you export without paying IGST.\n"
           "• Label each box: sender, buyer, box number and weight.")),
    "brand_name": (
        N_("Brand name check"),
        N_("Your brand is what buyers remember; someone else's trade mark can get your "
           "listing removed."),
        N_("• Search your name on tmrsearch.ipindia.gov.in before printing labels.\n"
           "• ™ can be used while the mark is not registered; ® only after registration "
           "(misuse is an offence).\n"
           "• Fee per class: ₹{tm_fee_small} online for individuals and small enterprises (Udyam "
           "certificate as proof), ₹{tm_fee_other} for others.")),
    "logo_label": (
        N_("Logo and label"),
        N_("A simple, clear logo makes your parcel and listing look trustworthy."),
        N_("• One or two colours; readable when small.\n"
           "• Put the brand name the same way on the label, box and listing.\n"
           "• No GI or ODOP logo unless you are allowed to use it.")),
    "story_card": (
        N_("Maker's story card"),
        N_("A short story of who made it and where turns a parcel into a gift."),
        N_("• Put the card in every parcel; use the same words in your listing.\n"
           "• I draft it from your profile in English and Hindi: press the button below.")),
    "gi_register": (
        N_("GI authorised user"),
        N_("Only registered authorised users may use the GI name."),
        N_("• Apply with Form GI-3A at the GI Registry; the fee is ₹{gi_user_fee}.\n"
           "• No consent from the GI owner is needed since 2020.\n"
           "• Until then do not use the GI name or logo on labels or listings.")),
    "gi_logo": (
        N_("GI name and logo"),
        N_("As an authorised user you may name the GI; the GI logo needs permission."),
        N_("• Write the GI name with your authorised user number.\n"
           "• The national GI logo may be printed only with DPIIT's permission.")),
}
STATE_MARK = {DONE: "✅", NOT_NEEDED: "➖", None: "⬜"}

MISSING_TEXT = {
    "manufacturer": N_("maker's name (your profile)"),
    "address": N_("maker's address"),
    "generic_name": N_("product category"),
    "net_quantity": N_("net quantity"),
    "mrp": N_("MRP"),
    "month_year": N_("month and year of manufacture"),
    "best_before": N_("best before"),
    "fssai": N_("FSSAI number"),
    "consumer_care": N_("consumer care phone and email (your profile)"),
    "veg_mark": N_("veg or non-veg mark"),
    "ingredients": N_("ingredients"),
    "lot": N_("lot or batch number"),
}


ACTION_BUTTONS = {
    checklists.FRAGILE_STICKER: (N_("🖨 Make the sticker"), "sticker"),
    checklists.LEGAL_LABEL: (N_("🖨 Make the label"), "legal"),
    checklists.STORY_CARD: (N_("🖨 Make the card"), "story"),
    checklists.PRICE: (N_("💰 Price calculator"), "price"),
}
