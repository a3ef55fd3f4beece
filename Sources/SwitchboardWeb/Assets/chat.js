// The chat window (full page at /chat, and inside the widget's frame on a shop's page).
// Speaks the desk's chat protocol (docs/API.md, "Live chat") over a WebSocket, or, where a network
// blocks those, as server-sent events out and POSTs in. Every message gets an id here;
// it stays in the outbox (kept in localStorage) until the desk acknowledges it, and is sent again
// after a reconnect, under the same id, so nothing is lost and nothing is stored twice.

const root = document.querySelector('[data-chat]');
if (root) start(root);
// The language menu of the full page changes the language as it is chosen.
for (const menu of document.querySelectorAll('[data-auto-submit]')) menu.addEventListener('change', () => menu.form.requestSubmit());
for (const button of document.querySelectorAll('[data-js-hidden]')) button.hidden = true;

function start(root) {
  const lang = root.dataset.lang || 'en';
  const embedded = root.hasAttribute('data-embedded');
  const word = (key) => root.getAttribute('data-t-' + key.replace(/[._]/g, '-').toLowerCase()) || '';
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : ''));
  const numbers = new Intl.NumberFormat(lang);
  // Ticket and agent numbers are names, not amounts: no grouping.
  const plain = new Intl.NumberFormat(lang, { useGrouping: false });
  const log = root.querySelector('[data-chat-log]');
  const status = root.querySelector('[data-chat-status]');
  const owner = root.querySelector('[data-chat-owner]');
  const form = root.querySelector('[data-chat-form]');
  const input = root.querySelector('[data-chat-input]');
  const personButton = root.querySelector('[data-chat-person]');
  const identity = {};
  root.querySelectorAll('[data-identity]').forEach((field) => { identity[field.dataset.identity] = field.value; });

  // What survives a page load: the token, the conversation and how far we read it, the outbox.
  const storageKey = 'switchboard.chat';
  let saved = {};
  try { saved = JSON.parse(localStorage.getItem(storageKey) || '{}') || {}; } catch { saved = {}; }
  const state = { token: saved.token || null, ticket: saved.ticket || null, after: saved.after || 0, outbox: Array.isArray(saved.outbox) ? saved.outbox : [] };
  const save = () => { try { localStorage.setItem(storageKey, JSON.stringify(state)); } catch { /* private mode: this page only */ } };

  const shown = new Set();         // message ids on screen
  const pending = new Map();       // client id -> bubble
  let transport = null;
  let opened = false;
  let latestPrompt = null;

  // Drawing.
  const stick = () => { log.scrollTop = log.scrollHeight; };
  function bubble(kind, author, text) {
    const item = document.createElement('li');
    item.className = 'chat-message chat-' + kind;
    if (author) {
      const who = document.createElement('bdi');
      who.className = 'chat-author';
      who.textContent = author;
      item.append(who);
    }
    const body = document.createElement('p');
    body.className = 'chat-text';
    body.textContent = text;
    item.append(body);
    log.append(item);
    stick();
    return item;
  }
  function note(text) {
    const item = document.createElement('li');
    item.className = 'chat-note';
    item.textContent = text;
    log.append(item);
    stick();
    return item;
  }
  function mark(item, text, kind) {
    let receipt = item.querySelector('.chat-receipt');
    if (!receipt) {
      receipt = document.createElement('span');
      receipt.className = 'chat-receipt';
      item.append(receipt);
    }
    receipt.textContent = text;
    receipt.dataset.state = kind;
  }
  const agentName = (frame) => (frame.number ? `${frame.name} (#${plain.format(frame.number)})` : frame.name);
  function place(n) {
    if (lang === 'en') {
      const suffix = { one: 'st', two: 'nd', few: 'rd', other: 'th' }[new Intl.PluralRules('en', { type: 'ordinal' }).select(n)];
      return n + suffix;
    }
    return numbers.format(n);
  }

  function showMessage(frame) {
    if (shown.has(frame.id)) return;
    shown.add(frame.id);
    const mine = frame.author === 'customer';
    const waiting = mine && frame.clientId ? pending.get(frame.clientId) : null;
    if (waiting) {
      // Our own message, now stored: the bubble on screen is it.
      waiting.dataset.message = frame.id;
      if (frame.attachments && frame.attachments.length && !waiting.querySelector('.chat-file')) {
        const text = waiting.querySelector('.chat-text');
        if (text) text.textContent = '';
        showFiles(waiting, frame.attachments);
      }
      mark(waiting, word('chatDelivered'), 'delivered');
      pending.delete(frame.clientId);
      return;
    }
    const author = mine ? word('chatYou') : frame.author === 'agent' ? agentName(frame) : word('assistantName');
    const item = bubble(mine ? 'customer' : frame.author, author, frame.attachments && frame.attachments.length ? '' : frame.body);
    item.dataset.message = frame.id;
    showFiles(item, frame.attachments);
    if (mine) mark(item, word('chatDelivered'), 'delivered');
  }

  // A message's files: a photo as a picture (opening full size), a document as a link.
  function showFiles(item, files) {
    if (!files || !files.length) return;
    const text = item.querySelector('.chat-text');
    if (text && !text.textContent) text.remove();
    for (const file of files) {
      const link = document.createElement('a');
      link.href = file.url;
      link.target = '_blank';
      link.rel = 'noopener';
      link.className = 'chat-file';
      if (file.image) {
        const picture = document.createElement('img');
        picture.src = file.url;
        picture.alt = file.name;
        picture.loading = 'lazy';
        link.append(picture);
      } else {
        link.textContent = file.name;
      }
      const receipt = item.querySelector('.chat-receipt');
      item.insertBefore(link, receipt);
    }
    stick();
  }

  function showPrompt(frame) {
    if (latestPrompt) latestPrompt.querySelectorAll('button').forEach((button) => { button.disabled = true; });
    latestPrompt = null;
    const last = log.lastElementChild;
    const holder = document.createElement('div');
    holder.className = 'chat-actions';
    if (frame.turn === 'answer') {
      if (frame.article) {
        const link = document.createElement('a');
        link.href = frame.article.url;
        link.target = '_blank';
        link.rel = 'noopener';
        link.textContent = frame.article.title;
        const line = document.createElement('p');
        line.className = 'chat-article';
        line.append(word('chatReadMore') + ' ', link);
        holder.append(line);
      }
      const ask = document.createElement('p');
      ask.textContent = word('chatSolvedQuestion');
      holder.append(ask);
      for (const [label, solved] of [[word('chatYes'), true], [word('chatNo'), false]]) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'quiet';
        button.textContent = label;
        button.addEventListener('click', () => {
          holder.querySelectorAll('button').forEach((b) => { b.disabled = true; });
          send({ type: 'feedback', solved });
        });
        holder.append(button);
      }
    } else if (frame.turn === 'clarify' && frame.options && frame.options.length) {
      for (const option of frame.options) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'quiet';
        button.textContent = option.title;
        button.addEventListener('click', () => {
          holder.querySelectorAll('button').forEach((b) => { b.disabled = true; });
          say(option.title, option.intent);
        });
        holder.append(button);
      }
    } else {
      return;
    }
    (last && last.classList.contains('chat-bot') ? last : log).append(holder);
    latestPrompt = holder;
    stick();
  }

  function showWait(frame) {
    status.hidden = false;
    switch (frame.state) {
      case 'queued':
        status.textContent = frame.place <= 1 && frame.minutes <= 1 ? word('chatPlaceNext') : fill(word('chatPlace'), { place: place(frame.place), minutes: numbers.format(frame.minutes) });
        break;
      case 'closed': {
        const ticket = plain.format(frame.ticket);
        if (frame.answerBy) {
          const time = new Intl.DateTimeFormat(lang, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(frame.answerBy));
          // Open hours with everyone busy or away is not "closed".
          status.textContent = fill(word(frame.open ? 'chatAwayAt' : 'chatClosedAt'), { time, ticket }) + ' ' + word('chatClosedHint');
        } else {
          status.textContent = fill(word('chatClosedNoTime'), { ticket }) + ' ' + word('chatClosedHint');
        }
        break;
      }
      case 'agent':
        status.hidden = true;
        if (frame.agent) owner.textContent = fill(word('chatOwner'), { name: frame.agent.name, number: plain.format(frame.agent.number) });
        break;
      case 'done':
        status.textContent = word('chatSolvedNote');
        break;
      default:
        status.hidden = true;
    }
  }

  // The agent typing: a line under the conversation for a few seconds (a message ends it).
  const typingLine = root.querySelector('[data-chat-typing]');
  let typingTimer = null;
  function showTyping(name) {
    if (!typingLine) return;
    typingLine.textContent = fill(word('chatAgentTyping'), { name });
    typingLine.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { typingLine.hidden = true; }, 6000);
  }
  // The agent has read up to a message: our messages up to it are "Seen".
  let readMark = 0;
  function showRead(upTo) {
    readMark = Math.max(readMark, upTo);
    for (const item of log.querySelectorAll('.chat-customer[data-message]')) {
      if (Number(item.dataset.message) <= readMark) mark(item, word('chatRead'), 'read');
    }
  }
  // We have read what the agent wrote, once it is on screen and the window is in view.
  let readSent = 0;
  function readAgent() {
    if (document.visibilityState !== 'visible' || !opened) return;
    const ids = [...log.querySelectorAll('.chat-agent[data-message]')].map((item) => Number(item.dataset.message));
    const latest = Math.max(0, ...ids);
    if (latest > readSent) { readSent = latest; send({ type: 'read', upTo: latest }); }
  }
  document.addEventListener('visibilitychange', readAgent);

  function receive(frame) {
    if (frame.ticket && frame.seq) {
      if (frame.ticket !== state.ticket) { state.ticket = frame.ticket; state.after = 0; }
      if (frame.seq > state.after) state.after = frame.seq;
      save();
    }
    switch (frame.type) {
      case 'welcome':
        if (frame.token) { state.token = frame.token; save(); }
        opened = true;
        status.textContent = '';
        status.hidden = true;
        flush();
        break;
      case 'ack':
        if (frame.id) {
          state.outbox = state.outbox.filter((item) => item.id !== frame.id);
          save();
          const item = pending.get(frame.id);
          if (item) mark(item, word('chatDelivered'), 'delivered');
        }
        if (frame.ticket && frame.ticket !== state.ticket) { state.ticket = frame.ticket; state.after = 0; save(); }
        break;
      case 'message':
        showMessage(frame);
        if (frame.author === 'agent') {
          if (typingLine) typingLine.hidden = true;
          readAgent();
        }
        if (readMark) showRead(readMark);
        break;
      case 'prompt': showPrompt(frame); break;
      case 'handoff': note(word('chatFindingPerson')); break;
      case 'assigned':
        note(fill(word('chatAssigned'), { name: frame.name, number: plain.format(frame.number) }));
        owner.textContent = fill(word('chatOwner'), { name: frame.name, number: plain.format(frame.number) });
        break;
      case 'joined':
        note(fill(word('chatJoined'), { name: frame.name, number: plain.format(frame.number) }));
        owner.textContent = fill(word('chatOwner'), { name: frame.name, number: plain.format(frame.number) });
        break;
      case 'typing': showTyping(agentName(frame)); break;
      case 'read': showRead(frame.upTo); break;
      case 'assistant': owner.textContent = ''; break;
      case 'status':
        if (frame.status === 'solved') {
          note(word('chatSolvedNote'));
          // The survey opens in its own tab: a shop's page keeps the chat.
          if (frame.survey) {
            const item = note('');
            const link = document.createElement('a');
            link.href = frame.survey;
            link.target = '_blank';
            link.rel = 'noopener';
            link.textContent = word('chatSurvey');
            item.append(link);
          }
        }
        break;
      case 'wait': showWait(frame); break;
      case 'error': {
        const text = word('chatError.' + frame.code) || word('chatError.invalid');
        const item = frame.id ? pending.get(frame.id) : null;
        if (frame.code === 'unavailable') {
          // Kept in the outbox: sent again shortly.
          if (item) mark(item, text, 'retry');
          setTimeout(flush, 3000);
        } else if (item) {
          state.outbox = state.outbox.filter((entry) => entry.id !== frame.id);
          save();
          mark(item, text, 'failed');
        } else {
          note(text);
        }
        break;
      }
      default: break;
    }
  }

  // Sending.
  function send(frame) {
    if (transport && opened) transport.send(frame);
  }
  function flush() {
    for (const item of state.outbox) send({ type: 'message', id: item.id, text: item.text, intent: item.intent || undefined });
  }
  function newID() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return 'c' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  function say(text, intent) {
    const id = newID();
    state.outbox.push({ id, text, intent });
    save();
    const item = bubble('customer', word('chatYou'), text);
    mark(item, word('chatSending'), 'sending');
    pending.set(id, item);
    send({ type: 'message', id, text, intent });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = '';
    say(text);
    input.focus();
  });
  // A photo or a PDF: sent as the body of a POST (a socket frame is text), under a message id
  // like a text's, so a retry is stored once. The file stays on screen until it is acknowledged.
  const fileInput = root.querySelector('[data-chat-file]');
  if (fileInput) {
    fileInput.addEventListener('change', () => {
      const file = fileInput.files && fileInput.files[0];
      fileInput.value = '';
      if (!file) return;
      const id = newID();
      const item = bubble('customer', word('chatYou'), file.name);
      mark(item, word('chatUploading'), 'sending');
      pending.set(id, item);
      if (file.size > 10 * 1024 * 1024) { mark(item, word('chatError.file_too_large'), 'failed'); return; }
      const upload = (attempt) => fetch('/api/v1/chat/attachments', {
        method: 'POST',
        headers: { 'X-Chat-Token': state.token || '', 'X-Message-Id': id, 'X-File-Name': encodeURIComponent(file.name), 'Content-Type': 'application/octet-stream' },
        body: file,
      }).then(async (response) => {
        if (response.status === 413) { mark(item, word('chatError.file_too_large'), 'failed'); return; }
        if (response.status === 415) { mark(item, word('chatError.file_kind'), 'failed'); return; }
        if (response.status === 429) { mark(item, word('chatError.file_budget'), 'failed'); return; }
        if (!response.ok) throw new Error(String(response.status));
        const frames = await response.json();
        if (Array.isArray(frames)) frames.forEach(receive);
      }).catch(() => {
        if (attempt < 3) setTimeout(() => upload(attempt + 1), 2000 * (attempt + 1));
        else mark(item, word('chatError.unavailable'), 'failed');
      });
      upload(0);
    });
  }

  // The agent sees that we type: at most one note every three seconds.
  let typingSent = 0;
  input.addEventListener('input', () => {
    const now = Date.now();
    if (now - typingSent > 3000 && input.value.trim()) { typingSent = now; send({ type: 'typing' }); }
  });
  // Enter sends, Shift+Enter starts a new line.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  personButton.addEventListener('click', () => send({ type: 'person' }));
  const close = root.querySelector('[data-chat-close]');
  if (close) close.addEventListener('click', () => parent.postMessage({ type: 'switchboard:close' }, '*'));
  document.addEventListener('keydown', (event) => {
    if (embedded && event.key === 'Escape') parent.postMessage({ type: 'switchboard:close' }, '*');
  });

  // Unsent messages from an earlier page load are shown again, waiting for their turn.
  for (const item of state.outbox) {
    const bubbleItem = bubble('customer', word('chatYou'), item.text);
    mark(bubbleItem, word('chatSending'), 'sending');
    pending.set(item.id, bubbleItem);
  }

  // Transports.
  function hello() {
    // After a page load the history is drawn again from the start; after a reconnect, from where we were.
    return { type: 'hello', token: state.token || undefined, ticket: shown.size ? state.ticket || undefined : undefined, after: shown.size ? state.after : undefined, lang, identity: Object.keys(identity).length ? identity : undefined };
  }
  // The WebSocket first. A socket that never opens twice in a row means a network that blocks
  // them: server-sent events out and POSTs in (plain HTTP, through every proxy) from then on.
  // The frames and their resume rules are the same on both.
  let socketFailures = 0;
  let retryDelay = 1000;
  function connect() {
    opened = false;
    if (!('WebSocket' in window) || socketFailures >= 2) { connectFallback(); return; }
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let socket;
    try { socket = new WebSocket(`${scheme}//${location.host}/api/v1/chat/socket`); } catch { socketFailures = 2; connectFallback(); return; }
    let welcomed = false;
    transport = { send: (frame) => { if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame)); } };
    socket.addEventListener('open', () => socket.send(JSON.stringify(hello())));
    socket.addEventListener('message', (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (frame.type === 'welcome') { welcomed = true; socketFailures = 0; retryDelay = 1000; }
      receive(frame);
    });
    socket.addEventListener('close', () => {
      opened = false;
      if (!welcomed) socketFailures += 1;
      status.hidden = false;
      status.textContent = word('chatReconnecting');
      // Unacknowledged messages stay in the outbox and go again after the next welcome.
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    });
  }
  function connectFallback() {
    const params = new URLSearchParams({ lang });
    const first = hello();
    if (first.token) params.set('token', first.token);
    if (first.ticket) params.set('ticket', first.ticket);
    if (first.after) params.set('after', first.after);
    // The shop's signed identity, once: the token it brings back carries it from then on.
    if (first.identity && !state.token) for (const [key, value] of Object.entries(first.identity)) params.set(key, value);
    const source = new EventSource('/api/v1/chat/events?' + params);
    transport = {
      send: (frame) => {
        fetch('/api/v1/chat/frames', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Chat-Token': state.token || '' }, body: JSON.stringify(frame) })
          .then((response) => response.json())
          .then((frames) => { if (Array.isArray(frames)) frames.forEach(receive); })
          .catch(() => setTimeout(flush, 3000));
      },
    };
    source.addEventListener('message', (event) => {
      try { receive(JSON.parse(event.data)); } catch { /* skipped */ }
    });
    source.addEventListener('error', () => {
      status.hidden = false;
      status.textContent = word('chatReconnecting');
      // EventSource reconnects by itself with the URL it began with: start again with where we are.
      source.close();
      opened = false;
      setTimeout(connectFallback, 2000);
    });
  }
  connect();
  input.focus();
}
