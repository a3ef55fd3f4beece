/// The one stylesheet. Logical properties (`margin-inline-start`, `text-align: start`) so Persian
/// pages mirror by `dir="rtl"` alone; visible focus everywhere; colours meet WCAG AA contrast.
enum DeskStyle {
    static let css = """
    :root {
      --ink: #1b1f24; --muted: #4f5863; --line: #d5dae0; --paper: #ffffff; --wash: #f4f6f8;
      --accent: #0b5cad; --accent-ink: #ffffff; --danger: #a4161a; --note: #fff7d6; --focus: #ffb000;
      font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans SC", "Vazirmatn", "Noto Sans Arabic", sans-serif;
      color: var(--ink); background: var(--wash); line-height: 1.5;
    }
    * { box-sizing: border-box; }
    [hidden] { display: none !important; }
    body { margin: 0; }
    a { color: var(--accent); }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .skip { position: absolute; inset-inline-start: -999px; }
    .skip:focus { inset-inline-start: 1rem; top: 1rem; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
    header.bar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .5rem 1rem; background: var(--paper); border-block-end: 1px solid var(--line); }
    header.bar .brand { font-weight: 700; margin-inline-end: auto; text-decoration: none; color: var(--ink); }
    header.bar form { display: inline-flex; gap: .25rem; align-items: center; margin: 0; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
    .card { background: var(--paper); border: 1px solid var(--line); border-radius: .5rem; padding: 1.25rem; }
    .narrow { max-width: 26rem; margin: 3rem auto; }
    label { display: block; font-weight: 600; margin-block: .75rem .25rem; }
    input, select, textarea, button { font: inherit; }
    input[type=email], input[type=password], input[type=text], textarea, select { width: 100%; padding: .5rem; border: 1px solid var(--muted); border-radius: .25rem; background: var(--paper); color: var(--ink); }
    header.bar select { width: auto; }
    button, .button { white-space: nowrap; display: inline-block; padding: .5rem 1rem; border: 0; border-radius: .25rem; background: var(--accent); color: var(--accent-ink); cursor: pointer; text-decoration: none; }
    button.quiet { background: transparent; color: var(--accent); border: 1px solid var(--accent); }
    .error { color: var(--danger); font-weight: 600; }
    .muted { color: var(--muted); }
    nav.views { display: flex; flex-wrap: wrap; gap: .5rem; margin-block-end: 1rem; }
    nav.views a { padding: .25rem .75rem; border-radius: 1rem; border: 1px solid var(--line); background: var(--paper); text-decoration: none; }
    nav.top { display: flex; gap: 1rem; }
    form.filters { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin-block-end: 1rem; }
    form.filters label { margin: 0; }
    form.filters select { width: auto; }
    nav.views a[aria-current=page] { background: var(--accent); color: var(--accent-ink); border-color: var(--accent); }
    .badge { display: inline-block; min-width: 1.5rem; padding: 0 .4rem; border-radius: .75rem; background: var(--wash); color: var(--ink); text-align: center; font-size: .85em; }
    table.queue { width: 100%; border-collapse: collapse; background: var(--paper); }
    table.queue th, table.queue td { padding: .5rem; border-block-end: 1px solid var(--line); text-align: start; vertical-align: top; }
    table.queue th { font-size: .85em; color: var(--muted); }
    .status, .priority { white-space: nowrap; }
    .priority-urgent { color: var(--danger); font-weight: 700; }
    .user-text { unicode-bidi: plaintext; }
    dl.facts { display: flex; flex-wrap: wrap; gap: .5rem 2rem; margin: .5rem 0 0; }
    dl.facts dt { font-size: .85em; color: var(--muted); }
    dl.facts dd { margin: 0; font-weight: 600; }
    .explain { margin-block: .75rem 0; }
    .columns { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 1rem; margin-block-start: 1rem; }
    .columns aside .card { margin-block-end: 1rem; }
    ol.timeline { list-style: none; padding: 0; margin: 0 0 1rem; }
    .entry { background: var(--paper); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; margin-block-end: .75rem; }
    .entry-customer { border-inline-start: 4px solid var(--accent); }
    .entry-event { background: transparent; border: 0; padding: .25rem 1rem; }
    .entry.note { background: var(--note); border: 1px dashed #8a6d00; }
    .note-badge { background: #8a6d00; color: #ffffff; }
    .entry .meta { margin: 0 0 .25rem; font-size: .9em; color: var(--muted); }
    .entry .body { white-space: pre-wrap; overflow-wrap: anywhere; }
    fieldset { border: 1px solid var(--line); border-radius: .25rem; margin-block: .75rem; }
    label.inline { display: inline-flex; gap: .35rem; align-items: center; font-weight: 400; margin-inline-end: 1rem; }
    ul.requests { list-style: none; padding: 0; }
    ul.hours { list-style: none; padding: 0; margin: 0; font-size: .9em; }
    section { margin-block-end: 2rem; }
    code.secret { font-size: 1.1em; overflow-wrap: anywhere; }
    .notice { border-color: var(--accent); }
    ul.requests li { margin-block-end: .75rem; }
    @media (max-width: 50rem) { .columns { grid-template-columns: 1fr; } }
    @media (max-width: 40rem) {
      table.queue thead { display: none; }
      table.queue tr { display: block; padding: .5rem 0; border-block-end: 1px solid var(--line); }
      table.queue td { display: block; border: 0; padding: .1rem .5rem; }
    }
    """
}
