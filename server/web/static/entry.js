// Paper-card entry, made faster: each card is saved without reloading the page, and the cursor
// goes straight back to the answer box for the next one. Without this file the same form posts
// and redirects back with the answer box focused, so keying works either way.
const form = document.getElementById('card-form');
const answer = document.getElementById('answer');
const comment = document.getElementById('comment');
const status = document.getElementById('entry-status');
const answerError = document.getElementById('answer-error');
const undo = document.getElementById('undo');
const undoText = document.getElementById('undo-text');
const undoEntry = document.getElementById('undo-entry');

if (form && answer && comment && status && answerError) {
  const codes = (answer.dataset.codes || '').split(',');
  let busy = false;

  const showError = (message) => {
    answerError.textContent = message;
    answerError.hidden = false;
    answer.classList.add('nhsuk-input--error');
    status.textContent = message;
    status.classList.add('fft-entry-status--error');
  };
  const clearError = () => {
    answerError.textContent = '';
    answerError.hidden = true;
    answer.classList.remove('nhsuk-input--error');
    status.classList.remove('fft-entry-status--error');
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const value = answer.value.trim();
    if (!codes.includes(value)) {
      // Isolated (FSI … PDI), as the server's message is: an Arabic or Urdu letter cannot reorder the sentence.
      showError(value ? `\u2068${value}\u2069 is not an answer: type ${codes[0]} to ${codes[codes.length - 1]}` : `Type the answer on the card: ${codes[0]} to ${codes[codes.length - 1]}`);
      answer.focus();
      answer.select();
      return;
    }
    busy = true;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
      });
      if (!(res.headers.get('content-type') || '').includes('application/json')) {
        // Signed out, or the form expired: the server's own words, and a reload shows what to do.
        showError(`Not saved: ${await res.text()}`);
        return;
      }
      const body = await res.json();
      if (!res.ok) {
        showError((body.error && body.error.message) || 'Not saved: try again.');
        return;
      }
      clearError();
      form.elements.namedItem('id').value = body.nextId;
      answer.value = '';
      comment.value = '';
      status.textContent = body.saved;
      if (body.last && undo && undoText && undoEntry) {
        undoText.textContent = body.last.text;
        undoEntry.value = body.last.entry;
        undo.hidden = false;
      }
    } catch {
      // The same card id goes again, so a retry cannot store the card twice.
      showError('Not saved: the connection failed. Press Enter to try again.');
    } finally {
      busy = false;
      answer.focus();
    }
  });
}
