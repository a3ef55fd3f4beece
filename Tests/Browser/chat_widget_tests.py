#!/usr/bin/env python3
"""The live-chat widget on another site's page, in a real browser: Debian's Chromium, driven by Playwright.

Starts `switchboard serve --demo` on a fresh SQLite directory and, on a second origin (another port
of 127.0.0.1), a bare shop page whose only content is the widget's one tag. Then, in English,
Chinese and Persian, the way a shop's visitor uses it:
  1. the launcher sits in the page's corner (left in Persian, right otherwise) and opens the
     desk's chat in a frame of the desk's origin, right to left in Persian;
  2. a question the assistant knows is answered with its article's passage, a link to the article
     and "Did this solve it?" Yes / No;
  3. with nobody online, "Talk to a person" says the desk is closed, when they will hear back and
     the request's number, and the agent finds that request;
  4. an agent is online; the visitor asks for a person in words, sees the wait (or the agent
     joining), the agent accepts and replies, the reply and the agent's name and number arrive
     live, and from then on the assistant keeps quiet while the visitor's words reach the agent live;
  5. the conversation is there again after the shop's page is reloaded;
  6. on a phone (390×844) the open widget fits without sideways scrolling (English, Persian).
Nothing here depends on how the chat travels (WebSocket or server-sent events): only what the
visitor and the agent see. Screenshots go to .build/screenshots/widget-<lang>-<desktop|phone>.png.

Usage: python3 Tests/Browser/chat_widget_tests.py [path/to/switchboard]
Skips (exit 0, with the reason) when Chromium or Playwright is missing, unless CI=true.
"""
import html
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import struct
import threading
import zlib
import time
import urllib.request

from harness import SHOTS, CHROMIUM, Desk, binary, check, eventually, finish, free_port, require_tools

BINARY = binary()
_playwright = require_tools("chat widget tests")
sync_playwright, expect, PlaywrightTimeout = _playwright.sync_playwright, _playwright.expect, _playwright.TimeoutError


PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
SHOP_PORT = free_port()
while SHOP_PORT == PORT:
    SHOP_PORT = free_port()
SHOP = f"http://127.0.0.1:{SHOP_PORT}"
PASSWORD = "switchboard-demo"
LANGS = ["en", "zh", "fa"]
# Every wait for something to appear is bounded; the desk works out a visitor's wait every 5 s.
SHORT = 10_000
LONG = 15_000


def check_expect(assertion, message):
    """A Playwright `expect` (or any wait) as one check: a timeout is a failure, not a crash."""
    try:
        assertion()
        check(True, message)
        return True
    except (AssertionError, PlaywrightTimeout) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        check(False, f"{message} ({first[:160]})")
        return False




