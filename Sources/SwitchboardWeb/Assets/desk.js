// Switchboard desk: small enhancements for server-rendered pages.
const autoSubmit = document.querySelectorAll('[data-auto-submit]');
for (const control of autoSubmit) {
  control.addEventListener('change', () => control.form && control.form.requestSubmit());
}
for (const button of document.querySelectorAll('[data-js-hidden]')) {
  button.hidden = true;
}

// Live updates: the server says "this changed"; the page fetches itself again and swaps in the
// live part (a ticket's timeline and status, or the queue), leaving whatever is being typed untouched.
const timeline = document.querySelector('[data-live]');
if (timeline && 'EventSource' in window) {
  let pending = null;
  const refresh = async () => {
    pending = null;
    const response = await fetch(window.location.pathname + window.location.search, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    const next = fresh.querySelector('[data-live]');
    if (next) timeline.replaceChildren(...next.childNodes);
    for (const field of document.querySelectorAll('[data-live-field]')) {
      const replacement = fresh.querySelector(`[data-live-field="${field.dataset.liveField}"]`);
      if (replacement) field.textContent = replacement.textContent;
    }
  };
  const source = new EventSource(timeline.dataset.live);
  source.addEventListener('change', () => {
    if (!pending) pending = setTimeout(refresh, 150);
  });
}

// A promise's exact due time is typed in the agent's own local time: the form sends the
// browser's offset from UTC with it (minutes east), so the desk stores the moment meant.
for (const offset of document.querySelectorAll('[data-utc-offset]')) {
  offset.value = String(-new Date().getTimezoneOffset());
}

// Presence: an agent who types or clicks on a desk page is not idle. At most one note every
// two minutes, only while someone is actually using the page.
const presence = document.querySelector('#presence-menu');
const csrf = document.querySelector('input[name="csrf"]');
if (presence && csrf) {
  let lastSent = 0;
  const noteActivity = () => {
    const now = Date.now();
    if (now - lastSent < 120000) return;
    lastSent = now;
    fetch('/api/v1/me/activity', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf.value } }).catch(() => {});
  };
  for (const kind of ['keydown', 'pointerdown', 'scroll']) {
    window.addEventListener(kind, noteActivity, { passive: true });
  }
}
