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
const csrfField = document.querySelector('input[name="csrf"]');
let refresh = null;
if (timeline && 'EventSource' in window) {
  let pending = null;
  refresh = async () => {
    pending = null;
    const response = await fetch(window.location.pathname + window.location.search, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!response.ok) return;
    swapIn(new DOMParser().parseFromString(await response.text(), 'text/html'));
  };
  const source = new EventSource(timeline.dataset.live);
  source.addEventListener('change', () => {
    if (!pending) pending = setTimeout(refresh, 150);
  });
  // A chat's customer typing and reading (agents' pages of a chat only).
  source.addEventListener('typing', () => showTyping());
  source.addEventListener('read', (event) => {
    timeline.dataset.customerRead = event.data;
    markSeen();
  });
}

document.addEventListener('input', (event) => {
  const block = event.target.closest && event.target.closest('[data-live-block]');
  if (block) block.dataset.dirty = 'yes';
});

// Puts the fresh page's live parts in place of the old ones.
function swapIn(fresh) {
  const next = fresh.querySelector('[data-live]');
  if (next && timeline) timeline.replaceChildren(...next.childNodes);
  for (const field of document.querySelectorAll('[data-live-field]')) {
    const replacement = fresh.querySelector(`[data-live-field="${field.dataset.liveField}"]`);
    if (replacement) {
      field.textContent = replacement.textContent;
      field.hidden = replacement.hidden;
    }
  }
  // Whole blocks (a customer's promises, summary and survey) come in as they are, unless the
  // reader is typing or choosing in one.
  for (const block of document.querySelectorAll('[data-live-block]')) {
    const replacement = fresh.querySelector(`[data-live-block="${block.dataset.liveBlock}"]`);
    if (!replacement || block.contains(document.activeElement) || block.dataset.dirty) continue;
    block.replaceChildren(...Array.from(replacement.childNodes, (node) => document.importNode(node, true)));
  }
  const panel = document.querySelector('[data-chat-panel]');
  const freshPanel = fresh.querySelector('[data-chat-panel]');
  if (panel && freshPanel) panel.replaceWith(document.importNode(freshPanel, true));
  else if (panel && !freshPanel) panel.remove();
  announceIncoming(fresh);
  markSeen();
  readUpTo();
}

// Incoming chats: the header's count and the page title follow the desk; a new one may chime.
const incoming = document.querySelector('[data-incoming-chats]');
let incomingCount = incoming ? Number(incoming.dataset.incomingChats || 0) : 0;
function announceIncoming(fresh) {
  const next = fresh.querySelector('[data-incoming-chats]');
  if (!incoming || !next) return;
  const count = Number(next.dataset.incomingChats || 0);
  incoming.dataset.incomingChats = String(count);
  incoming.classList.toggle('has-incoming', count > 0);
  document.title = fresh.title;
  if (count > incomingCount && localStorage.getItem('switchboard.chatSound') === 'on') chime();
  incomingCount = count;
}
function chime() {
  try {
    const context = new AudioContext();
    const tone = context.createOscillator();
    const volume = context.createGain();
    tone.frequency.value = 660;
    volume.gain.setValueAtTime(0.08, context.currentTime);
    volume.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 0.4);
    tone.connect(volume).connect(context.destination);
    tone.start();
    tone.stop(context.currentTime + 0.4);
  } catch { /* no sound here */ }
}
for (const toggle of document.querySelectorAll('[data-chat-sound]')) {
  toggle.checked = localStorage.getItem('switchboard.chatSound') === 'on';
  toggle.addEventListener('change', () => {
    localStorage.setItem('switchboard.chatSound', toggle.checked ? 'on' : 'off');
    if (toggle.checked) chime();
  });
}

