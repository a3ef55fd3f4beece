#!/usr/bin/env python3
"""The customer portal in a real browser (Debian's Chromium, driven by Playwright), in English,
Chinese and Persian, as a customer and an agent use it together:
  1. the customer signs in with the mailed link and files a request from the "new request" form
     (what happened, when, what they expect, the order number), and the assistant's hints appear;
  2. an agent assigns it and makes a promise: the open request page shows the owner's agent
     number and the promise live, without reloading;
  3. the agent replies and solves it: the summary and the survey appear live;
  4. the customer answers "not solved": the request is open again and says so;
  5. a receipt downloaded before an out-of-band change to the database verifies before it and
     fails after it; the survey link from the email opens the survey without signing in.
Screenshots go to .build/screenshots/portal-*-<lang>-<desktop|phone>.png (phone in English and Persian).

Usage: python3 Tests/Browser/portal_tests.py [path/to/switchboard]
Skips (exit 0, with the reason) when Chromium or Playwright is missing, unless CI=true.
"""
import json
import os
import re
import sqlite3
import struct
import tempfile
import urllib.request
import zlib

from harness import SHOTS, CHROMIUM, Desk, check, eventually, finish, free_port, require_tools

_playwright = require_tools("portal tests")
sync_playwright, expect, PlaywrightTimeout = _playwright.sync_playwright, _playwright.expect, _playwright.TimeoutError

PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
LANGS = {"en": "customer4@mail.demo", "zh-Hans": "customer5@mail.demo", "fa": "customer6@mail.demo"}
WORDS = {
    "en": ("The parcel arrived with two cups broken", "yesterday evening", "a refund"),
    "zh-Hans": ("包裹到了，两个杯子碎了", "昨天晚上", "退款"),
    "fa": ("بسته رسید و دو فنجان شکسته بود", "دیشب", "بازپرداخت"),
}
SHORT = 10_000


def check_expect(assertion, message):
    try:
        assertion()
        check(True, message)
    except (AssertionError, PlaywrightTimeout) as error:
        check(False, f"{message} ({str(error).splitlines()[0][:160]})")


def shot(page, name, lang, phone=False):
    """The page as it is; in English and Persian also at the other width (desktop and phone both)."""
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SHOTS, f"portal-{name}-{lang}-{'phone' if phone else 'desktop'}.png"), full_page=True)
    if lang in ("en", "fa"):
        size = page.viewport_size
        page.set_viewport_size({"width": 1280, "height": 900} if phone else {"width": 390, "height": 844})
        page.screenshot(path=os.path.join(SHOTS, f"portal-{name}-{lang}-{'desktop' if phone else 'phone'}.png"), full_page=True)
        page.set_viewport_size(size)


