/* Body map: tapping an area cycles its answer (not answered, yes, no, let's discuss).
   The radio groups in the list are the answers; the shapes only show and change them. */
(function () {
  "use strict";
  var ORDER = ["", "yes", "no", "discuss"];
  var WORDS = { "": "Not answered", yes: "Yes", no: "No", discuss: "Let's discuss" };

  function radios(index) {
    return document.querySelectorAll('input[type="radio"][name="answer-' + index + '"]');
  }

  function current(index) {
    var list = radios(index);
    for (var i = 0; i < list.length; i += 1) {
      if (list[i].checked) { return list[i].value; }
    }
    return "";
  }

  function paint(index) {
    var value = current(index);
    var shapes = document.querySelectorAll('.bodymap .area[data-index="' + index + '"]');
    shapes.forEach(function (shape) {
      ORDER.forEach(function (v) { shape.classList.remove("ans-" + (v || "none")); });
      shape.classList.add("ans-" + (value || "none"));
      shape.setAttribute("aria-label", shape.getAttribute("data-label") + ": " + WORDS[value]);
    });
  }

  function cycle(shape) {
    var index = shape.getAttribute("data-index");
    var next = ORDER[(ORDER.indexOf(current(index)) + 1) % ORDER.length];
    var list = radios(index);
    for (var i = 0; i < list.length; i += 1) {
      if (list[i].value === next && !list[i].disabled) {
        list[i].checked = true;
        list[i].dispatchEvent(new Event("change", { bubbles: true }));
        return;
      }
    }
  }

  function ready() {
    document.documentElement.classList.add("js");
    document.querySelectorAll(".bodymap .area[data-index]").forEach(function (shape) {
      shape.setAttribute("tabindex", "0");
      shape.setAttribute("role", "button");
      paint(shape.getAttribute("data-index"));
    });
    document.addEventListener("click", function (event) {
      var shape = event.target.closest ? event.target.closest(".bodymap .area[data-index]") : null;
      if (shape) {
        event.preventDefault();
        cycle(shape);
      }
    });
    document.addEventListener("keydown", function (event) {
      var shape = event.target.closest ? event.target.closest(".bodymap .area[data-index]") : null;
      if (shape && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        cycle(shape);
      }
    });
    document.addEventListener("change", function (event) {
      var match = /^answer-(\d+)$/.exec(event.target.name || "");
      if (match) { paint(match[1]); }
    });
    // A section jumped to from the list of sections opens.
    window.addEventListener("hashchange", openTarget);
    openTarget();
  }

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
}());