# What the chat window says, per language (Sources/SwitchboardWeb/Localization/Catalog+Chat.swift).
WORDS = {
    "launcher": {"en": "Chat with us", "zh": "在线咨询", "fa": "گفتگو با ما"},
    "connecting": {"en": "Connecting…", "zh": "正在连接…", "fa": "در حال اتصال…"},
    "assistant": {"en": "Assistant", "zh": "智能助手", "fa": "دستیار"},
    "talkToPerson": {"en": "Talk to a person", "zh": "转人工客服", "fa": "گفتگو با کارشناس"},
    "readMore": {"en": "Read more:", "zh": "详细说明：", "fa": "بیشتر بخوانید:"},
    "solvedQuestion": {"en": "Did this solve it?", "zh": "问题解决了吗？", "fa": "مشکل حل شد؟"},
    "yes": {"en": "Yes", "zh": "解决了", "fa": "بله"},
    "no": {"en": "No", "zh": "没有", "fa": "نه"},
    "thanks": {"en": "Glad that helped! I have marked this conversation solved; write again any time.",
               "zh": "很高兴帮到您！本次对话已标记为已解决，有需要随时再来。",
               "fa": "خوشحالم که کمک کرد! این گفتگو را حل\u200cشده علامت زدم؛ هر وقت خواستید دوباره بنویسید."},
    "closedAt": {"en": "We are closed now; you will hear from us by {time}, your time. Your request is #{ticket}.",
                 "zh": "我们现在不在服务时间；我们会在您当地时间 {time} 前回复您。您的请求编号是 #{ticket}。",
                 "fa": "اکنون خارج از ساعت کاری هستیم؛ تا {time} به وقت شما پاسخ می\u200cگیرید. شماره درخواست شما #{ticket} است."},
    "awayAt": {"en": "Everyone is busy or away right now; you will hear from us by {time}, your time. Your request is #{ticket}.",
               "zh": "客服目前都在忙或暂时离开；我们会在您当地时间 {time} 前回复您。您的请求编号是 #{ticket}。",
               "fa": "همه کارشناسان اکنون مشغول یا دور از میز هستند؛ تا {time} به وقت شما پاسخ می\u200cگیرید. شماره درخواست شما #{ticket} است."},
    "closedHint": {"en": "You can close this page: the answer will be waiting here when you come back.",
                   "zh": "您可以关闭此页面：回来时回复会在这里等着您。",
                   "fa": "می\u200cتوانید این صفحه را ببندید؛ وقتی برگردید پاسخ همین\u200cجا منتظر شماست."},
    "place": {"en": "You are {place} in line, about {minutes} min.", "zh": "您前面排在第 {place} 位，预计约 {minutes} 分钟。",
              "fa": "شما نفر {place} صف هستید؛ حدود {minutes} دقیقه."},
    "placeNext": {"en": "You are next: someone will be with you in a moment.", "zh": "马上轮到您，客服即将接入。",
                  "fa": "نفر بعدی شما هستید؛ به\u200cزودی کسی به شما می\u200cپیوندد."},
    "joined": {"en": "{name} (#{number}) has joined.", "zh": "{name}（工号 {number}）已加入对话。", "fa": "{name} (شماره {number}) به گفتگو پیوست."},
    "owner": {"en": "With {name} (#{number})", "zh": "正在为您服务：{name}（工号 {number}）", "fa": "در گفتگو با {name} (شماره {number})"},
}
# A question the demo assistant answers from an article, in each language, and the article.
QUESTIONS = {
    "en": ("I forgot my password, how do I reset it?", "/help/articles/account_login-en"),
    "zh": ("忘记密码了怎么办？", "/help/articles/account_login-zh"),
    "fa": ("رمز عبورم را فراموش کرده\u200cام، چطور عوضش کنم؟", "/help/articles/account_login-fa"),
}
# Asking for a person in words, not with the button.
ASK_FOR_PERSON = {"en": "I want to talk to a human", "zh": "转人工", "fa": "میخوام با اپراتور صحبت کنم"}
# Said after a person has the chat: the assistant would answer this (an order question) if it spoke.
AFTER_JOIN = {"en": "Where is my order 40012? It has not arrived.", "zh": "我的订单 40012 到哪了？还没收到。",
              "fa": "سفارش ۴۰۰۱۲ من کجاست؟ هنوز نرسیده."}
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def ascii_digits(text):
    return text.translate(DIGITS)


def pattern(template, **groups):
    """A regex for a catalog sentence: its `{name}` placeholders become the given groups, the rest is literal."""
    out = ""
    for piece in re.split(r"(\{\w+\})", template):
        name = piece[1:-1] if piece.startswith("{") and piece.endswith("}") else None
        out += f"(?P<{name}>{groups[name]})" if name in groups else re.escape(piece)
    return re.compile(out)


def words(key, lang, **values):
    text = WORDS[key][lang]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


