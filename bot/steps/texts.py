"""What each digitisation step is, why it matters, what you need and how to do it.

Plain-text English msgids (no Markdown or HTML), translated with ``_`` when shown.
Facts come from ``../shared/domain/facts.md``; where a fact there is only "likely" or
"unconfirmed", the text says "usually" or "check on the portal" instead of stating it.
Every figure (fee, limit, date) is a ``{placeholder}`` filled from
``bot/reference/data/stated_facts.csv`` (source and as-of date per row) by ``stated.fill``
when the card is shown: a changed fee is one edit there.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import N_


@dataclass(frozen=True)
class StepText:
    title: str  # button-sized: at most 24 characters in English
    why: str  # 1-2 short sentences
    need: str  # 1-3 lines, each starting with "• ", separated by "\n"
    how: str  # 2-4 numbered lines "1. ...\n2. ..."


STEP_TEXTS: dict[str, StepText] = {
    "pan": StepText(
        title=N_("PAN card"),
        why=N_("PAN is your tax ID number. You need it for GST, a bank account, "
               "marketplace payments and export (IEC)."),
        need=N_("• Aadhaar card\n"
                "• The mobile linked to your Aadhaar, for the OTP (one-time code)"),
        how=N_("1. Already have a PAN? Keep a photo of it ready.\n"
               "2. If not, open the incometax.gov.in e-filing portal and choose Instant e-PAN.\n"
               "3. Enter your Aadhaar number and the OTP sent to your mobile.\n"
               "4. Download your e-PAN and keep it safe.\n"
               "5. Check that your PAN is linked to your Aadhaar: on incometax.gov.in use "
               "Link Aadhaar Status. An unlinked PAN stops working, and marketplaces then cut "
               "more tax from your payments."),
    ),
    "aadhaar_mobile": StepText(
        title=N_("Aadhaar & mobile"),
        why=N_("Udyam, GST and e-PAN send an OTP (one-time code) to the mobile linked "
               "to your Aadhaar. Without it you cannot finish them online."),
        need=N_("• Aadhaar card\n"
                "• A mobile phone you always keep with you"),
        how=N_("1. Check which mobile is linked on UIDAI's myAadhaar website.\n"
               "2. If it is wrong or missing, go to an Aadhaar Seva Kendra or enrolment centre "
               "with your Aadhaar card.\n"
               "3. A mobile number can usually be changed only in person there."),
    ),
    "bank_upi": StepText(
        title=N_("Bank and UPI"),
        why=N_("Marketplaces pay you into a bank account. It should be in your name or your "
               "business name, the same name as on your GST number or enrolment ID."),
        need=N_("• Bank account in your or your business name\n"
                "• Cancelled cheque or bank statement\n"
                "• IFSC code (your branch's code)"),
        how=N_("1. Open or check a savings or current account at your bank.\n"
               "2. Get a cheque book. Write CANCELLED across one cheque and keep it.\n"
               "3. Set up UPI (phone payments) in your bank app or BHIM, on the same mobile."),
    ),
    "email": StepText(
        title=N_("Email address"),
        why=N_("Marketplaces send OTPs, orders and important mails to your email. You must "
               "be able to open it on your phone."),
        need=N_("• An email address you can open, like Gmail\n"
                "• Its password, written down in a safe place"),
        how=N_("1. If you have none, make one in the Gmail app on your phone.\n"
               "2. Use a simple name, like your business name.\n"
               "3. Send yourself a test mail and check that it arrives.\n"
               "4. Use this same email on every portal."),
    ),
    "udyam": StepText(
        title=N_("Udyam registration"),
        why=N_("Udyam is the free government ID for small businesses. It can help you get "
               "loans without security (CGTMSE), payment within {udyam_payment_days} days from "
               "business buyers and the lower trademark fee for small enterprises "
               "(₹{tm_fee_small} instead of ₹{tm_fee_other} per class)."),
        need=N_("• Owner's Aadhaar, linked to mobile\n"
                "• PAN\n"
                "• Bank account details"),
        how=N_("1. Open udyamregistration.gov.in.\n"
               "2. Choose new registration. Enter your Aadhaar and the OTP.\n"
               "3. Fill in your PAN, business and bank details.\n"
               "4. It is free. Do not pay any other website for it."),
    ),
    "gst": StepText(
        title=N_("GSTIN / enrolment"),
        why=N_("With a GSTIN (GST number) you can sell all over India. If you sell only inside "
               "UP and are under the turnover limit, a free enrolment ID from your PAN can be "
               "enough."),
        need=N_("• PAN and Aadhaar-linked mobile\n"
                "• Email and bank details\n"
                "• Proof of your business address"),
        how=N_("1. For a GSTIN: on gst.gov.in choose New Registration.\n"
               "2. For an ID: choose \"Generate User Id for Unregistered Applicant\".\n"
               "3. With an ID you can sell only to buyers in UP.\n"
               "4. Handicrafts may have a special exemption. Ask an accountant first."),
    ),
    "choose_marketplaces": StepText(
        title=N_("Where to sell"),
        why=N_("Each marketplace has different buyers and rules. Start with one or two that "
               "you can manage well."),
        need=N_("• Meesho: GSTIN or enrolment ID\n"
                "• Flipkart and Amazon.in: usually a GSTIN. Amazon.in also takes your PAN "
                "if you sell only GST-free goods, like glass bangles or clay idols\n"
                "• ONDC: a seller app; Walmart: for export"),
        how=N_("1. Meesho: an easy start, works with an enrolment ID.\n"
               "2. Flipkart (Samarth) and Amazon.in (Karigar) have programmes for artisans.\n"
               "3. ONDC: join through a seller app.\n"
               "4. Walmart Marketplace: for selling to the US, later."),
    ),
    "seller_account": StepText(
        title=N_("Seller account"),
        why=N_("A seller account is your shop on the marketplace. Your orders and payments "
               "come to it."),
        need=N_("• Mobile for OTP, email, GSTIN or enrolment ID\n"
                "• Pickup address with PIN code, in your GST state\n"
                "• Bank account and a store name"),
        how=N_("1. Open the seller site, like supplier.meesho.com or seller.flipkart.com.\n"
               "2. Confirm your mobile and email with the OTP.\n"
               "3. Enter GSTIN or enrolment ID, pickup address and bank.\n"
               "4. Choose a short store name, like your brand."),
    ),
    "photos": StepText(
        title=N_("Product photos"),
        why=N_("Buyers cannot touch your product, so photos sell it. Poor photos can also get "
               "a listing rejected."),
        need=N_("• Phone camera with a clean lens\n"
                "• White sheet or wall, daylight near a window\n"
                "• The product, clean and dust-free"),
        how=N_("1. Take 5–8 square photos: front, back, side, handwork close-up, size, in use.\n"
               "2. Main photo: only the product on white, no text.\n"
               "3. At least {photo_min_px} pixels wide.\n"
               "4. When you share photos on Telegram or WhatsApp, send them as a File, not as a "
               "Photo, to keep full quality."),
    ),
    "first_listing": StepText(
        title=N_("Your first listing"),
        why=N_("A listing is your product's page: photos, name, price and details. A good one "
               "shows up in search and passes the marketplace's checks."),
        need=N_("• 5–8 good photos\n"
                "• Size, weight, material and colour\n"
                "• Your cost and the price you want"),
        how=N_("1. In your seller account, choose to add a single product.\n"
               "2. Fill in name, price, HSN (product tax code) and GST rate. Not sure? Ask "
               "your facilitator.\n"
               "3. Upload your photos and check everything before you submit.\n"
               "4. No words like \"best seller\" and no ALL CAPS in the title."),
    ),
    "packaging": StepText(
        title=N_("Packaging"),
        why=N_("A broken item comes back as a return and costs you money. Good packing "
               "protects your product and your ratings."),
        need=N_("• Strong box, bubble wrap or paper padding\n"
                "• No banned plastic; carry bags at least {carry_bag_micron} micron thick\n"
                "• Label: maker, address, product name, net quantity, month and year made, MRP, "
                "help contact; price per g or ml for goods sold by weight or volume; FSSAI "
                "number and best-before for food"),
        how=N_("1. Wrap each piece on its own. Glass or pottery: a box inside a box, "
               "{box_padding} cm padding.\n"
               "2. Shake the box: nothing should move.\n"
               "3. Drop it from about {drop_height} feet on each side and a corner. Nothing "
               "should break.\n"
               "4. Write FRAGILE and THIS SIDE UP."),
    ),
    "shipping_returns": StepText(
        title=N_("Shipping, returns"),
        why=N_("The marketplace's courier usually picks up from your address. A packing video "
               "helps you win a claim when a return comes back wrong or broken."),
        need=N_("• The shipping label from the marketplace\n"
                "• A phone to record packing videos\n"
                "• Your return window: how many days buyers get to return"),
        how=N_("1. Pack the order and stick on the marketplace's label.\n"
               "2. Record one video, without a break, while you pack. Keep it.\n"
               "3. Give the parcel to the courier at pickup.\n"
               "4. Record a video when you open a return, with the label and order ID visible. "
               "Claim within {claim_window} days of getting the return, with both videos."),
    ),
    "iec": StepText(
        title=N_("IEC for export"),
        why=N_("IEC (Import Export Code) lets you send goods abroad for sale. It is linked "
               "to your PAN."),
        need=N_("• PAN\n"
                "• Aadhaar-linked mobile and email\n"
                "• Bank details (cancelled cheque) and address proof"),
        how=N_("1. Apply on the DGFT portal (dgft.gov.in) with your PAN.\n"
               "2. The fee is ₹{iec_fee}. The IEC has no end date.\n"
               "3. Update it on the DGFT portal every year between {iec_update_from} and "
               "{iec_update_to}, even if nothing changed, or it stops working."),
    ),
    "rcmc": StepText(
        title=N_("RCMC (council)"),
        why=N_("RCMC is a membership certificate from your export council. Export schemes "
               "and trade fairs usually ask for it."),
        need=N_("• Your IEC\n"
                "• PAN, bank details and GSTIN if you have one\n"
                "• Membership fee (see the council's website)"),
        how=N_("1. Handicrafts: EPCH. Carpets and durries: CEPC. Handloom: HEPC. Leather and "
               "footwear: CLE. Silk: ISEPC. Garments: AEPC. Sports goods: SGEPC. Spices: "
               "Spices Board. Rice and food: APEDA.\n"
               "2. Apply on your council's website or the DGFT portal. Check which one.\n"
               "3. It is usually valid for {rcmc_validity} years. Note the date to renew."),
    ),
    "gs1_barcodes": StepText(
        title=N_("GS1 barcodes"),
        why=N_("A barcode gives each product its own number. Walmart and big stores usually "
               "accept only GS1 barcodes, so get them from GS1 India."),
        need=N_("• PAN and business details\n"
                "• Your yearly turnover (the fee depends on it)\n"
                "• A list of your products, sizes and colours"),
        how=N_("1. Apply to GS1 India (gs1india.org).\n"
               "2. Your numbers start with {gs1_prefix}, India's code.\n"
               "3. Use EAN-13 on each product and ITF-14 on shipping cartons.\n"
               "4. Give each product, size and colour its own number.\n"
               "5. Handmade items without a barcode can ask Walmart for a GTIN exemption in "
               "Seller Center instead."),
    ),
}

# Export promotion councils, by the codes in bot/reference/data/export_councils.csv.
COUNCIL_NAMES = {
    "EPCH": N_("EPCH (handicrafts)"),
    "CEPC": N_("CEPC (carpets)"),
    "HEPC": N_("HEPC (handloom)"),
    "ISEPC": N_("ISEPC (silk)"),
    "CLE": N_("CLE (leather, shoes)"),
    "AEPC": N_("AEPC (garments)"),
    "SGEPC": N_("SGEPC (sports goods)"),
    "SPICES": N_("Spices Board"),
    "APEDA": N_("APEDA (rice, food)"),
}

# Shown when a seller presses "I need help" on a step.
HELP_TEXT = N_("Noted. Your facilitator (district ODOP cell, DIC - District Industries Centre, "
               "or the Vriddhi or Samarth team) will see this and can help you at the next "
               "workshop. For now, you can ask at a CSC (Jan Seva Kendra) near you.")
