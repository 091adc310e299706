// Unsaved text of the release form, kept in this browser until it is saved.
//
// Each change to the form is written to localStorage, keyed by the staff
// member and the release, with the form's edit token: restored text is merged
// on the server like any stale form, so it never reverts another editor's save.
// - A save that did not reach the server (the session had ended, the network
//   dropped) is restored when the form opens again, with a note.
// - Text left in a closed tab is offered back.
// - A save that succeeded clears it; drafts older than a few days are dropped,
//   and another staff member on the same browser never sees them.
// While someone types, the session is kept alive.
(function () {
  "use strict";
  var script = document.currentScript;
  var user = script && script.dataset.user;
  if (!user || !window.localStorage) {
    return;
  }
  var PREFIX = "newsroom-draft:";
  var KEPT_FOR = 3 * 24 * 60 * 60 * 1000;
  var SAVED_WITHIN = 60 * 1000;
  var PING_EVERY = 5 * 60 * 1000;
  var now = Date.now();

  function read(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  var succeeded = document.querySelector(".messagelist .success") &&
    !document.querySelector(".errornote");
  Object.keys(localStorage).forEach(function (key) {
    if (key.indexOf(PREFIX) !== 0) {
      return;
    }
    var draft = read(key);
    var justSaved = draft && draft.user === user && draft.submitted &&
      now - draft.submitted < SAVED_WITHIN && succeeded;
    if (!draft || now - draft.changed > KEPT_FOR || justSaved) {
      localStorage.removeItem(key);
    }
  });

  var marker = document.querySelector("[data-release-draft]");
  var form = marker && marker.closest("form");
  if (!form) {
    return;
  }
  var key = PREFIX + user + ":" + marker.dataset.releaseDraft;
  var token = form.elements.edit_token;
  var fields = Array.prototype.filter.call(form.elements, function (field) {
    return field.name && !field.disabled && field.name !== "csrfmiddlewaretoken" &&
      field.name !== "edit_token" && field.name.indexOf("keep_") !== 0 &&
      ["file", "hidden", "submit", "button", "checkbox", "radio"].indexOf(field.type) < 0 &&
      field.tagName !== "FIELDSET";
  });
  var opened = {};
  fields.forEach(function (field) {
    opened[field.name] = field.value;
  });

  function changedFields() {
    var changed = {};
    fields.forEach(function (field) {
      if (field.value !== opened[field.name]) {
        changed[field.name] = field.value;
      }
    });
    return changed;
  }

  function note(text, actions) {
    var box = document.createElement("div");
    box.className = "release-draft";
    box.setAttribute("role", "status");
    var message = document.createElement("p");
    message.textContent = text;
    box.appendChild(message);
    (actions || []).forEach(function (action) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = action.label;
      button.addEventListener("click", function () {
        action.run();
        box.remove();
      });
      box.appendChild(button);
    });
    form.parentNode.insertBefore(box, form);
  }

  function restore(draft) {
    Object.keys(draft.fields).forEach(function (name) {
      var field = form.elements[name];
      if (field && !field.disabled) {
        field.value = draft.fields[name];
      }
    });
    // The token the text was written against: the server merges it with any newer save.
    if (token && draft.token) {
      token.value = draft.token;
    }
  }

  // Fields of the draft this page already holds (restored, or re-shown after an
  // error): kept in the draft until a save succeeds, even if not typed in again.
  var kept = {};
  var keptToken = "";
  var draft = read(key);
  var unsaved = draft && draft.user === user && Object.keys(draft.fields).some(
    function (name) {
      return form.elements[name] && form.elements[name].value !== draft.fields[name];
    }
  );
  if (draft && document.querySelector(".errornote")) {
    kept = draft.fields;
  } else if (!unsaved) {
    localStorage.removeItem(key);
  } else if (draft.submitted) {
    restore(draft);
    kept = draft.fields;
    keep(false);
    note(script.dataset.restored);
  } else {
    // Until its writer chooses, the offered text stays in the draft under any new typing,
    // with the token it was written against.
    kept = draft.fields;
    keptToken = draft.token;
    var when = new Date(draft.changed).toLocaleString(document.documentElement.lang);
    note(script.dataset.offered.replace("%(time)s", when), [
      {label: script.dataset.restore, run: function () {
        restore(draft);
        keptToken = "";
      }},
      {label: script.dataset.discard, run: function () {
        kept = {};
        keptToken = "";
        localStorage.removeItem(key);
      }},
    ]);
  }

  var lastPing = now;

  function keep(submitted) {
    var changed = Object.assign({}, kept, changedFields());
    if (!Object.keys(changed).length) {
      localStorage.removeItem(key);
      return;
    }
    localStorage.setItem(key, JSON.stringify({
      user: user,
      token: keptToken || (token ? token.value : ""),
      fields: changed,
      changed: Date.now(),
      submitted: submitted ? Date.now() : 0,
    }));
  }

  form.addEventListener("input", function () {
    keep(false);
    if (Date.now() - lastPing > PING_EVERY && script.dataset.keepalive) {
      lastPing = Date.now();
      fetch(script.dataset.keepalive, {credentials: "same-origin"}).then(function (response) {
        if (response.redirected) {
          note(script.dataset.expired);
        }
      });
    }
  });
  form.addEventListener("submit", function () {
    keep(true);
  });
})();
