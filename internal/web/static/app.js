// Live FAQ suggestions for step 1 of the ticket wizard. The page works
// without this script: the server then shows suggestions after step 1.
(function () {
  "use strict";
  var form = document.getElementById("step1");
  if (!form) { return; }
  var flag = document.getElementById("js-flag");
  var title = document.getElementById("title");
  var box = document.getElementById("suggestions");
  if (!flag || !title || !box) { return; }
  flag.value = "1";
  var timer = null, seq = 0, last = "";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function part(details, label, text) {
    details.appendChild(el("h3", "", label));
    var body = el("div", "body");
    String(text).split("\n").forEach(function (line) { body.appendChild(el("p", "", line)); });
    details.appendChild(body);
  }

  function show(faqs) {
    box.textContent = "";
    if (!faqs.length) { return; }
    box.appendChild(el("h2", "", box.dataset.heading));
    faqs.forEach(function (f) {
      var d = el("details", "faq-suggestion");
      var s = el("summary", "", f.title + " ");
      s.appendChild(el("span", "muted", "· " + f.module));
      d.appendChild(s);
      part(d, box.dataset.situation, f.situation);
      part(d, box.dataset.cause, f.cause);
      part(d, box.dataset.solution, f.solution);
      var b = el("button", "primary resolved", box.dataset.resolved);
      b.type = "submit";
      b.name = "faq";
      b.value = String(f.id);
      b.formAction = "/new/" + encodeURIComponent(form.dataset.key) + "/resolved";
      b.formNoValidate = true;
      d.appendChild(b);
      box.appendChild(d);
    });
  }

  function lookup() {
    var q = title.value.trim();
    if (q === last) { return; }
    last = q;
    if (q.length < 3) { show([]); return; }
    var mine = ++seq;
    fetch("/faqs/suggest?q=" + encodeURIComponent(title.value), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {faqs: []}; })
      .then(function (data) { if (mine === seq) { show(data.faqs || []); } })
      .catch(function () { /* suggestions are a help, never a blocker */ });
  }

  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, 250);
  });
  if (title.value.trim().length >= 3 && !box.querySelector("details")) { lookup(); }
})();