// A chat: what the customer is doing, and what they have seen.
const chatTicket = timeline && timeline.dataset.chatTicket;
let typingTimer = null;
function showTyping() {
  const line = document.querySelector('[data-typing]');
  if (!line || !timeline) return;
  line.textContent = timeline.dataset.tTyping || '';
  line.hidden = false;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => { line.hidden = true; }, 6000);
}
function markSeen() {
  if (!timeline || !chatTicket) return;
  const upTo = Number(timeline.dataset.customerRead || 0);
  for (const old of timeline.querySelectorAll('.seen-mark')) old.remove();
  if (!upTo) return;
  const seen = [...timeline.querySelectorAll('[data-author-kind="agent"][data-message-id]')].filter((item) => !item.classList.contains('note') && Number(item.dataset.messageId) <= upTo);
  const last = seen[seen.length - 1];
  if (!last) return;
  const mark = document.createElement('p');
  mark.className = 'seen-mark muted';
  mark.textContent = timeline.dataset.tSeen || '';
  last.append(mark);
}
function signal(fields) {
  if (!chatTicket || !csrfField) return;
  const body = new URLSearchParams({ csrf: csrfField.value, ...fields });
  fetch(`/agent/tickets/${chatTicket}/signal`, { method: 'POST', credentials: 'same-origin', body }).catch(() => {});
}
let readSent = 0;
function readUpTo() {
  if (!timeline || !chatTicket || document.visibilityState !== 'visible') return;
  const ids = [...timeline.querySelectorAll('[data-author-kind="customer"][data-message-id]')].map((item) => Number(item.dataset.messageId));
  const latest = Math.max(0, ...ids);
  if (latest > readSent) {
    readSent = latest;
    signal({ kind: 'read', upTo: String(latest) });
  }
}
if (chatTicket) {
  markSeen();
  readUpTo();
  document.addEventListener('visibilitychange', readUpTo);
}

// The composer sends without leaving the page (the page's live part shows the message), and
// keeps what was typed if sending fails. In a chat Enter sends; elsewhere Ctrl+Enter does.
const composer = document.querySelector('form.composer');
if (composer && refresh) {
  const body = composer.querySelector('textarea[name="body"]');
  const chat = composer.hasAttribute('data-chat-composer');
  let sending = false;
  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending || !body.value.trim()) return;
    sending = true;
    const shown = document.querySelector('.error[role="alert"]');
    if (shown) shown.remove();
    try {
      const response = await fetch(composer.action, { method: 'POST', credentials: 'same-origin', body: new URLSearchParams(new FormData(composer)) });
      // A reply to a closed ticket opened its follow-up: show that one, where the reply went.
      if (response.ok && new URL(response.url).pathname !== window.location.pathname) {
        body.value = '';
        window.location.assign(response.url);
        return;
      }
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
      const problem = fresh.querySelector('.error[role="alert"]');
      if (!response.ok || problem) {
        // Whatever went wrong, the words stay in the box and the page says so.
        composer.before(problem ? document.importNode(problem, true) : failure());
      } else {
        body.value = '';
        swapIn(fresh);
      }
    } catch {
      // The network failed: the reply may or may not have been stored, so it is not sent again
      // by itself (a reply has no id to be stored once); the words stay, and the page says so.
      composer.before(failure());
    } finally {
      sending = false;
    }
  });
  const failure = () => {
    const note = document.createElement('p');
    note.className = 'error card';
    note.setAttribute('role', 'alert');
    note.textContent = composer.dataset.tSendFailed || '';
    return note;
  };
  let lastTyping = 0;
  body.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    if ((chat && !event.shiftKey) || event.ctrlKey || event.metaKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  body.addEventListener('input', () => {
    const visibility = composer.querySelector('input[name="visibility"]:checked');
    if (!chat || (visibility && visibility.value !== 'public')) return;
    const now = Date.now();
    if (now - lastTyping > 3000) {
      lastTyping = now;
      signal({ kind: 'typing' });
    }
  });
}

// Keys: in the queue j / k move through the tickets, / searches, n opens a new ticket; on a
// ticket r goes to the reply. Never while typing in a field.
document.addEventListener('keydown', (event) => {
  const target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
  const rows = [...document.querySelectorAll('tr[data-row] a')];
  const search = document.querySelector('[data-shortcut="/"]');
  if ((event.key === 'j' || event.key === 'k') && rows.length) {
    const at = rows.indexOf(document.activeElement);
    const next = event.key === 'j' ? Math.min(rows.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
    rows[next].focus();
    rows[next].closest('tr').scrollIntoView({ block: 'nearest' });
    event.preventDefault();
  } else if (event.key === '/' && search) {
    search.focus();
    event.preventDefault();
  } else if (event.key === 'n' && search) {
    window.location.assign('/agent/tickets/new');
  } else if (event.key === 'r' && composer) {
    composer.querySelector('textarea').focus();
    event.preventDefault();
  }
});

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
