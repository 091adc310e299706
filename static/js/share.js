// "Copy link" on an article page: the link field works without this script; the
// button appears only where the clipboard can be written.
(function () {
  "use strict";
  var button = document.querySelector(".share__copy-button");
  var field = document.querySelector(".share__url");
  var status = document.querySelector(".share__status");
  if (!button || !field || !status || !navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      status.textContent = button.dataset.copied;
    }, function () {
      field.select();
    });
  });
  field.addEventListener("focus", function () {
    field.select();
  });
})();
