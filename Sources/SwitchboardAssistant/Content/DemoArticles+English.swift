extension DemoContent {
    /// English help-centre articles: `## intent | title`, then paragraphs.
    static let englishArticles = """
    ## order_status | Tracking your order
    Every order gets a number like 4471920 the moment you pay. You can follow it under My orders, where the status moves from Confirmed to Packed, Shipped and Delivered.

    Once the parcel leaves the warehouse we email and text you the tracking number and the carrier's name. Tracking usually starts showing movement within 24 hours of dispatch.

    If your order still says Processing after two working days, tell us the order number and we will check with the warehouse for you.

    ## shipping_delay | When a delivery is late
    Most parcels arrive within the delivery window shown at checkout. Weather, public holidays and customs checks can add a few days, and tracking may pause while a parcel is between sorting centres.

    If the promised date has passed by more than two working days, or tracking has not moved for five days, we open an investigation with the carrier. You will hear from us within one working day.

    If the carrier confirms the parcel is lost, we send a replacement at no cost or refund you in full, whichever you prefer.

    ## refund | How refunds work
    Refunds go back to the payment method you used. Once we approve a refund, card payments take 3 to 5 working days to show on your statement, and wallet balances are credited immediately.

    For returned items, the refund starts as soon as the warehouse receives and checks the parcel, usually within two working days of delivery to us.

    If a refund is only partial, the confirmation email lists what was deducted, such as original shipping on a change-of-mind return. If more than ten working days have passed, send us the order number and we will trace it.

    ## return | Returning an item
    You can return most items within 30 days of delivery, unused and in their original packaging. Opened items can be returned when they are faulty or not as described.

    Start a return under My orders, choose the items and the reason, and print the free return label. You can drop the parcel at any partner shop or book a pickup.

    Sale items can be returned too. Personalised goods, underwear and opened food cannot be returned unless they arrived damaged.

    ## exchange | Exchanging for another size or colour
    If an item does not fit or you would prefer another colour, you can exchange it within 30 days at no cost, as long as the new variant is in stock.

    Request the exchange under My orders, pick the new size or colour, and we reserve it for you. We ship the new item as soon as the carrier scans your return, so you do not wait for the warehouse.

    If the variant you want is sold out, we will offer a refund instead.

    ## cancel_order | Cancelling an order
    You can cancel an order yourself under My orders until it is packed, usually within an hour of paying. Cancelled orders are refunded in full to the original payment method.

    Once an order has shipped it can no longer be cancelled, but you can refuse the delivery or return it free of charge within 30 days.

    Pre-orders can be cancelled any time before they are dispatched.

    ## change_address | Changing the delivery address
    Before an order is packed you can change the address under My orders. After that, we can ask the carrier to redirect the parcel, which is possible for most carriers but may add a day.

    You can also choose a pickup point or ask the courier to leave the parcel with a neighbour. Check that the postcode and apartment number are correct; most failed deliveries come from a missing flat number.

    To change your saved addresses for future orders, go to Account, then Addresses.

    ## payment_failed | When a payment fails
    A declined payment usually comes from the bank: a daily limit, a security check, or 3D Secure verification that timed out. Try again after confirming the payment in your banking app.

    If money left your account but the order shows as failed, it is only a reservation. The bank releases it automatically within 3 to 7 days; you will not be charged for a failed order.

    You can also pay with another card, PayPal, Apple Pay or your wallet balance.

    ## charged_twice | Charged twice for one order
    If you see two identical amounts, one is often a pending authorisation that disappears within a few days. Only one payment is captured for each order.

    If both payments show as completed, send us the order number and the dates of the two charges. We refund the duplicate the same day, and it reaches your card within 3 to 5 working days.

    ## invoice | Invoices and receipts
    Every order has a downloadable invoice under My orders once it has shipped. It includes the items, prices, tax and your billing address.

    For a company invoice, add your company name and tax number at checkout or send them to us and we will reissue the invoice. Corrections to names and addresses can be made within 90 days.

    You can combine several orders from the same month into one invoice on request.

    ## account_login | Signing in and passwords
    If you forgot your password, choose Forgot password on the sign-in page and we will email you a reset link. The link is valid for one hour; check your spam folder if it does not arrive.

    After five wrong passwords your account is locked for 15 minutes to protect it. If you think someone else has used your account, reset your password at once and contact us.

    Verification codes are sent to the phone number on your account. If you changed your number, we can update it after checking your identity.

    ## coupon | Using coupons and discount codes
    Enter a discount code in the Promo code field on the checkout page before you pay. One code can be used per order, and most codes have a minimum spend and an expiry date.

    If a code is not accepted, check its expiry date, the minimum spend and whether the items are already on sale. Codes cannot be added after payment, but we can refund the difference if a valid code failed.

    Gift card balances and loyalty points are shown under Account, then Wallet.

    ## product_question | Questions about a product
    Each product page lists the size guide, materials, dimensions, care instructions and warranty. The size guide compares our sizes with common brands.

    Stock levels are updated every few minutes. If an item is sold out, choose Notify me to get an email when it is back.

    Electrical goods come with a two-year warranty. For anything the page does not answer, ask us and a product specialist will reply.

    ## complaint | Making a complaint
    We are sorry when something went wrong. Tell us what happened, when, and what you would like us to do, and a supervisor will review your complaint.

    Every complaint gets a case number and an answer within two working days. If you are not satisfied with the answer, you can ask for it to be escalated to our customer care manager.

    We read every complaint to improve our service, including feedback about our staff and couriers.

    ## talk_to_human | Talking to a person
    You can reach a person at any time: type "human" or "agent" in the chat and we hand your conversation to the next available agent, with everything you have told the assistant so far.

    Our agents answer chats and emails every day from 8:00 to 22:00. Outside these hours your case is queued and an agent replies first thing in the morning.

    Every agent has a number you can quote if you contact us again.
    """
}
