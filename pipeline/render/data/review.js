// The review page: click an item on the left to see its source on the right.
(function () {
  "use strict";
  var pieces = Array.prototype.slice.call(document.querySelectorAll("#transcript .t"));
  function highlight(s, e) {
    var first = null;
    document.querySelectorAll("#transcript .t.hl").forEach(function (el) { el.classList.remove("hl"); });
    pieces.forEach(function (el) {
      var a = +el.dataset.s, b = +el.dataset.e;
      if (a >= s && b <= e && b > a) { el.classList.add("hl"); if (!first) first = el; }
    });
    if (first) first.scrollIntoView({ block: "center" });
    document.body.dataset.selected = s + "-" + e;
  }
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-s]");
    if (!el || el.closest("#transcript") || ev.target.closest("a")) return;
    document.querySelectorAll(".picked").forEach(function (p) { p.classList.remove("picked"); });
    el.classList.add("picked");
    highlight(+el.dataset.s, +el.dataset.e);
  });
  // two tabs over the notes pane: the notes as a list, and as a mind map
  var tabs = Array.prototype.slice.call(document.querySelectorAll(".tab"));
  tabs.forEach(function (tab) {
    tab.addEventListener("click", function () {
      tabs.forEach(function (t) {
        t.classList.toggle("on", t === tab);
        document.getElementById(t.dataset.tab).hidden = t !== tab;
      });
      document.body.classList.toggle("map-open", tab.dataset.tab === "mindmap");
    });
  });
  var toggle = document.getElementById("toggle-edits");
  toggle.addEventListener("change", function () { document.body.classList.toggle("hide-edits", !toggle.checked); });
  var who = document.getElementById("filter-who"), topic = document.getElementById("filter-topic");
  function filter() {
    document.querySelectorAll("#claims tbody tr").forEach(function (tr) {
      var ok = (!who.value || tr.dataset.who === who.value) && (!topic.value || tr.dataset.topic === topic.value);
      tr.style.display = ok ? "" : "none";
    });
  }
  who.addEventListener("change", filter);
  topic.addEventListener("change", filter);
})();
