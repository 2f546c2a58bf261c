// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Move focus to an error summary so keyboard and screen-reader users hear it first.
  var summary = document.querySelector('[data-focus-on-load]');
  if (summary) summary.focus();
  // Stop double submits of the same form (the server still refuses duplicates).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post') return;
    if (form.dataset.submitted === 'true') {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = 'true';
    window.setTimeout(function () { form.dataset.submitted = ''; }, 5000);
  });
})();
