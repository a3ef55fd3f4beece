#!/usr/bin/env python3
"""Switchboard in a real browser: Debian's Chromium, driven by Playwright.

Starts `switchboard serve --demo` on a fresh SQLite directory, then walks through the pages the way
agents and customers use them. Screenshots of the main pages go to .build/screenshots/.

Usage: python3 Tests/Browser/run_browser_tests.py [path/to/switchboard]
Skips (exit 0, with the reason) when Chromium or Playwright is missing, unless CI=true.
"""
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

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "switchboard")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = os.path.join(ROOT, ".build", "screenshots")
IN_CI = os.environ.get("CI") == "true"


def skip(reason):
    if IN_CI:
        print(f"browser tests cannot run in CI: {reason}")
        sys.exit(1)
    print(f"skipped: browser tests need {reason}")
    sys.exit(0)


try:
    from playwright.sync_api import sync_playwright, expect
except ImportError:
    skip("Playwright (pip install playwright)")
if not os.path.exists(CHROMIUM):
    skip("Chromium (apt-get install chromium)")
if not os.path.exists(BINARY):
    skip(f"the switchboard binary at {BINARY} (swift build)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "switchboard-demo"
failures = []


def check(condition, message):
    if condition:
        print(f"  ok   {message}")
    else:
        print(f"  FAIL {message}")
        failures.append(message)


def post_json(path, body):
    request = urllib.request.Request(BASE + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def main():
    data = tempfile.mkdtemp(prefix="switchboard-browser-")
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "w")
    server = subprocess.Popen(
        [BINARY, "serve", "--demo", "--data-dir", data, "--port", str(PORT)],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "LOG_LEVEL": "notice"},
    )
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(BASE + "/ready", timeout=1) as response:
                    if response.status == 200:
                        break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("the server did not become ready; log:\n" + open(log_path).read())
        os.makedirs(SHOTS, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            run(browser, log_path)
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(data, ignore_errors=True)
    if failures:
        print(f"\n{len(failures)} browser check(s) failed")
        sys.exit(1)
    print("\nall browser checks passed; screenshots in .build/screenshots/")

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
    agent.wait_for_url(f"{BASE}/agent/tickets/{number}")
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
    agent.wait_for_url(f"{BASE}/agent/tickets/{number}")
    check(agent.locator("li.note").filter(has_text=note).count() == 1, "the agent sees the note, marked as internal")
    agent.screenshot(path=os.path.join(SHOTS, "ticket-agent-en.png"), full_page=True)
    check_contrast(agent, "the agent ticket view")
    time.sleep(1.5)
    check(note not in customer.content(), "the open portal page does not show the note")
    customer.reload()
    check(note not in customer.content(), "the reloaded portal page does not show the note")

    print("the assistant reads the customer's words; the agent sees it in three languages")
    customer.get_by_label("您的留言").fill("人工！我要找人工客服")
    customer.get_by_role("button", name="发送").click()
    customer.wait_for_url(f"{BASE}/portal/tickets/{number}")
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
    customer.wait_for_url(f"{BASE}/portal/tickets/{number}")
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
