// While the applicant's identity number, or name and phone, are typed, list their earlier
// cases beside the form (重复申请). The form works the same without this script.
(function () {
  var section = document.getElementById("earlier");
  var list = document.getElementById("earlier-list");
  if (!section || !list || !window.fetch) return;
  var timer = null;
  function value(id) { var e = document.getElementById(id); return e ? e.value.trim() : ""; }
  function look() {
    var params = new URLSearchParams();
    if (value("idNumber").length >= 6) params.set("idNumber", value("idNumber"));
    if (value("name") && value("phone").length >= 6) { params.set("name", value("name")); params.set("phone", value("phone")); }
    if (!params.toString()) { section.hidden = true; return; }
    fetch("/api/v1/applicants/cases?" + params.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { cases: [] }; })
      .then(function (data) {
        list.textContent = "";
        (data.cases || []).forEach(function (c) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = "/cases/" + c.id;
          link.textContent = c.caseNumber;
          item.appendChild(link);
          item.appendChild(document.createTextNode(" " + c.receivedOn + " " + c.subject));
          list.appendChild(item);
        });
        section.hidden = list.children.length === 0;
      })
      .catch(function () { section.hidden = true; });
  }
  ["idNumber", "name", "phone"].forEach(function (id) {
    var e = document.getElementById(id);
    if (e) e.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(look, 300); });
  });
})();

// While the request is typed, the most similar earlier cases and library entries (重复申请,
// and to answer alike).
(function () {
  var section = document.getElementById("similar");
  var list = document.getElementById("similar-list");
  if (!section || !list || !window.fetch) return;
  var timer = null;
  function look() {
    var subject = document.getElementById("subject"), description = document.getElementById("description");
    var text = ((subject ? subject.value : "") + " " + (description ? description.value : "")).trim();
    if (text.length < 4) { section.hidden = true; return; }
    fetch("/api/v1/similar?text=" + encodeURIComponent(text.slice(0, 300)), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { matches: [] }; })
      .then(function (data) {
        list.textContent = "";
        (data.matches || []).forEach(function (m) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = (m.kind === "case" ? "/cases/" : "/library/") + m.id;
          link.textContent = m.title;
          item.appendChild(link);
          item.appendChild(document.createTextNode("（" + m.detail + "）"));
          list.appendChild(item);
        });
        section.hidden = list.children.length === 0;
      })
      .catch(function () { section.hidden = true; });
  }
  ["subject", "description"].forEach(function (id) {
    var e = document.getElementById(id);
    if (e) e.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(look, 400); });
  });
})();
