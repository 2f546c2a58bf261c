// Progressive enhancement for the application form: "Move up" and "Move down" buttons beside each
// choice swap it with its neighbour (post and motivation), so ranking needs no retyping and no
// dragging. Without JavaScript the choice selects do the same job.
(function () {
  'use strict';
  var fieldset = document.querySelector('[data-ranking]');
  if (!fieldset) return;
  var rows = Array.prototype.slice.call(fieldset.querySelectorAll('[data-choice-row]'));
  var status = fieldset.querySelector('[data-ranking-status]');
  if (rows.length < 2) return;

  function parts(row) {
    return { select: row.querySelector('select'), text: row.querySelector('textarea') };
  }
  function label(row) {
    var select = parts(row).select;
    var option = select.options[select.selectedIndex];
    return option && select.value !== '' ? option.text : 'No post';
  }
  function swap(i, j) {
    var a = parts(rows[i]);
    var b = parts(rows[j]);
    var value = a.select.value;
    a.select.value = b.select.value;
    b.select.value = value;
    var text = a.text.value;
    a.text.value = b.text.value;
    b.text.value = text;
    if (status) status.textContent = label(rows[j]) + ' is now choice ' + (j + 1) + '; ' + label(rows[i]) + ' is now choice ' + (i + 1) + '.';
  }
  rows.forEach(function (row, i) {
    var moves = document.createElement('div');
    moves.className = 'choice-row__moves';
    [['up', -1], ['down', 1]].forEach(function (move) {
      var target = i + move[1];
      if (target < 0 || target >= rows.length) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button--secondary';
      button.setAttribute('data-move', move[0]);
      button.textContent = 'Move choice ' + (i + 1) + ' ' + move[0];
      button.addEventListener('click', function () {
        swap(i, target);
        // the focus follows the choice to its new place
        var follow = rows[target].querySelector('[data-move="' + move[0] + '"]') || rows[target].querySelector('[data-move]');
        if (follow) follow.focus();
      });
      moves.appendChild(button);
    });
    row.appendChild(moves);
  });
})();
