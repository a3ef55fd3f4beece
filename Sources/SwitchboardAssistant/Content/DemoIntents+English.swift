extension DemoContent {
    /// English example phrases, one per line under `# intent`.
    static let englishPhrases = """
    # order_status
    Where is my order?
    Can you tell me the status of my order?
    Has my order shipped yet?
    I'd like to track my package
    What's happening with order 4471920?
    Is my parcel on its way?
    Could you check where my delivery is?
    I haven't received a shipping confirmation, is my order being processed?
    When will my order be dispatched?
    Where can I find the tracking number for my purchase?
    My tracking link shows nothing, what's the status?
    Has the warehouse packed my order?
    Is my order confirmed?
    Can I see where the courier is with my box?
    What stage is my order at?
    Please give me an update on my purchase
    I ordered a kettle last week, where is it now?
    Track order please
    Order status
    Did my order go through?
    The app says processing, what does that mean for my order?
    Which carrier is delivering my parcel?

    # shipping_delay
    My package is late
    The delivery date has passed and nothing arrived
    Why is my shipment taking so long?
    It's been two weeks and my order still hasn't come
    My parcel has been stuck in transit for days
    The tracking hasn't updated since Monday
    You promised delivery by Friday and it's still not here
    My order is delayed again
    The courier keeps postponing my delivery
    Expected delivery was yesterday, where is it?
    My package is stuck at customs
    Why hasn't my order arrived yet? It was supposed to come 5 days ago
    The estimated delivery keeps moving
    Shipping is taking forever
    My parcel seems lost in the mail
    It says out for delivery since three days
    Delivery is overdue
    The parcel hasn't moved from the sorting centre
    I needed this for a birthday and it's late
    Nothing has arrived and the delivery window is over
    How much longer do I have to wait for my delivery?
    The courier never showed up

    # refund
    I want a refund
    How do I get my money back?
    Please refund my order
    When will I receive my refund?
    I returned the item, where is my refund?
    Can I get a refund for a damaged product?
    The refund hasn't reached my card yet
    I'd like my money returned please
    How long does a refund take?
    I was promised a refund two weeks ago
    Refund the payment to my original card
    Can you refund the shipping cost?
    My refund is only partial, why?
    I cancelled but haven't been refunded
    Please process my refund request
    Is my refund approved?
    Refund status please
    I want to be reimbursed for this purchase
    The product was not as described, I want my money back
    Can the refund go to my wallet balance instead?
    Where is the money for my returned jacket?
    Give me back my money

    # return
    How do I return an item?
    I want to send this back
    Can I return a product I opened?
    What is your return policy?
    I need a return label
    How many days do I have to return something?
    Where do I ship my return to?
    Can I return part of my order?
    The shoes don't fit, I'd like to return them
    Do I have to pay for return shipping?
    Please arrange a pickup for my return
    Is this item eligible for return?
    I want to return a gift
    Start a return for order 5523011
    Can I drop off my return at a shop?
    I changed my mind, can I return it?
    The item arrived broken and I want to return it
    How do I pack an item for return?
    My return was rejected, why?
    Return request
    I printed the label, what happens next with my return?
    Can I return a sale item?

    # exchange
    I'd like to exchange this for a different size
    Can I swap the colour of my shirt?
    How do exchanges work?
    The size is wrong, can you send me a larger one?
    I want to exchange my headphones for another model
    Can I change the size of an item I already received?
    Exchange for a medium please
    The dress is too small, I need a bigger size
    Can I trade this in for a different colour?
    I received the wrong model, I want the one I ordered
    Is an exchange free?
    I want to exchange rather than get a refund
    Replace my item with a different variant
    How long does an exchange take?
    Can I exchange an item bought on sale?
    Please swap these sneakers for size 42
    I want the black one instead of the white one
    Exchange request for order 3345120
    Can I exchange a gift without a receipt?
    These trousers are too long, can I get a shorter length?
    Is the new size in stock for an exchange?
    Send me the right size and I'll return this one

    # cancel_order
    I want to cancel my order
    Please cancel order 6612043
    Can I still cancel before it ships?
    How do I cancel a purchase?
    I ordered by mistake, cancel it please
    Stop my order from being shipped
    Cancel my subscription order
    I changed my mind, please cancel
    Is it too late to cancel my order?
    I placed a duplicate order, cancel one of them
    Cancel the whole order
    Remove one item from my order before it ships
    I found it cheaper elsewhere, cancel my order
    Cancellation request
    Can I cancel a pre-order?
    Why can't I cancel my order in the app?
    Please don't send my order, I want to cancel
    Will I be charged if I cancel?
    How do I cancel an order I placed an hour ago?
    Cancel and refund please
    I no longer need the items, cancel
    Abort my order

    # change_address
    I need to change my delivery address
    Can I update the shipping address on my order?
    I entered the wrong address
    Please send my order to a different address
    I moved, how do I change the address?
    Wrong postcode on my order, can you fix it?
    Can I redirect my parcel to my office?
    Change the delivery address for order 7781230
    My apartment number is missing from the address
    Can the courier deliver to my neighbour instead?
    Update my address please
    I want to ship to a pickup point instead
    Is it possible to change the address after dispatch?
    The address on the label is wrong
    Deliver to my work address instead of home
    I typed the street name incorrectly
    Can I change the recipient name and address?
    How do I edit my saved address?
    Please correct my shipping address
    Send it to my parents' house instead
    Address change request
    I'll be away, can you hold it or change the address?

    # payment_failed
    My payment failed
    Why was my card declined?
    I can't complete checkout, the payment keeps failing
    Payment error at checkout
    The transaction didn't go through
    My card is valid but the payment is rejected
    It says payment unsuccessful
    I tried to pay with PayPal and it failed
    Why won't my payment go through?
    The bank authorised it but your site says failed
    I get an error when I enter my card details
    Payment declined even though I have funds
    3D Secure verification failed
    The payment page keeps loading and then errors
    Can I pay another way? My card doesn't work
    My payment timed out
    Checkout says there was a problem with my payment
    The money left my account but the order failed
    Apple Pay isn't working on your shop
    Why does my payment keep getting cancelled?
    Unable to pay
    My gift card payment failed

    # charged_twice
    I was charged twice
    There are two payments for one order
    You took my money twice
    Double charge on my card
    I see a duplicate transaction on my statement
    My card was billed two times for the same order
    Why was I charged twice for order 8821004?
    I paid once but there are two debits
    Refund the duplicate charge please
    The payment went through twice
    I've been charged more than once
    Two identical charges appeared on my bank account
    Charged double for my purchase
    I was billed twice after the page reloaded
    There's an extra charge I didn't make
    You charged my credit card two times
    I see the same amount taken twice
    Duplicate payment
    My order was paid twice by mistake
    Why are there two pending payments?
    I got charged again for an order I already paid
    Please reverse the second charge

    # invoice
    I need an invoice for my order
    Can you send me a receipt?
    Where can I download my invoice?
    Please issue a VAT invoice
    I need a company invoice with my tax number
    The invoice has the wrong name on it
    Can I get an invoice in my business name?
    How do I get a receipt for my purchase?
    Send the invoice to my email
    My invoice is missing the address
    I need a proof of purchase
    Can you correct the invoice details?
    Invoice for order 9012233 please
    I need a copy of my receipt for warranty
    The invoice amount is wrong
    Do you provide tax invoices?
    I need an itemised receipt
    Can I get one invoice for several orders?
    My accountant needs an invoice
    Where is my invoice?
    Please resend the invoice
    Change the company name on my invoice

    # account_login
    I can't log in
    I forgot my password
    How do I reset my password?
    My account is locked
    The login page says my password is wrong
    I didn't receive the password reset email
    I can't sign in to my account
    How do I change the email on my account?
    Two-factor code isn't arriving
    My account was hacked
    Someone else is using my account
    The verification code doesn't work
    I want to delete my account
    Can't access my account after changing phones
    Login keeps failing
    I forgot which email I used to register
    How do I create an account?
    The app logs me out all the time
    Reset link has expired
    My account has been suspended, why?
    I want to change my password
    Unable to sign in with Google

    # coupon
    My coupon code doesn't work
    How do I use a discount code?
    The promo code is invalid
    I forgot to apply my voucher
    Can I use two coupons on one order?
    Where do I enter my discount code?
    My gift card balance isn't showing
    The coupon expired yesterday, can you extend it?
    Do you have any discounts right now?
    The discount wasn't applied at checkout
    Why is my voucher not accepted?
    Can I get a coupon for my next order?
    Is there a student discount?
    The sale price wasn't applied
    I have a referral code, how do I use it?
    My loyalty points aren't showing
    Promo code says minimum spend not met
    Can you add the discount after I've paid?
    Is there a first order discount?
    Voucher code help
    Where can I find my coupons?
    The free shipping code isn't working

    # product_question
    Is this jacket waterproof?
    What size should I order?
    Is this item in stock?
    When will this product be back in stock?
    What material is this made of?
    Does this phone case fit the newer model?
    Is the kettle compatible with UK plugs?
    What are the dimensions of this table?
    Does this come with a warranty?
    Is this tea organic?
    How do I wash this sweater?
    Is the blue one available in large?
    Does it include batteries?
    What's the difference between these two models?
    Is this product suitable for children?
    How long does the battery last?
    Do you sell replacement parts?
    Is this vegan?
    Can I see more pictures of this item?
    How much does it weigh?
    Where is this product made?
    Does the lamp come with a bulb?

    # complaint
    I want to make a complaint
    Your service is terrible
    I'm very unhappy with how I was treated
    The agent was rude to me
    This is the worst shopping experience I've had
    I'm disappointed with the quality
    Nobody answers my emails
    I've been waiting on hold for an hour
    Your delivery driver was very unprofessional
    I'm fed up with your company
    I want to complain about a staff member
    You keep ignoring my requests
    This is unacceptable
    I was promised a call back that never came
    The product quality has gone downhill
    I'm not satisfied with the solution offered
    I want to escalate my complaint
    Your website is a mess and nothing works
    I've contacted you five times with no answer
    I'm filing a formal complaint
    Poor service, very disappointed
    Your support has been useless

    # talk_to_human
    I want to talk to a human
    Can I speak to a real person?
    Agent please
    Connect me with customer service
    Transfer me to an agent
    I don't want to talk to a bot
    Is there a person I can chat with?
    Let me speak to someone
    Human please
    Get me a representative
    Put me through to a live agent
    I need to speak with a staff member
    Operator
    Can a real agent help me?
    Stop, I want a person
    I'd rather talk to somebody
    Is anyone there?
    Please connect me to support staff
    I want a live chat with an agent
    Give me a human
    Can I call someone?
    Talk to customer support
    """
}
