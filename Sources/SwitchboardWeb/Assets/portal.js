// Switchboard portal: the new-request form (the assistant's hints while the customer types, photos
// uploaded as they are chosen) and the receipt check (a receipt file read into the form).
const csrf = document.querySelector('input[name="csrf"]');

const form = document.querySelector('[data-request-form]');
if (form) {
  const what = form.querySelector('#request-what');
  const when = form.querySelector('#request-when');
  const expect = form.querySelector('#request-expect');
  const category = form.querySelector('#request-category');
  const hints = form.querySelector('[data-request-assist]');
  let chosenByHand = category.value !== '';
  category.addEventListener('change', () => { chosenByHand = true; });

  // What the assistant reads in the words so far: the parts still missing, the topic, an article.
  let timer = null;
  let asked = 0;
  const ask = async () => {
    const text = [what.value, when.value, expect.value].filter((part) => part.trim()).join('\n');
    if (text.trim().length < 8) { hints.replaceChildren(); return; }
    const ticket = ++asked;
    try {
      const response = await fetch(form.dataset.assist, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf.value },
        body: JSON.stringify({ text }),
      });
      if (!response.ok || ticket !== asked) return;
      const answer = await response.json();
      if (answer.pending) {
        timer = setTimeout(ask, 2000);
        return;
      }
      show(answer);
    } catch { /* hints are a help, never a condition */ }
  };
  const show = (answer) => {
    const parts = [];
    for (const tip of answer.tips || []) parts.push(paragraph(tip));
    if (answer.category && !chosenByHand && [...category.options].some((option) => option.value === answer.category)) {
      category.value = answer.category;
      parts.push(paragraph(answer.categoryText));
    }
    if (answer.article) {
      const line = paragraph(answer.article.lead + ' ');
      const link = document.createElement('a');
      link.href = answer.article.url;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = answer.article.title;
      link.dir = 'auto';
      line.append(link);
      parts.push(line);
    }
    hints.replaceChildren(...parts);
  };
  const paragraph = (text) => {
    const p = document.createElement('p');
    p.textContent = text;
    return p;
  };
  for (const field of [what, when, expect]) {
    field.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(ask, 400);
    });
  }

  // Photos and documents go up as soon as they are chosen; the form then names them.
  const picker = form.querySelector('[data-request-files]');
  const list = form.querySelector('[data-file-list]');
  let uploading = 0;
  picker.addEventListener('change', async () => {
    for (const file of picker.files) {
      const item = document.createElement('li');
      item.textContent = `${file.name} — ${form.dataset.tUploading}`;
      list.append(item);
      uploading += 1;
      try {
        const response = await fetch(form.dataset.upload, {
          method: 'POST', credentials: 'same-origin',
          headers: { 'X-CSRF-Token': csrf.value, 'X-File-Name': encodeURIComponent(file.name) },
          body: file,
        });
        const answer = await response.json();
        if (!response.ok) throw new Error(answer.error ? answer.error.message : response.statusText);
        item.textContent = answer.name;
        const hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = 'file';
        hidden.value = answer.file;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'quiet';
        remove.textContent = '×';
        remove.setAttribute('aria-label', `${answer.name} ×`);
        remove.addEventListener('click', () => item.remove());
        item.append(' ', remove, hidden);
      } catch (error) {
        item.textContent = `${form.dataset.tUploadFailed} ${file.name} (${error.message})`;
        item.className = 'error';
      } finally {
        uploading -= 1;
      }
    }
    picker.value = '';
  });
  form.addEventListener('submit', (event) => {
    if (uploading > 0) event.preventDefault();
  });
}

// A receipt's file is read into the text box, then checked.
const receiptFile = document.querySelector('[data-verify-file]');
if (receiptFile) {
  receiptFile.addEventListener('change', async () => {
    const file = receiptFile.files[0];
    if (!file || file.size > 16000) return;
    const box = document.querySelector('#verify-receipt');
    box.value = await file.text();
    box.form.requestSubmit();
  });
}