# The shop: another origin whose page holds nothing but the widget's tag.
class ShopPage(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        match = re.match(r"^/(en|zh|fa)\.html$", self.path)
        if not match:
            self.send_error(404)
            return
        body = (
            "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Shop</title></head>\n"
            f"<body>\n<script src=\"{BASE}/widget.js\" data-lang=\"{match.group(1)}\" async></script>\n</body></html>\n"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    desk = Desk(PORT, "sb-widget-")
    shop = http.server.ThreadingHTTPServer(("127.0.0.1", SHOP_PORT), ShopPage)
    shop_thread = threading.Thread(target=shop.serve_forever, daemon=True)
    shop_thread.start()
    try:
        desk.wait_ready()
        # The assistant trains for a few seconds after the desk starts (a chat message meanwhile
        # waits for it): the checks begin once it is ready, so their time limits measure the chat.
        trained = eventually(lambda: re.search(r"assistant trained|assistant model read", desk.log_text()), timeout=120, interval=0.5)
        if not trained:
            print("note: the log does not say the assistant is ready after 120 s; going on")
        os.makedirs(SHOTS, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            run(browser)
            browser.close()
    finally:
        shop.shutdown()
        shop.server_close()
        if desk.server.poll() is not None:
            check(False, f"the desk stayed up through the test (it exited with {desk.server.returncode})")
            print("the desk's log, its end:\n" + "".join(desk.log_text().splitlines(keepends=True)[-40:]))
        desk.stop()
    finish("chat widget")


# The widget on the shop's page.

def open_shop(context, lang):
    context.set_default_timeout(SHORT)
    page = context.new_page()
    page.goto(f"{SHOP}/{lang}.html")
    return page


def panel(page):
    return page.locator("iframe[data-switchboard-panel]")


def chat(page):
    return page.frame_locator("iframe[data-switchboard-panel]")


def chat_frame(page):
    handle = panel(page).element_handle(timeout=SHORT)
    return handle.content_frame() if handle else None


def open_widget(page, lang):
    launcher = page.locator("[data-switchboard-launcher]")
    launcher.click(timeout=SHORT)
    expect(panel(page)).to_be_visible(timeout=SHORT)
    # The window is ready to take a message once the desk welcomed it ("Connecting…" is gone).
    expect(chat(page).locator("[data-chat-log]")).to_be_visible(timeout=SHORT)
    expect(chat(page).locator("[data-chat-status]")).not_to_have_text(words("connecting", lang), timeout=SHORT)


def bot_bubbles(page):
    return chat(page).locator("li.chat-message.chat-bot")


def say(page, text):
    """Types a message and sends it with Enter; waits until the desk acknowledged it (stored)."""
    box = chat(page).locator("[data-chat-input]")
    box.fill(text)
    box.press("Enter")
    mine = chat(page).locator("li.chat-customer").filter(has_text=text).last
    expect(mine.locator(".chat-receipt[data-state=delivered]")).to_have_count(1, timeout=SHORT)
    return mine


def mark_page(target):
    """Leaves a mark on a page's window: gone if the page reloads."""
    target.evaluate("() => { window.__switchboardTestMark = 'kept'; }")


def still_marked(target):
    return target.evaluate("() => window.__switchboardTestMark === 'kept'")


def ask_answered_question(page, lang):
    """Flow 2: a question the assistant answers from an article."""
    question, article_path = QUESTIONS[lang]
    before = bot_bubbles(page).count()
    try:
        say(page, question)
        check(True, f"[{lang}] the question is delivered to the desk")
    except (AssertionError, PlaywrightTimeout):
        check(False, f"[{lang}] the question is delivered to the desk")
        return None
    answered = check_expect(lambda: expect(bot_bubbles(page)).to_have_count(before + 1, timeout=SHORT),
                            f"[{lang}] the assistant answers")
    if not answered:
        return None
    answer = bot_bubbles(page).last
    passage = answer.locator(".chat-text").inner_text().strip()
    # The buttons come with the turn, just after the words.
    if not check_expect(lambda: expect(answer.locator(".chat-actions")).to_be_visible(timeout=SHORT),
                        f"[{lang}] with the answer's actions under it"):
        return passage
    link = answer.locator(".chat-article a")
    check(link.count() == 1, f"[{lang}] the answer links one article ({link.count()})")
    if link.count() == 1:
        href = link.get_attribute("href") or ""
        resolved = link.evaluate("a => a.href")
        check(href == article_path and resolved == BASE + article_path,
              f"[{lang}] to {article_path} on the desk's origin ({resolved})")
        check(words("readMore", lang) in answer.locator(".chat-article").inner_text(), f"[{lang}] under “{words('readMore', lang)}”")
        with urllib.request.urlopen(BASE + article_path, timeout=10) as response:
            article_page = html.unescape(response.read().decode())
        check(len(passage) > 40 and passage in article_page, f"[{lang}] the answer is a passage of that article ({passage[:50]}…)")
        check(link.inner_text().strip() in article_page, f"[{lang}] the link is titled with the article's title ({link.inner_text()})")
    actions = answer.locator(".chat-actions")
    check(words("solvedQuestion", lang) in actions.inner_text(), f"[{lang}] it asks “{words('solvedQuestion', lang)}”")
    buttons = [b.strip() for b in actions.locator("button").all_inner_texts()]
    check(buttons == [words("yes", lang), words("no", lang)] and actions.locator("button:enabled").count() == 2,
          f"[{lang}] with {words('yes', lang)} / {words('no', lang)} buttons ({buttons})")
    return passage


def run(browser):
    numbers = {}

    for lang in LANGS:
        print(f"[{lang}] the widget on a shop's page; nobody of the desk is online")
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = open_shop(context, lang)
        launcher = page.locator("[data-switchboard-launcher]")
        if not check_expect(lambda: expect(launcher).to_be_visible(timeout=SHORT), f"[{lang}] the launcher appears on the shop's page"):
            context.close()
            continue
        check(words("launcher", lang) in launcher.inner_text(), f"[{lang}] labelled “{words('launcher', lang)}” ({launcher.inner_text()})")
        check(launcher.get_attribute("aria-expanded") == "false", f"[{lang}] closed to begin with")
        box = launcher.bounding_box()
        width = page.viewport_size["width"]
        if lang == "fa":
            check(box["x"] <= 40, f"[{lang}] in the bottom-left corner, for a right-to-left language (x={box['x']:.0f})")
        else:
            check(width - (box["x"] + box["width"]) <= 40, f"[{lang}] in the bottom-right corner (right edge {box['x'] + box['width']:.0f} of {width})")
        check(page.locator("iframe").count() == 0, f"[{lang}] the chat is not loaded before the visitor asks for it")

        try:
            open_widget(page, lang)
            check(True, f"[{lang}] the launcher opens the chat, and the desk welcomes it")
        except (AssertionError, PlaywrightTimeout) as error:
            check(False, f"[{lang}] the launcher opens the chat, and the desk welcomes it ({str(error).splitlines()[0][:120]})")
            context.close()
            continue
        check(launcher.get_attribute("aria-expanded") == "true", f"[{lang}] the launcher says the chat is open")
        frame = chat_frame(page)
        check(frame is not None and frame.url.startswith(f"{BASE}/chat?") and "embed=1" in frame.url,
              f"[{lang}] in a frame of the desk's origin ({frame.url if frame else None})")
        check(page.evaluate("() => document.querySelector('iframe').contentDocument") is None,
              f"[{lang}] which the shop's page cannot read into")
        direction = chat(page).locator("html").get_attribute("dir")
        check(direction == ("rtl" if lang == "fa" else "ltr"), f"[{lang}] the chat's document is dir={direction}")
        check(chat(page).locator("html").get_attribute("lang").startswith(lang), f"[{lang}] and in the widget's language")
        frame_box = panel(page).bounding_box()
        if lang == "fa":
            check(frame_box["x"] <= 40, f"[{lang}] the chat opens on the left, above the launcher (x={frame_box['x']:.0f})")
        else:
            check(width - (frame_box["x"] + frame_box["width"]) <= 40, f"[{lang}] the chat opens on the right, above the launcher")
        person = chat(page).locator("[data-chat-person]")
        check(person.inner_text().strip() == words("talkToPerson", lang), f"[{lang}] the header offers “{words('talkToPerson', lang)}”")

        passage = ask_answered_question(page, lang)
        page.screenshot(path=os.path.join(SHOTS, f"widget-{lang}-desktop.png"))

        print(f"[{lang}] “{words('talkToPerson', lang)}” while the desk is closed")
        mark_page(page)
        person.click()
        status = chat(page).locator("[data-chat-status]")
        # Outside the team's hours the desk is closed; within them, with nobody online, its people
        # are away. Which one depends on the hour the suite runs: either line, with the time and number.
        closed = pattern(WORDS["closedAt"][lang], time=r".*?\d.*?", ticket=r"\d+")
        away = pattern(WORDS["awayAt"][lang], time=r".*?\d.*?", ticket=r"\d+")
        said = ""

        def closed_line():
            nonlocal said
            said = ascii_digits(status.inner_text()) if status.is_visible() else ""
            return closed.search(said) or away.search(said)

        found = eventually(closed_line, timeout=LONG / 1000)
        check(bool(found), f"[{lang}] the window says the desk is closed, when they will hear back and the request's number ({said})")
        check(words("closedHint", lang) in status.inner_text(), f"[{lang}] and that the answer will wait here")
        check(still_marked(page), f"[{lang}] without reloading the page")
        if found:
            numbers[lang] = int(found.group("ticket"))

        print(f"[{lang}] the conversation is there again after the shop's page is reloaded")
        page.reload()
        try:
            open_widget(page, lang)
            check(True, f"[{lang}] the reloaded page opens the chat again")
        except (AssertionError, PlaywrightTimeout):
            check(False, f"[{lang}] the reloaded page opens the chat again")
        log = chat(page).locator("[data-chat-log]")
        question = QUESTIONS[lang][0]
        check_expect(lambda: expect(log.locator("li.chat-customer").filter(has_text=question)).to_have_count(1, timeout=SHORT),
                     f"[{lang}] the visitor's question is shown again, once")
        if passage:
            check_expect(lambda: expect(log.locator("li.chat-bot").filter(has_text=passage)).to_have_count(1, timeout=SHORT),
                         f"[{lang}] and the assistant's answer")
        if found:
            again = eventually(closed_line, timeout=LONG / 1000)
            check(bool(again) and again.group("ticket") == found.group("ticket"),
                  f"[{lang}] and the closed-desk line with the same request number, #{found.group('ticket')} ({said})")
        context.close()

    for lang in ["en", "fa"]:
        print(f"[{lang}] on a phone")
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
        page = open_shop(context, lang)
        try:
            open_widget(page, lang)
        except (AssertionError, PlaywrightTimeout):
            check(False, f"[{lang}] the chat opens on a phone")
            context.close()
            continue
        answered = ask_answered_question(page, lang)
        host_width = page.evaluate("document.documentElement.scrollWidth")
        check(host_width <= 390, f"[{lang}] the shop's page does not scroll sideways with the chat open ({host_width}px)")
        frame_box = panel(page).bounding_box()
        check(frame_box["x"] >= 0 and frame_box["x"] + frame_box["width"] <= 390.5,
              f"[{lang}] the chat's frame is within the screen ({frame_box['x']:.0f}–{frame_box['x'] + frame_box['width']:.0f})")
        frame = chat_frame(page)
        inner = frame.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        check(inner[0] <= inner[1], f"[{lang}] the chat does not scroll sideways inside its frame ({inner[0]}px in {inner[1]}px)")
        for name, selector in [("message box", "[data-chat-input]"), ("send button", "[data-chat-form] button[type=submit]"),
                               ("“talk to a person” button", "[data-chat-person]"), ("close button", "[data-chat-close]")]:
            target = chat(page).locator(selector)
            spot = target.bounding_box() if target.count() == 1 else None
            check(spot is not None and spot["x"] >= 0 and spot["x"] + spot["width"] <= 390.5 and spot["y"] + spot["height"] <= 844.5,
                  f"[{lang}] the {name} is on the screen ({spot and {k: round(v) for k, v in spot.items()}})")
        page.screenshot(path=os.path.join(SHOTS, f"widget-{lang}-phone.png"))
        if answered:
            chat(page).locator(".chat-actions button").filter(has_text=words("yes", lang)).last.click()
            check_expect(lambda: expect(bot_bubbles(page).last).to_contain_text(words("thanks", lang), timeout=SHORT),
                         f"[{lang}] “{words('yes', lang)}” is thanked")
        chat(page).locator("[data-chat-close]").click()
        check_expect(lambda: expect(panel(page)).to_be_hidden(timeout=SHORT), f"[{lang}] the close button closes the chat on the shop's page")
        check(page.locator("[data-switchboard-launcher]").get_attribute("aria-expanded") == "false", f"[{lang}] and the launcher says so")
        context.close()

    print("the agent finds the requests left while the desk was closed")
    agent_context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    agent_context.set_default_timeout(LONG)
    agent = agent_context.new_page()
    agent.goto(BASE + "/sign-in?lang=en")
    agent.get_by_label("Email").fill("agent@switchboard.demo")
    agent.get_by_label("Password").fill(PASSWORD)
    agent.get_by_role("button", name="Sign in").click()
    agent.wait_for_url(BASE + "/agent")
    presence = agent.locator("#presence-menu")
    check(presence.input_value() == "offline", f"the agent was not online during the closed-desk checks ({presence.input_value()})")
    me = re.search(r"(.+?)\s*·\s*#(\d+)", agent.locator("header").inner_text())
    agent_name, agent_number = (me.group(1).strip().splitlines()[-1].strip(), me.group(2)) if me else ("Ada Lin", "")
    check(bool(me), f"the header names the agent and their number ({agent_name} #{agent_number})")
    for lang, number in numbers.items():
        response = agent.goto(f"{BASE}/agent/tickets/{number}?lang=en")
        check(response.status == 200, f"[{lang}] request #{number} exists ({response.status})")
        if response.status != 200:
            continue
        timeline = agent.locator("#timeline").inner_text()
        check(QUESTIONS[lang][0] in timeline, f"[{lang}] with the visitor's question in it")
        check("passed on from the assistant" in timeline, f"[{lang}] passed on from the assistant to a team")
        team = agent.locator('[data-live-field="team"]').inner_text().strip()
        check(team not in ("", "Nobody yet"), f"[{lang}] which has it in its queue ({team})")

    print("the agent goes online")
    with agent.expect_navigation():
        presence.select_option("online")
    check(agent.locator("#presence-menu").input_value() == "online" and agent.locator("form.presence.presence-online").count() == 1,
          "the agent is online")

    for lang in LANGS:
        person_path(browser, agent, lang, agent_name, agent_number)
    agent_context.close()


def small_png(width, height):
    """A real PNG (a colour gradient), made here: the desk reads a file's kind from its bytes."""
    rows = b"".join(b"\x00" + b"".join(bytes([x * 5 % 256, y * 7 % 256, 160]) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def agent_says(agent, text, lang):
    """The agent replies from the ticket's composer (sent with or without leaving the page)."""
    agent.locator("form.composer textarea[name=body]").fill(text)
    agent.locator("form.composer button[type=submit]").click()
    check_expect(lambda: expect(agent.locator("#timeline")).to_contain_text(text, timeout=SHORT),
                 f"[{lang}] the agent's page shows the reply sent")


def person_path(browser, agent, lang, agent_name, agent_number):
    print(f"[{lang}] the visitor asks for a person in words; the agent takes the chat")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = open_shop(context, lang)
    try:
        open_widget(page, lang)
    except (AssertionError, PlaywrightTimeout):
        check(False, f"[{lang}] the chat opens")
        context.close()
        return
    mark_page(page)
    frame = chat_frame(page)
    mark_page(frame)
    asked = ASK_FOR_PERSON[lang]
    bots_before = bot_bubbles(page).count()
    try:
        say(page, asked)
        check(True, f"[{lang}] “{asked}” is delivered")
    except (AssertionError, PlaywrightTimeout):
        check(False, f"[{lang}] “{asked}” is delivered")
        context.close()
        return
    status = chat(page).locator("[data-chat-status]")
    log = chat(page).locator("[data-chat-log]")
    place = pattern(WORDS["place"][lang], place=r"\d+(?:st|nd|rd|th)?", minutes=r"\d+")
    joined_line = words("joined", lang, name=agent_name, number=agent_number)
    seen = ""

    def waiting_or_joined():
        nonlocal seen
        seen = ascii_digits(status.inner_text()) if status.is_visible() else ""
        return place.search(seen) or words("placeNext", lang) in seen or has_note(joined_line)

    def has_note(line):
        # Numbers may be written in the language's digits (Persian ۱۰۰۳ for 1003).
        return any(line in ascii_digits(text) for text in log.locator("li.chat-note").all_inner_texts())

    check(bool(eventually(waiting_or_joined, timeout=LONG / 1000)),
          f"[{lang}] the visitor sees their place in line and the wait, or the agent joining ({seen!r}; "
          f"assistant said: {bot_bubbles(page).all_inner_texts()[bots_before:]})")

    # The agent finds the chat as they would: newest first in the queue's "All" view.
    agent.goto(f"{BASE}/agent?view=all&lang=en")
    row = agent.locator("table.queue tbody tr").filter(has_text=asked).first
    link = row.locator("a[href^='/agent/tickets/']").first
    href = link.get_attribute("href", timeout=SHORT) if row.count() else None
    check(href is not None, f"[{lang}] the agent sees the chat in the queue ({href})")
    if not href:
        context.close()
        return
    number = href.rsplit("/", 1)[-1]
    agent.goto(f"{BASE}/agent/tickets/{number}?lang=en")
    try:
        agent.locator("form[data-chat-accept] button").click(timeout=SHORT)
        agent.wait_for_load_state()
        check(True, f"[{lang}] the agent accepts the chat (form[data-chat-accept])")
    except (AssertionError, PlaywrightTimeout):
        check(False, f"[{lang}] the agent accepts the chat (form[data-chat-accept]; {agent.locator('form[data-chat-accept]').count()} on the page)")
    reply = f"Hello, this is {agent_name}. I can help you with that. ({lang}-{int(time.time())})"
    agent_says(agent, reply, lang)

    from_agent = log.locator("li.chat-agent").filter(has_text=reply)
    check_expect(lambda: expect(from_agent).to_have_count(1, timeout=SHORT), f"[{lang}] the agent's reply reaches the open chat")
    check(still_marked(page) and still_marked(frame), f"[{lang}] without a reload of the page or the chat")
    if from_agent.count() == 1:
        author = from_agent.locator(".chat-author").inner_text()
        check(agent_name in author and f"#{agent_number}" in ascii_digits(author), f"[{lang}] signed with the agent's name and number ({author})")
    check(bool(eventually(lambda: has_note(joined_line), timeout=SHORT / 1000)),
          f"[{lang}] the chat says “{joined_line}” ({log.locator('li.chat-note').all_inner_texts()})")
    owner = chat(page).locator("[data-chat-owner]")
    owner_line = words("owner", lang, name=agent_name, number=agent_number)
    check(bool(eventually(lambda: ascii_digits(owner.inner_text()).strip() == owner_line, timeout=SHORT / 1000)),
          f"[{lang}] and its header “{owner_line}” ({owner.inner_text()})")

    print(f"[{lang}] with a person on the chat, the assistant keeps quiet")
    bots = bot_bubbles(page).count()
    mark_page(agent)
    later = AFTER_JOIN[lang]
    try:
        say(page, later)
        check(True, f"[{lang}] the visitor's next message is delivered")
    except (AssertionError, PlaywrightTimeout):
        check(False, f"[{lang}] the visitor's next message is delivered")
    check_expect(lambda: expect(agent.locator("#timeline")).to_contain_text(later, timeout=SHORT),
                 f"[{lang}] and reaches the agent's open page")
    check(still_marked(agent), f"[{lang}] without a reload of the agent's page")
    # The desk sends a conversation's events in order: once the agent's next reply is in the
    # window, anything the assistant had said after the visitor's message would be there too.
    marker = f"Let me check that order for you. ({lang}-{int(time.time())})"
    agent_says(agent, marker, lang)
    arrived = check_expect(lambda: expect(log.locator("li.chat-agent").filter(has_text=marker)).to_have_count(1, timeout=SHORT),
                           f"[{lang}] the agent's next reply arrives")
    if arrived:
        check(bot_bubbles(page).count() == bots, f"[{lang}] and the assistant said nothing in between "
              f"({bot_bubbles(page).all_inner_texts()[bots:]})")
        tail = log.locator("li.chat-message").evaluate_all("items => items.map((item) => item.className)")
        check(tail[-2:] == ["chat-message chat-customer", "chat-message chat-agent"],
              f"[{lang}] the window ends with the visitor's message, then the agent's ({tail[-3:]})")

    print(f"[{lang}] a photo as evidence: sent from the window, shown to both sides")
    photo = os.path.join(tempfile.mkdtemp(prefix="sb-widget-photo-"), f"broken-cup-{lang}.png")
    with open(photo, "wb") as out:
        out.write(small_png(48, 32))
    chat(page).locator("[data-chat-file]").set_input_files(photo)
    picture = log.locator("li.chat-customer .chat-file img")
    if check_expect(lambda: expect(picture).to_have_count(1, timeout=SHORT), f"[{lang}] the photo shows in the visitor's window"):
        eventually(lambda: picture.evaluate("img => img.complete && img.naturalWidth > 0"), timeout=SHORT / 1000)
        check(picture.evaluate("img => img.naturalWidth") == 48, f"[{lang}] as the picture itself, loaded from the desk")
    check_expect(lambda: expect(agent.locator("#timeline ul.files img")).to_have_count(1, timeout=SHORT),
                 f"[{lang}] and on the agent's open page, without a reload")
    check(bot_bubbles(page).count() == bots, f"[{lang}] the assistant does not answer a photo")

    print(f"[{lang}] the conversation with the person is there again after a reload")
    page.reload()
    try:
        open_widget(page, lang)
    except (AssertionError, PlaywrightTimeout):
        check(False, f"[{lang}] the reloaded page opens the chat again")
    for text, who in [(asked, "the request for a person"), (reply, "the agent's reply"), (later, "the visitor's message to the agent")]:
        check_expect(lambda: expect(log.locator("li.chat-message").filter(has_text=text)).to_have_count(1, timeout=SHORT),
                     f"[{lang}] {who} is shown again, once")
    context.close()


if __name__ == "__main__":
    main()
