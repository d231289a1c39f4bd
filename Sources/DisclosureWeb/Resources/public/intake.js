// While the applicant's identity number, or name and phone, are typed, list their earlier
// cases beside the form (重复申请). The form works the same without this script.
(function () {
  var section = document.getElementById("earlier");
  var list = document.getElementById("earlier-list");
  if (!section || !list || !window.fetch) return;
  var timer = null;
  function value(id) { var e = document.getElementById(id); return e ? e.value.trim() : ""; }
  // Only a whole identity number, or a name with a whole phone, is looked up: the server allows
  // each user a limited number of lookups.
  function look() {
    var query = {};
    if (value("idNumber").length >= 15) query.idNumber = value("idNumber");
    if (value("name") && value("phone").length >= 7) { query.name = value("name"); query.phone = value("phone"); }
    if (!query.idNumber && !query.phone) { section.hidden = true; return; }
    var csrf = document.querySelector("input[name=_csrf]");
    fetch("/api/v1/applicants/cases", {
      method: "POST", credentials: "same-origin", body: JSON.stringify(query),
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf ? csrf.value : "" }
    })
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
