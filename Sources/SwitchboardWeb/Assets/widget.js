// Switchboard's chat widget: the one tag a shop puts on its pages,
//   <script src="https://DESK/widget.js" data-lang="fa" async></script>
// A launcher button in the corner opens the chat in a frame of the desk's own origin, so the
// shop's page never sees the conversation and the desk's page never sees the shop's.
// A shop that knows its customer adds its signed identity (docs/API.md, "Signed identity"):
//   data-external-id, data-email, data-name, data-issued-at, data-signature.
(() => {
  const script = document.currentScript;
  if (!script || window.__switchboardWidget) return;
  window.__switchboardWidget = true;
  const desk = new URL(script.src, location.href).origin;
  const lang = script.dataset.lang || document.documentElement.lang || navigator.language || 'en';
  const rtl = /^(fa|ar|he|ur)/i.test(lang);
  const labels = { en: 'Chat with us', zh: '在线咨询', fa: 'گفتگو با ما' };
  const label = labels[lang.slice(0, 2).toLowerCase()] || labels.en;

  const params = new URLSearchParams({ embed: '1', lang });
  for (const [attribute, name] of [['externalId', 'externalId'], ['email', 'email'], ['name', 'name'], ['issuedAt', 'issuedAt'], ['signature', 'signature']]) {
    if (script.dataset[attribute]) params.set(name, script.dataset[attribute]);
  }

  const side = rtl ? 'left' : 'right';
  const launcher = document.createElement('button');
  launcher.type = 'button';
  // A speech bubble drawn here: no emoji font is needed, and nothing of the page's is borrowed.
  const icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('width', '18');
  icon.setAttribute('height', '18');
  icon.setAttribute('aria-hidden', 'true');
  Object.assign(icon.style, { verticalAlign: '-4px', marginInlineEnd: '8px' });
  const bubble = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  bubble.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
  bubble.setAttribute('fill', 'currentColor');
  icon.append(bubble);
  launcher.append(icon, document.createTextNode(label));
  launcher.setAttribute('aria-haspopup', 'dialog');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.dataset.switchboardLauncher = '';
  Object.assign(launcher.style, {
    position: 'fixed', bottom: '20px', [side]: '20px', zIndex: '2147483000', padding: '12px 18px', border: '0', borderRadius: '999px',
    background: '#1f5f8b', color: '#fff', font: '600 15px/1.2 system-ui, sans-serif', boxShadow: '0 4px 16px rgba(0,0,0,.25)', cursor: 'pointer',
  });

  let panel = null;
  function open() {
    if (!panel) {
      panel = document.createElement('iframe');
      panel.src = `${desk}/chat?${params}`;
      panel.title = label;
      panel.dataset.switchboardPanel = '';
      panel.setAttribute('allow', 'clipboard-write');
      const phone = window.matchMedia('(max-width: 480px)').matches;
      Object.assign(panel.style, phone
        ? { position: 'fixed', inset: '0', width: '100%', height: '100%', border: '0', zIndex: '2147483001', background: '#fff' }
        : { position: 'fixed', bottom: '84px', [side]: '20px', width: '380px', height: 'min(620px, calc(100vh - 110px))', border: '0', borderRadius: '14px', boxShadow: '0 8px 32px rgba(0,0,0,.28)', zIndex: '2147483001', background: '#fff' });
      document.body.append(panel);
    }
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    panel.focus();
  }
  function close() {
    if (panel) panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }
  launcher.addEventListener('click', () => (panel && !panel.hidden ? close() : open()));
  window.addEventListener('message', (event) => {
    if (event.origin === desk && event.data && event.data.type === 'switchboard:close') close();
  });
  const attach = () => document.body.append(launcher);
  if (document.body) attach(); else document.addEventListener('DOMContentLoaded', attach);
})();
