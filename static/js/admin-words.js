/* Words that the admin's JavaScript libraries write in English, given in the
   admin's language from this script's data-* attributes:
   - modeltranslation names each language by its code ("lo", "en") on its tabs
     and in its switch beside the heading, and titles the tabs with the
     browser's name for it (Chromium has no Lao name for English: "En");
     data-lang-<code> holds each language's name;
   - Select2 (the topics box) has no Lao messages; data-select2-<message> holds
     them, registered as its "lo" translation before the admin starts it;
   - a file input's "Choose File" and "No file chosen" come from the browser,
     which has no Lao: the input is hidden behind a button and a file name of
     ours (data-file-choose, data-file-none). */
(function () {
  "use strict";
  var data = document.currentScript.dataset;

  if (window.django && django.jQuery && django.jQuery.fn.select2) {
    var message = function (name) {
      return function () {
        return data["select2" + name];
      };
    };
    django.jQuery.fn.select2.amd.define("select2/i18n/lo", [], function () {
      return {
        errorLoading: message("Errorloading"),
        inputTooLong: message("Inputtoolong"),
        inputTooShort: message("Inputtooshort"),
        loadingMore: message("Loadingmore"),
        maximumSelected: message("Maximumselected"),
        noResults: message("Noresults"),
        searching: message("Searching"),
        removeAllItems: message("Removeallitems"),
        removeItem: message("Removeitem"),
        search: message("Search"),
      };
    });
  }

  function dressFileInputs() {
    document.querySelectorAll("input[type=file]:not(.file-input)").forEach(function (input) {
      var button = document.createElement("button");
      var chosen = document.createElement("span");
      button.type = "button";
      button.className = "file-choice";
      button.textContent = data.fileChoose;
      chosen.className = "file-chosen";
      chosen.textContent = data.fileNone;
      input.classList.add("file-input");
      input.tabIndex = -1;
      input.after(button, chosen);
      button.addEventListener("click", function () {
        input.click();
      });
      input.addEventListener("change", function () {
        var names = Array.prototype.map.call(input.files, function (file) {
          return file.name;
        });
        chosen.textContent = names.length ? names.join(", ") : data.fileNone;
      });
    });
  }
  document.addEventListener("DOMContentLoaded", dressFileInputs);
  // A photo or document row added to the form brings a new file input.
  document.addEventListener("formset:added", dressFileInputs);

  function nameLanguages() {
    var labels = document.querySelectorAll(
      ".ui-tabs-nav a[href^='#tab_'], #modeltranslation-main-switch option"
    );
    labels.forEach(function (label) {
      var code = label.textContent.trim();
      var name = data["lang" + code.charAt(0).toUpperCase() + code.slice(1)];
      if (name) {
        label.textContent = name;
        if (label.title) {
          label.title = name;
        }
      }
    });
  }
  // modeltranslation builds its tabs in a jQuery ready handler; one added now runs after it.
  if (window.django && django.jQuery) {
    django.jQuery(nameLanguages);
    document.addEventListener("formset:added", function () {
      window.setTimeout(nameLanguages);
    });
  }
})();
