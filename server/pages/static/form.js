// Progressive enhancement for the web form: it works without this file; with it, choosing a
// language switches at once, the comment box shows how much room is left, and a double tap on
// Send cannot send twice.
const languageForm = document.querySelector('.fft-inline-form');
const languageSelect = languageForm?.querySelector('select');
if (languageForm && languageSelect) {
  languageSelect.addEventListener('change', () => languageForm.requestSubmit());
  languageForm.querySelector('button')?.setAttribute('hidden', '');
}

const comment = document.querySelector('textarea[name="comment"]');
if (comment) {
  const max = Number(comment.getAttribute('maxlength')) || 5000;
  const counter = document.createElement('p');
  counter.className = 'nhsuk-hint fft-counter';
  counter.setAttribute('aria-live', 'polite');
  const update = () => {
    const left = max - [...comment.value].length;
    counter.textContent = left < 500 ? `${left} characters left` : '';
  };
  comment.after(counter);
  comment.addEventListener('input', update);
  update();
}

const feedback = document.querySelector('form[method="post"]');
feedback?.addEventListener('submit', () => {
  const send = feedback.querySelector('[data-action="submit"]');
  // After the browser has taken the click, so the form still submits.
  setTimeout(() => send?.setAttribute('disabled', ''), 0);
});
