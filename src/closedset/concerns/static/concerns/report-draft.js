// Keeps a concern being typed in this tab's sessionStorage, so that nothing is lost if the
// page is reloaded or a submit fails; cleared once the report is sent. Nothing leaves the browser.
(function () {
  "use strict";
  var FIELDS = ["what", "wants", "when", "where", "scene", "subject_names"];

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function restore(form, store, key) {
    var saved = null;
    try { saved = JSON.parse(store.getItem(key) || "null"); } catch (e) { saved = null; }
    if (!saved) { return false; }
    var restored = false;
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (field && !field.value && saved[name]) { field.value = saved[name]; restored = true; }
    });
    return restored;
  }

  function save(form, store, key) {
    var draft = {};
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (field) { draft[name] = field.value; }
    });
    try { store.setItem(key, JSON.stringify(draft)); } catch (e) { /* full or refused */ }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var store = storage();
    if (!store) { return; }
    var done = document.querySelector("[data-clear-draft]");
    if (done) { store.removeItem(done.getAttribute("data-clear-draft")); return; }
    var form = document.getElementById("report-form");
    if (!form) { return; }
    var key = form.getAttribute("data-draft-key");
    var status = document.getElementById("draft-status");
    if (restore(form, store, key) && status) {
      status.textContent = "Your unsent draft was restored from this browser tab.";
    }
    form.addEventListener("input", function () { save(form, store, key); });
  });
})();
