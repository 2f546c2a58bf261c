// Progressive enhancement for the application page: a live word count of the personal
// statement. The server counts again and enforces the limit.
(function () {
  'use strict';
  var field = document.getElementById('field-statement');
  var output = document.getElementById('statement-count');
  if (!field || !output) return;
  var limit = Number(output.getAttribute('data-word-limit'));
  function update() {
    var text = field.value.trim();
    var words = text === '' ? 0 : text.split(/\s+/).length;
    output.textContent = words > limit ? words + ' words: ' + (words - limit) + ' over the limit of ' + limit : words + ' of ' + limit + ' words';
  }
  field.addEventListener('input', update);
  update();
})();