def tiny_png():
    """A real 2×2 PNG file (the desk reads a file's kind from its bytes)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    path = os.path.join(tempfile.mkdtemp(prefix="switchboard-portal-"), "broken-cup.png")
    with open(path, "wb") as file:
        file.write(png)
    return path


def fits_phone(page, name):
    width = page.evaluate("document.documentElement.scrollWidth")
    check(width <= 392, f"{name} fits a phone without sideways scrolling ({width}px)")


def sign_in_customer(browser, desk, email, lang, phone):
    request = urllib.request.Request(
        BASE + "/api/v1/customer-auth/magic-link", data=json.dumps({"email": email}).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )
    urllib.request.urlopen(request).read()
    pattern = re.compile(r"portal/sign-in\?token=([A-Za-z0-9_\-]+)")
    token = eventually(lambda: next((t for t in reversed(pattern.findall(desk.log_text())) if t not in sign_in_customer.used), None))
    check(token is not None, f"the sign-in link for {email} was mailed (logged)")
    sign_in_customer.used.add(token)
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{BASE}/portal/sign-in?token={token}&lang={lang}")
    page.click("main button[type=submit]")
    page.wait_for_url(BASE + "/portal")
    return page, errors


sign_in_customer.used = set()


def run(browser, desk, agent):
    for lang, email in LANGS.items():
        phone = lang in ("en", "fa")
        print(f"\n{lang}: a customer files a request{' on a phone' if phone else ''}")
        customer, errors = sign_in_customer(browser, desk, email, lang, phone)
        check(customer.locator("html").get_attribute("lang") == lang, "the portal speaks the chosen language")
        check(customer.locator("html").get_attribute("dir") == ("rtl" if lang == "fa" else "ltr"), "and runs in its direction")
        shot(customer, "home", lang, phone)
        customer.click("a[href='/portal/requests/new'] >> nth=-1")
        customer.wait_for_url(BASE + "/portal/requests/new")
        what, when, expectation = WORDS[lang]
        customer.fill("#request-what", what)
        check_expect(lambda: expect(customer.locator("[data-request-assist] p").first).to_be_visible(timeout=SHORT),
                     "the assistant points out what is missing while the customer types")
        shot(customer, "new", lang, phone)
        if phone:
            fits_phone(customer, f"the {lang} new-request form")
        customer.fill("#request-when", when)
        customer.fill("#request-expect", expectation)
        customer.fill("#request-order", "58213")
        if lang == "en":
            customer.set_input_files("[data-request-files]", tiny_png())
            check_expect(lambda: expect(customer.locator("[data-file-list] input[name=file]")).to_have_count(1, timeout=SHORT),
                         "a photo chosen as evidence is uploaded and named in the form")
        customer.click("form[data-request-form] button[type=submit]")
        customer.wait_for_url(re.compile(r".*/portal/tickets/\d+$"))
        number = customer.url.rsplit("/", 1)[1]
        check_expect(lambda: expect(customer.locator(".entry-customer .body").first).to_contain_text(what, timeout=SHORT),
                     "the request is filed with the customer's own words")
        check(customer.locator(".next-step").count() == 1, "the request page says the next step")
        if lang == "en":
            check(customer.locator(".entry-customer .files img").count() == 1, "the photo is on the request, shown as a picture")

        print(f"{lang}: an agent assigns it and makes a promise; the open page follows")
        agent.goto(f"{BASE}/agent/tickets/{number}")
        agent.select_option("#assignee-select", index=1)
        owner = agent.locator("#assignee-select option:checked").inner_text()
        agent.click("form:has(#assignee-select) button[type=submit]")
        agent_number = re.search(r"#(\d+)", owner).group(1)
        check_expect(lambda: expect(customer.locator("[data-live-field=owner]")).to_contain_text(f"#{agent_number}", timeout=SHORT),
                     f"the customer sees it assigned to agent #{agent_number} without reloading")
        promise = f"Refund for two cups ({lang})"
        agent.fill("#promise-text", promise)
        agent.click("form.promise-new button[type=submit]")
        check_expect(lambda: expect(customer.locator("[data-live-block=promises]")).to_contain_text(promise, timeout=SHORT),
                     "the promise appears on the customer's page live, with its due time")
        shot(customer, "request", lang, phone)

        print(f"{lang}: the agent replies and solves it")
        agent.fill("#body", "The refund for the two cups is on its way.")
        agent.click("form.composer button[type=submit]")
        agent.wait_for_timeout(500)
        agent.goto(f"{BASE}/agent/tickets/{number}")
        agent.select_option("#status-select", "solved")
        agent.click("form:has(#status-select) button[type=submit]")
        check_expect(lambda: expect(customer.locator("[data-live-block=summary] .summary")).to_contain_text("The refund for the two cups", timeout=SHORT),
                     "the summary appears live, with what was done")
        check_expect(lambda: expect(customer.locator("[data-live-block=survey] form.survey-form")).to_be_visible(timeout=SHORT),
                     "and the survey with it")
        shot(customer, "solved", lang, phone)
        if phone:
            fits_phone(customer, f"the {lang} solved request with its summary and survey")

        print(f"{lang}: a receipt, then the survey says 'not solved'")
        with customer.expect_download() as download:
            customer.click("a[href$='/receipt']")
        receipt = open(download.value.path()).read()
        check(f'"ticket" : {number}' in receipt and '"signature"' in receipt, "the receipt names the request and is signed")
        customer.select_option("select[name=overall]", "2")
        customer.check("input[name=solved][value=no]")
        customer.fill("#survey-comment", "<script>alert(1)</script> the third cup is cracked too")
        customer.click("form.survey-form button[type=submit]")
        customer.wait_for_url(re.compile(r".*done=reopened$"))
        check(customer.locator(".notice[role=status]").count() == 1, "the customer is told the request is open again")
        check(customer.locator("dd.status.status-open").count() == 1, "and it is open again")
        shot(customer, "reopened", lang, phone)
        agent.goto(f"{BASE}/agent/tickets/{number}")
        check("&lt;script&gt;" in agent.content() and "the third cup is cracked" in agent.inner_text("#timeline"),
              "the agent reads the comment on the timeline, as text")
        check(agent.locator("dd.priority-high, dd.priority-urgent").count() == 1, "with the priority raised")

        print(f"{lang}: the receipt checks out, until the record is changed out of band")
        verify = customer.context.new_page()
        verify.goto(f"{BASE}/verify?lang={lang}")
        verify.fill("#verify-receipt", receipt)
        verify.click("form[data-verify-form] button[type=submit]")
        check(verify.locator("[data-verdict=holds]").count() == 1, "the receipt holds while the record is intact (and after it grew)")
        database = sqlite3.connect(os.path.join(desk.data, "switchboard.sqlite"))
        database.execute("UPDATE messages SET body = 'We never promised a refund.' WHERE ticket_id = (SELECT id FROM tickets WHERE number = ?) AND author_kind = 'agent'", (int(number),))
        database.commit()
        database.close()
        verify.goto(f"{BASE}/verify?lang={lang}")
        verify.fill("#verify-receipt", receipt)
        verify.click("form[data-verify-form] button[type=submit]")
        check(verify.locator("[data-verdict=fails]").count() == 1, "after the change the same receipt fails verification")
        shot(verify, "verify", lang, phone)
        verify.close()
        check(not errors, f"no script errors on the customer's pages ({errors[:2]})")
        customer.context.close()

    print("\nthe survey link from an email opens without signing in")
    links = re.findall(r"(/survey/\d+\?e=\d+&s=[0-9a-f]+)", desk.log_text())
    check(bool(links), "the survey was mailed (logged) after the solve")
    if links:
        for lang, phone in (("en", False), ("fa", True)):
            context = browser.new_context(viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{BASE}{links[0]}&lang={lang}")
            check(page.locator("h1").count() == 1 and page.locator("form.survey-form, .survey").count() >= 1, f"the survey page opens in {lang}")
            shot(page, "survey-link", lang, phone)
            page.goto(f"{BASE}{links[0][:-4]}0000&lang={lang}")
            check(page.locator("[role=alert]").count() == 1, f"an altered link is refused with a message in {lang}")
            context.close()


def main():
    desk = Desk(PORT, "switchboard-portal-", extra=("--survey-delay", "1"))
    try:
        desk.wait_ready()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            agent = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            agent.goto(BASE + "/sign-in")
            agent.fill("input[name=email]", "agent@switchboard.demo")
            agent.fill("input[name=password]", "switchboard-demo")
            agent.click("main button[type=submit]")
            agent.wait_for_url(BASE + "/agent**")
            run(browser, desk, agent)
            browser.close()
    finally:
        desk.stop()
    finish("portal")


if __name__ == "__main__":
    main()
