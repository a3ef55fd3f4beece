#!/usr/bin/env python3
"""Switchboard in a real browser: Debian's Chromium, driven by Playwright.

Starts `switchboard serve --demo` on a fresh SQLite directory, then walks through the pages the way
agents and customers use them. Screenshots of the main pages go to .build/screenshots/.

Usage: python3 Tests/Browser/run_browser_tests.py [path/to/switchboard]
Skips (exit 0, with the reason) when Chromium or Playwright is missing, unless CI=true.
"""
import calendar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from harness import CHROMIUM, SHOTS, Desk, binary, check, eventually, finish, free_port, require_tools

BINARY = binary()
_playwright = require_tools("browser tests")
sync_playwright, expect = _playwright.sync_playwright, _playwright.expect


PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "switchboard-demo"


def post_json(path, body):
    request = urllib.request.Request(BASE + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def main():
    desk = Desk(PORT, "switchboard-browser-")
    try:
        desk.wait_ready()
        os.makedirs(SHOTS, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            run(browser, desk.log_path)
            browser.close()
    finally:
        desk.stop()
    finish("browser")

CONTRAST_SCRIPT = """
() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const background = (el) => { for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; }
    return { r: 255, g: 255, b: 255, a: 1 }; };
  const failures = []; let checked = 0;
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const fg = parse(style.color), bg = background(el);
    const ratio = (Math.max(lum(fg), lum(bg)) + 0.05) / (Math.min(lum(fg), lum(bg)) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    checked += 1;
    if (ratio < needed) failures.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + ratio.toFixed(2) + ' < ' + needed);
  }
  return { checked, failures };
}
"""


def check_contrast(page, name):
    """Every piece of visible text meets WCAG AA contrast against the background it sits on."""
    result = page.evaluate(CONTRAST_SCRIPT)
    check(result["checked"] > 5 and not result["failures"],
          f"text contrast meets WCAG AA on {name} ({result['checked']} elements; {result['failures'][:5]})")




def unread_badge(page):
    """The header's count of unread notifications (0 when it shows no badge; "99+" counts as 100)."""
    badge = page.locator("header [data-unread]")
    if badge.count() == 0:
        return 0
    digits = re.sub(r"\D", "", badge.inner_text())
    return int(digits) + (1 if "+" in badge.inner_text() else 0) if digits else 0


def sign_in(page, email):
    page.goto(BASE + "/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(BASE + "/agent")


def fits_phone(page, name):
    width = page.evaluate("document.documentElement.scrollWidth")
    check(width <= 392, f"{name} fits a phone without sideways scrolling ({width}px)")


def run(browser, log_path):
    dialogs = []

    print("agent signs in")
    agent_context = browser.new_context(locale="en-US")
    agent = agent_context.new_page()
    agent.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    agent.goto(BASE + "/sign-in")
    agent.screenshot(path=os.path.join(SHOTS, "sign-in-en.png"), full_page=True)
    agent.get_by_label("Email").fill("agent@switchboard.demo")
    agent.get_by_label("Password").fill(PASSWORD)
    agent.get_by_role("button", name="Sign in").click()
    agent.wait_for_url(BASE + "/agent")
    agent.goto(BASE + "/agent?view=all")
    check(agent.locator("table.queue tbody tr").count() > 0, "the queue lists tickets")
    agent.screenshot(path=os.path.join(SHOTS, "queue-en.png"), full_page=True)
    check_contrast(agent, "the English queue")

    print("customer signs in with a magic link")
    customer_context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    customer = customer_context.new_page()
    customer.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    own_numbers = set()
    for index in range(1, 11):
        # Demo customers are customer1@mail.demo … customer30@mail.demo; take the first with requests.
        status = post_json("/api/v1/customer-auth/magic-link", {"email": f"customer{index}@mail.demo"})
        check(status in (200, 202, 204), f"a sign-in link is requested for customer{index}")
        token = None
        for _ in range(20):
            match = re.findall(r"portal/sign-in\?token=([A-Za-z0-9_\-]+)", open(log_path).read())
            if match and match[-1] not in (getattr(run, "used", set())):
                token = match[-1]
                break
            time.sleep(0.25)
        check(token is not None, "the sign-in link was mailed (logged)")
        run.used = getattr(run, "used", set()) | {token}
        customer.goto(f"{BASE}/portal/sign-in?token={token}")
        # Opening the link spends nothing (mail scanners open links too); the button signs in.
        check(customer.url.startswith(f"{BASE}/portal/sign-in"), "the mailed link opens a page with a button")
        customer.click("main button[type=submit]")
        customer.wait_for_url(BASE + "/portal")
        links = customer.locator("ul.requests a")
        own_numbers = {links.nth(i).get_attribute("href").rsplit("/", 1)[-1] for i in range(links.count())}
        # A request still in progress, so replies can go on it (a closed one only takes a follow-up).
        active = customer.locator("ul.requests li:not([data-status=closed]) a")
        if active.count() > 0:
            number = active.first.get_attribute("href").rsplit("/", 1)[-1]
            break
    check(bool(own_numbers), "the portal lists the customer's requests")
    customer.screenshot(path=os.path.join(SHOTS, "portal-zh-phone.png"), full_page=True)
    customer.goto(f"{BASE}/portal/tickets/{number}")
    customer.screenshot(path=os.path.join(SHOTS, "portal-ticket-zh-phone.png"), full_page=True)
    check_contrast(customer, "the Chinese portal ticket page")

    print("an agent reply appears on the customer's page without a reload")
    agent.goto(f"{BASE}/agent/tickets/{number}")
    reply = f"Your replacement ships today (ref {int(time.time())})"
    agent.get_by_label("Reply or note").fill(reply)
    agent.get_by_label("Reply to the customer").check()
    agent.get_by_role("button", name="Send").click()
    # The composer sends without leaving the page: the reply shows in the agent's own timeline.
    expect(agent.locator("#timeline")).to_contain_text(reply, timeout=10000)
    check(agent.url == f"{BASE}/agent/tickets/{number}", "the agent stays on the ticket after sending")
    check(agent.get_by_label("Reply or note").input_value() == "", "and the composer is empty again")
    try:
        expect(customer.locator("#timeline")).to_contain_text(reply, timeout=5000)
        check(True, "the reply reached the open portal page live")
    except AssertionError:
        check(False, "the reply reached the open portal page live")

    print("an internal note never reaches the customer")
    note = f"Internal: courier claim filed {int(time.time())}"
    agent.get_by_label("Reply or note").fill(note)
    agent.get_by_label("Internal note").check()
    agent.get_by_role("button", name="Send").click()
    try:
        expect(agent.locator("li.note").filter(has_text=note)).to_have_count(1, timeout=10000)
        check(True, "the agent sees the note, marked as internal")
    except AssertionError:
        check(False, "the agent sees the note, marked as internal")
    agent.screenshot(path=os.path.join(SHOTS, "ticket-agent-en.png"), full_page=True)
    check_contrast(agent, "the agent ticket view")
    time.sleep(1.5)
    check(note not in customer.content(), "the open portal page does not show the note")
    customer.reload()
    check(note not in customer.content(), "the reloaded portal page does not show the note")

    print("the assistant reads the customer's words; the agent sees it in three languages")
    customer.get_by_label("您的留言").fill("人工！我要找人工客服")
    customer.get_by_role("button", name="发送").click()
    expect(customer.locator("#timeline")).to_contain_text("人工！我要找人工客服", timeout=10000)
    check(customer.locator(".reading").count() == 0, "the customer's page does not show what the assistant read")
    for lang, title, intent, language_name in [
        ("en", "What the assistant read", "Talk to a person", "Chinese"),
        ("zh-Hans", "智能助手的理解", "转人工", "中文"),
        ("fa", "برداشت دستیار", "گفت‌وگو با انسان", "چینی"),
    ]:
        agent.goto(f"{BASE}/agent/tickets/{number}?lang={lang}")
        panel = agent.locator("section.reading")
        check(panel.count() == 1 and title in panel.inner_text(), f"the reading sits at the top of the agent's page ({lang})")
        check(intent in panel.locator(".intent").inner_text(), f"with the intent and its confidence ({lang})")
        check(language_name in panel.inner_text(), f"and the language it was written in ({lang})")
        check(agent.locator(".reading .flag-person").count() == 1, f"the request for a person is flagged ({lang})")
        agent.screenshot(path=os.path.join(SHOTS, f"ticket-reading-{lang}.png"), full_page=True)
        check_contrast(agent, f"the agent ticket view with the reading ({lang})")
    phone = agent_context.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(f"{BASE}/agent/tickets/{number}?lang=fa")
    width = phone.evaluate("document.documentElement.scrollWidth")
    check(width <= 392, f"the Persian ticket page fits a phone without sideways scrolling ({width}px)")
    phone.screenshot(path=os.path.join(SHOTS, "ticket-reading-fa-phone.png"), full_page=True)
    phone.close()
    agent.goto(f"{BASE}/agent/tickets/{number}?lang=en")
    agent.get_by_label("Really about").select_option(label="Refund")
    agent.get_by_role("button", name="Correct").click()
    agent.wait_for_url(f"{BASE}/agent/tickets/{number}")
    check("Corrected by an agent: Refund" in agent.locator("section.reading").inner_text(), "an agent corrects the intent")
    check("Topic corrected" in agent.locator("#timeline").inner_text(), "and the correction is in the timeline")

    print("pages answer errors with a page in their language")
    response = agent.goto(f"{BASE}/agent/tickets/99999999?lang=zh-Hans")
    check(response.status == 404 and "页面不存在" in agent.content(), "a missing ticket is a Chinese 404 page, not JSON")
    agent.screenshot(path=os.path.join(SHOTS, "not-found-zh.png"), full_page=True)
    agent.goto(f"{BASE}/agent/tickets/{number}?lang=en")

    print("the agent's queue follows the desk live")
    agent.goto(BASE + "/agent?view=all")
    row = agent.locator("table.queue tbody tr").filter(has=agent.locator(f'a[href="/agent/tickets/{number}"]'))
    before = row.locator("td.priority").inner_text().strip()
    target = "Low" if before != "Low" else "High"
    second = agent_context.new_page()
    second.goto(f"{BASE}/agent/tickets/{number}")
    second.get_by_label("Priority", exact=True).select_option(label=target)
    second.locator("form").filter(has=second.get_by_label("Priority", exact=True)).get_by_role("button", name="Save").click()
    second.wait_for_load_state()
    try:
        expect(row.locator("td.priority")).to_have_text(target, timeout=5000)
        check(True, f"a priority change ({before} → {target}) reaches the open queue without a reload")
    except AssertionError:
        check(False, f"a priority change ({before} → {target}) reaches the open queue without a reload")
    second.close()

    print("hostile text stays text")
    payload = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    customer.get_by_label("您的留言").fill(payload)
    customer.get_by_role("button", name="发送").click()
    expect(customer.locator("#timeline")).to_contain_text(payload, timeout=10000)
    agent.goto(f"{BASE}/agent/tickets/{number}")
    check(payload in agent.locator("#timeline").inner_text(), "the agent sees the payload as text")
    check(agent.locator("#timeline img").count() == 0 and customer.locator("#timeline img").count() == 0, "no image element was created")
    check(not dialogs, "no script ran (no alert dialogs)")

    print("a customer cannot open another customer's request")
    agent.goto(BASE + "/agent?view=all")
    numbers = [text.strip() for text in agent.locator("table.queue tbody td:first-child a").all_inner_texts()]
    others = [n for n in numbers if n not in own_numbers]
    check(bool(others), "the desk has tickets of other customers")
    if others:
        response = customer.goto(f"{BASE}/portal/tickets/{others[0]}")
        check(response.status == 404, "another customer's request answers 404")
        check("<article" not in customer.content(), "and shows none of it")

    print("Persian pages run right to left")
    persian = browser.new_context(locale="fa-IR").new_page()
    persian.goto(BASE + "/sign-in")
    check(persian.locator("html").get_attribute("dir") == "rtl", "the Persian sign-in page is dir=rtl")
    check(persian.locator("html").get_attribute("lang") == "fa", "and lang=fa")
    box = persian.locator("h1").bounding_box()
    check(box is not None and box["x"] + box["width"] > 600, "the heading sits on the right")
    persian.screenshot(path=os.path.join(SHOTS, "sign-in-fa.png"), full_page=True)
    check_contrast(persian, "the Persian sign-in page")
    agent.goto(BASE + "/agent?view=all&lang=fa")
    check(agent.locator("html").get_attribute("dir") == "rtl", "an agent can switch the queue to Persian")
    agent.screenshot(path=os.path.join(SHOTS, "queue-fa.png"), full_page=True)
    agent.goto(f"{BASE}/agent/tickets/{number}")
    check(agent.locator("html").get_attribute("dir") == "rtl", "and the choice is remembered")
    agent.screenshot(path=os.path.join(SHOTS, "ticket-agent-fa.png"), full_page=True)

    print("an admin sees the desk's organizations, teams, agents and tokens")
    admin = browser.new_context(locale="en-US").new_page()
    admin.goto(BASE + "/sign-in")
    admin.get_by_label("Email").fill("admin@switchboard.demo")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    admin.wait_for_url(BASE + "/agent")
    admin.get_by_role("link", name="Administration").click()
    admin.wait_for_url(BASE + "/admin")
    check(admin.locator("h2").count() == 4, "four sections: organizations, teams, agents, API tokens")
    check(admin.get_by_text("agent@switchboard.demo").count() == 1, "the agents are listed")
    admin.get_by_label("Name of the integration").fill("Order sync")
    admin.get_by_label("tickets:read").check()
    admin.get_by_role("button", name="Create token").click()
    check(admin.locator("code.secret").count() == 1, "a new token is shown once")
    admin.screenshot(path=os.path.join(SHOTS, "admin-en.png"), full_page=True)
    check_contrast(admin, "the admin page")
    admin.goto(BASE + "/admin?lang=fa")
    check(admin.locator("html").get_attribute("dir") == "rtl", "the admin page in Persian is right to left")
    admin.screenshot(path=os.path.join(SHOTS, "admin-fa.png"), full_page=True)
    admin.get_by_role("link", name="کارهای پس‌زمینه").click()
    admin.wait_for_url(re.compile(r".*/admin/jobs$"))
    check(admin.locator("h1").inner_text() == "کارهای پس‌زمینه", "admins reach the background jobs, in Persian")
    admin.screenshot(path=os.path.join(SHOTS, "admin-jobs-fa.png"), full_page=True)
    check_contrast(admin, "the Persian jobs page")
    admin.goto(BASE + "/admin?lang=fa")

    print("an admin changes a team's hours (in Persian) and an agent's capacity")
    admin.locator("#teams-title ~ table a").first.click()
    admin.wait_for_url(re.compile(r".*/admin/teams/\d+$"))
    check(admin.locator("html").get_attribute("dir") == "rtl", "the team settings page is right to left")
    admin.locator("#team-day-5").fill("۱۰:۰۰–۱۴:۰۰")
    admin.screenshot(path=os.path.join(SHOTS, "admin-team-fa.png"), full_page=True)
    check_contrast(admin, "the Persian team settings page")
    admin.locator("form.card button[type=submit]").click()
    admin.wait_for_url(BASE + "/admin")
    check(admin.get_by_text("10:00–14:00").count() >= 1, "Saturday's new hours show on the admin page")
    admin.goto(BASE + "/admin?lang=en")
    admin.locator("#agents-title ~ table a").nth(1).click()
    admin.wait_for_url(re.compile(r".*/admin/agents/\d+$"))
    admin.get_by_label("Tickets at once (capacity)").fill("7")
    admin.screenshot(path=os.path.join(SHOTS, "admin-agent-en.png"), full_page=True)
    admin.get_by_role("button", name="Save").click()
    admin.wait_for_url(BASE + "/admin")
    check(admin.locator(".error").count() == 0, "the agent's change was accepted")

    print("a supervisor edits routing rules and SLA policies")
    supervisor_context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    supervisor = supervisor_context.new_page()
    supervisor.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(supervisor, "supervisor@switchboard.demo")
    supervisor.get_by_role("link", name="Routing & SLA").click()
    supervisor.wait_for_url(BASE + "/admin/routing")
    rule_names = supervisor.locator("ol.rule-list > li.rule-card h3")
    demo_rules = [name.strip() for name in rule_names.all_inner_texts()]
    check({"Fraud", "Persian"} <= set(demo_rules), f"the routing page lists the demo's rules, Fraud and Persian among them ({demo_rules})")
    add_rule = supervisor.locator("#rule-new-edit")
    add_rule.locator("summary").click()
    add_rule.get_by_label("Name", exact=True).fill("Warranty claims")
    add_rule.get_by_label("Words in the subject or first message").fill("warranty, guarantee")
    add_rule.get_by_label("Email", exact=True).check()
    add_rule.get_by_label("Send to team").select_option(label="After-sales")
    add_rule.get_by_label("Add tags").fill("warranty")
    add_rule.get_by_role("button", name="Add rule").click()
    supervisor.wait_for_url(re.compile(r".*/admin/routing\?saved=1#rule-\d+$"))
    check(supervisor.locator("[role=status]").filter(has_text="saved").count() == 1, "the page says the new rule was saved")
    rules_now = [name.strip() for name in rule_names.all_inner_texts()]
    check(rules_now == demo_rules + ["Warranty claims"], f"the new rule is listed last, by its name ({rules_now})")
    added = supervisor.locator("li.rule-card").filter(has=supervisor.locator("h3", has_text="Warranty claims"))
    when = added.locator(".rule-when").inner_text() if added.count() == 1 else ""
    then = added.locator(".rule-then").inner_text() if added.count() == 1 else ""
    check("warranty" in when and "Email" in when and "After-sales" in then and "warranty" in then,
          f"as a sentence of its conditions, team and tags ({when} / {then})")
    # The browser refuses an empty name itself (the field is required) …
    add_rule.locator("summary").click()
    add_rule.get_by_role("button", name="Add rule").click()
    missing = add_rule.get_by_label("Name", exact=True).evaluate("field => field.validity.valueMissing")
    check(missing and supervisor.url.endswith("#" + added.get_attribute("id")), "a rule without a name is not sent at all")
    # … and the desk refuses a rule that does nothing, in its form, with what was typed.
    add_rule.get_by_label("Name", exact=True).fill("Does nothing")
    add_rule.get_by_label("Languages").fill("fa")
    with supervisor.expect_response(lambda r: r.url == BASE + "/admin/routing/rules" and r.request.method == "POST") as refused:
        add_rule.get_by_role("button", name="Add rule").click()
    supervisor.wait_for_load_state()
    check(refused.value.status == 400, f"a rule that does nothing is refused ({refused.value.status})")
    form_alert = supervisor.locator("#rule-new-edit [role=alert]")
    check(form_alert.count() == 1 and form_alert.is_visible() and "A rule must do something" in form_alert.inner_text(),
          "its form comes back open with the reason shown")
    check(supervisor.locator(".rules-alert[role=alert]").count() == 1, "and the top of the page says the change did not work")
    check(supervisor.locator("#rule-new-name").input_value() == "Does nothing" and supervisor.locator("#rule-new-languages").input_value() == "fa",
          "with what was typed kept")
    rules_after = [name.strip() for name in rule_names.all_inner_texts()]
    check(rules_after == rules_now, "and nothing was added")
    supervisor.goto(BASE + "/admin/routing")
    check("Does nothing" not in [name.strip() for name in rule_names.all_inner_texts()], "nor appears after a reload")

    overflow = supervisor.locator("#overflow")
    overflow.get_by_text("Change overflow").click()
    overflow.get_by_label("From team").select_option(label="Shiraz Crafts service · Shiraz Crafts")
    overflow.get_by_label("To team", exact=True).select_option(label="Shiraz Crafts service · Shiraz Crafts")
    overflow.get_by_label("After minutes waiting").fill("240")
    overflow.get_by_role("button", name="Save overflow").click()
    supervisor.wait_for_load_state()
    overflow_alert = overflow.locator("[role=alert]")
    check(overflow_alert.count() == 1 and overflow_alert.is_visible() and "cannot overflow to itself" in overflow_alert.inner_text(),
          "an overflow from a team to itself is refused in its form, with the reason")
    typed = overflow.get_by_role("group", name="Overflow 1")
    check(typed.get_by_label("After minutes waiting").input_value() == "240", "with the row as it was typed")
    typed.get_by_label("To team", exact=True).select_option(label="After-sales")
    overflow.get_by_role("button", name="Save overflow").click()
    supervisor.wait_for_url(re.compile(r".*/admin/routing\?saved=1#overflow$"))
    line = "Shiraz Crafts service → After-sales after 4 h waiting"
    check(line in overflow.inner_text(), f"the overflow line is listed ({line})")
    supervisor.goto(BASE + "/admin/routing")
    supervisor.screenshot(path=os.path.join(SHOTS, "routing-en.png"), full_page=True)
    check_contrast(supervisor, "the routing page")

    supervisor.get_by_role("link", name="Service levels").click()
    supervisor.wait_for_url(BASE + "/admin/sla")
    policy_names = supervisor.locator("ol.rule-list > li.rule-card[id^=policy-] h3")
    policies = [name.strip() for name in policy_names.all_inner_texts()]
    check(policies == ["Urgent", "VIP", "Shops", "Standard"], f"the SLA page lists the demo's policies in order ({policies})")
    vip = supervisor.locator("#policy-2")
    check("First reply 1 h" in vip.locator("ul.targets").inner_text(), "VIP promises a first reply in an hour")
    vip.locator("details.rule-edit > summary").click()
    vip.get_by_label("First reply").fill("30")
    vip.get_by_role("button", name="Save").click()
    supervisor.wait_for_url(re.compile(r".*/admin/sla\?saved=1#policy-2$"))
    targets = supervisor.locator("#policy-2 ul.targets").inner_text()
    check("First reply 30 min" in targets and "Next reply 2 h" in targets, f"VIP's new first-reply target is shown, the others kept ({targets})")
    add_policy = supervisor.locator("#policy-new-edit")
    add_policy.locator("summary").click()
    add_policy.get_by_label("Name", exact=True).fill("Wholesale")
    add_policy.get_by_label("Customer tiers").fill("wholesale")
    add_policy.get_by_label("First reply").fill("45")
    add_policy.get_by_label("Resolution").fill("480")
    add_policy.get_by_label("Around the clock").check()
    add_policy.get_by_role("button", name="Add policy").click()
    supervisor.wait_for_url(re.compile(r".*/admin/sla\?saved=1#policy-5$"))
    wholesale = supervisor.locator("#policy-5")
    check(wholesale.locator("h3").inner_text().strip() == "Wholesale", "the new policy is listed last")
    targets = wholesale.locator("ul.targets").inner_text() if wholesale.count() else ""
    check("First reply 45 min" in targets and "Resolution 8 h" in targets and "Next reply" not in targets,
          f"with its first-reply and resolution targets, and no next-reply one ({targets})")
    check("around the clock" in wholesale.locator(".rule-terms").inner_text(), "counted around the clock")
    wholesale.locator("details.rule-edit > summary").click()
    wholesale.get_by_label("First reply").fill("0")
    with supervisor.expect_response(lambda r: r.url == BASE + "/admin/sla/policies/4" and r.request.method == "POST") as refused:
        wholesale.get_by_role("button", name="Save").click()
    supervisor.wait_for_load_state()
    check(refused.value.status == 400, f"a zero first-reply target is refused ({refused.value.status})")
    policy_alert = supervisor.locator("#policy-5-edit [role=alert]")
    check(policy_alert.count() == 1 and policy_alert.is_visible() and "first reply" in policy_alert.inner_text().lower(),
          f"with a message naming the target ({policy_alert.all_inner_texts()})")
    check("First reply 45 min" in supervisor.locator("#policy-5 ul.targets").inner_text(), "and the saved target is unchanged")
    supervisor.goto(BASE + "/admin/sla")
    supervisor.screenshot(path=os.path.join(SHOTS, "sla-en.png"), full_page=True)
    check_contrast(supervisor, "the SLA page")

    phone = supervisor_context.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    for path, name in [("/admin/routing", "routing"), ("/admin/sla", "sla")]:
        phone.goto(f"{BASE}{path}?lang=fa")
        check(phone.locator("html").get_attribute("dir") == "rtl", f"the Persian {name} page is right to left")
        fits_phone(phone, f"the Persian {name} page")
        phone.screenshot(path=os.path.join(SHOTS, f"{name}-fa-phone.png"), full_page=True)
        check_contrast(phone, f"the Persian {name} page")
    check(phone.locator("#policy-5 h3").inner_text().strip() == "Wholesale", "the Persian SLA page shows the new policy by the name it was given")
    phone.close()
    supervisor_context.close()

    print("an agent reads the desk's rules but cannot change them")
    response = agent.goto(BASE + "/admin/routing?lang=en")
    check(response.status == 200, "an agent can open the routing page")
    agent_rules = [name.strip() for name in agent.locator("ol.rule-list > li.rule-card h3").all_inner_texts()]
    check(agent_rules == rules_now, f"and reads the same rules ({len(agent_rules)})")
    check(agent.locator("main form").count() == 0 and agent.locator("main details").count() == 0, "but gets no forms to edit, move or delete")
    check(agent.get_by_text("Only the platform's supervisors and admins change these").count() == 1, "and is told why")
    check(agent.get_by_role("link", name="Routing & SLA").count() == 0, "the agent's header has no link to the rules")
    csrf = agent.locator("header input[name=csrf]").first.get_attribute("value")
    sent = agent.request.post(BASE + "/admin/routing/rules", form={"csrf": csrf, "version": "99", "name": "Agent's rule", "team": "1"}, max_redirects=0)
    check(sent.status == 403, f"a rule posted by an agent anyway is refused ({sent.status})")
    sent = agent.request.post(BASE + "/admin/sla/policies/0", form={"csrf": csrf, "version": "99", "name": "Urgent", "first-response": "1", "warning": "75"}, max_redirects=0)
    check(sent.status == 403, f"and so is a policy ({sent.status})")
    response = agent.goto(BASE + "/admin/sla")
    check(response.status == 200 and agent.locator("main form").count() == 0, "the SLA page is read-only for the agent too")

    print("an agent goes online and gets cases; notifications count in the header")
    agent.goto(BASE + "/agent?view=mine&lang=en")
    queue_links = agent.locator("table.queue tbody td:first-child a")
    mine_before = set(queue_links.all_inner_texts())
    unread_before = unread_badge(agent)
    presence = agent.get_by_label("Presence")
    set_button = agent.locator("form.presence button[type=submit]")
    check(set_button.count() == 1 and set_button.is_hidden(), "the presence form's Set button (for pages without scripts) is hidden by the script")
    check(presence.input_value() == "offline", f"the agent starts offline ({presence.input_value()})")
    with agent.expect_navigation():
        presence.select_option("online")  # the page's script submits the form on change
    check(agent.url == BASE + "/agent?view=mine&lang=en", f"setting presence comes back to the same view ({agent.url})")
    expect(agent.get_by_label("Presence")).to_have_value("online")
    check(agent.locator("form.presence.presence-online").count() == 1, "the header shows the agent online")

    def mine_grew():
        agent.goto(BASE + "/agent?view=mine")
        mine = set(queue_links.all_inner_texts())
        return mine if mine - mine_before else None

    mine_after = eventually(mine_grew) or set()
    given = mine_after - mine_before
    check(bool(given), f"the dispatcher gives the online agent waiting cases ({len(mine_before)} → {len(mine_after)}: {sorted(given)})")
    check(len(mine_after) <= 12, f"no more than the agent's capacity of 12 ({len(mine_after)})")

    def badge_counts_them():
        agent.reload()
        count = unread_badge(agent)
        return count if count >= unread_before + len(given) else None

    unread_after = eventually(badge_counts_them)
    check(bool(given) and unread_after is not None,
          f"the header's badge counts the new notifications ({unread_before} → {unread_badge(agent)}, {len(given)} cases given)")
    check(agent.locator("table.queue td.due time[datetime]").count() > 0, "the queue has a due time for cases with an SLA")
    check(agent.locator("table.queue thead th").filter(has_text="Due").count() == 1, "in a Due column")
    agent.locator("header a.bell").click()
    agent.wait_for_url(BASE + "/agent/notifications")
    assigned = agent.locator("li.notification-assigned")
    hrefs = {assigned.nth(i).locator("a").get_attribute("href") for i in range(assigned.count())}
    check({f"/agent/tickets/{n}" for n in given} <= hrefs, f"the notifications list each case given ({len(hrefs)} assigned)")
    check(assigned.count() > 0 and "was given to you" in assigned.first.inner_text(), "as “#… was given to you”, linking the ticket")
    check(agent.locator("header [data-unread]").count() == 0, "reading the list clears the badge")
    agent.screenshot(path=os.path.join(SHOTS, "notifications-en.png"), full_page=True)
    check_contrast(agent, "the notifications page")
    first = sorted(given)[0] if given else None
    if first:
        agent.locator(f'li.notification-assigned a[href="/agent/tickets/{first}"]').click()
        agent.wait_for_url(f"{BASE}/agent/tickets/{first}")
        check("Ada Lin" in agent.locator('[data-live-field="owner"]').inner_text(), "a notification opens the case, now the agent's")
    agent.goto(BASE + "/agent?view=mine")
    check(unread_badge(agent) == 0, "the badge stays gone on the queue")
    phone = agent_context.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(BASE + "/agent/notifications?lang=fa")
    check(phone.locator("html").get_attribute("dir") == "rtl", "the Persian notifications page is right to left")
    fits_phone(phone, "the Persian notifications page")
    phone.screenshot(path=os.path.join(SHOTS, "notifications-fa-phone.png"), full_page=True)
    check_contrast(phone, "the Persian notifications page")
    phone.close()
    response = agent.goto(BASE + "/agent?view=at-risk&lang=en")
    check(response.status == 200 and agent.locator('nav.views a[aria-current="page"]').inner_text().startswith("At risk"),
          "the at-risk view renders")
    risky = agent.locator("table.queue tbody td.due")
    classes = [risky.nth(i).get_attribute("class") for i in range(risky.count())]
    check(bool(classes) and all("sla-warning" in c or "sla-breached" in c for c in classes),
          f"and lists only cases warned or late ({len(classes)})")

    print("an agent records a promise; the customer sees it")
    agent.goto(f"{BASE}/agent/tickets/{number}?lang=en")
    promises = agent.locator("aside section.promises")
    promises.get_by_label("Promise the customer").fill("Refund within 3 days")
    promises.get_by_label("Due", exact=True).select_option(label="within 3 days")
    promised_at = time.time()
    promises.get_by_role("button", name="Record the promise").click()
    agent.wait_for_url(f"{BASE}/agent/tickets/{number}")
    promise = promises.locator("li.promise").filter(has_text="Refund within 3 days")
    check(promise.count() == 1 and promise.locator(".promise-state").inner_text() == "open", "the promise is listed as open on the agent's page")
    due_iso = promise.locator("time").get_attribute("datetime") if promise.count() == 1 else ""
    due = calendar.timegm(time.strptime(due_iso, "%Y-%m-%dT%H:%M:%SZ")) if due_iso else 0
    check(abs(due - (promised_at + 72 * 3600)) < 120, f"due in 72 hours ({due_iso})")
    agent.screenshot(path=os.path.join(SHOTS, "ticket-promises-en.png"), full_page=True)
    check_contrast(agent, "the agent ticket view with a promise")
    customer.goto(f"{BASE}/portal/tickets/{number}")
    told = customer.locator("section.promises")
    check(told.count() == 1 and told.locator("h2").inner_text() == "我们对您的承诺", "the customer's page has “我们对您的承诺” (what we promised you)")
    shown = told.locator("li.promise").filter(has_text="Refund within 3 days")
    check(shown.count() == 1 and shown.locator("time").get_attribute("datetime") == due_iso, "listing the promise with its due time")
    check(shown.count() == 1 and "截止" in shown.inner_text() and shown.locator(".promise-state").inner_text() == "进行中", "in Chinese, as open")
    check(customer.locator("section.promises form, section.promises input").count() == 0, "the customer cannot change it")
    customer.screenshot(path=os.path.join(SHOTS, "portal-promises-zh-phone.png"), full_page=True)
    check_contrast(customer, "the Chinese portal page with a promise")
    fits_phone(customer, "the Chinese portal page with a promise")
    promise.get_by_label("What was done (optional)").fill("Refunded to the card ending 4242")
    promise.get_by_role("button", name="Kept").click()
    agent.wait_for_url(f"{BASE}/agent/tickets/{number}")
    check(promise.locator(".promise-state").inner_text() == "kept" and "Refunded to the card ending 4242" in promise.inner_text(),
          "marked kept, with the note")
    check(promise.locator("form").count() == 0, "a kept promise has no Kept button any more")
    customer.reload()
    check(shown.locator(".promise-state").inner_text() == "已兑现", "the customer's page shows it kept (已兑现)")
    promises.get_by_role("button", name="Record the promise").click()
    check(promises.get_by_label("Promise the customer").evaluate("field => field.validity.valueMissing"), "a promise without words is not sent")
    promises.get_by_label("Promise the customer").fill("Call back yesterday")
    promises.get_by_label("or on (your local time)").fill("2020-01-01T09:00")
    promises.get_by_role("button", name="Record the promise").click()
    agent.wait_for_url(re.compile(rf".*/agent/tickets/{number}\?problem=.+"))
    error = agent.locator("p.error[role=alert]")
    check(error.count() == 1 and error.is_visible() and "due time in the future" in error.inner_text(),
          f"a promise due in the past is refused with a message ({error.all_inner_texts()})")
    check(promises.locator("li.promise").filter(has_text="Call back yesterday").count() == 0, "and is not recorded")

    print("keyboard only: the sign-in form is reachable with Tab")
    keyboard = browser.new_context().new_page()
    keyboard.goto(BASE + "/sign-in?lang=en")
    focused = []
    for _ in range(8):
        keyboard.keyboard.press("Tab")
        focused.append(keyboard.evaluate("document.activeElement && (document.activeElement.id || document.activeElement.tagName)"))
    check("email" in focused and "password" in focused, f"Tab reaches email and password ({focused})")


if __name__ == "__main__":
    main()
