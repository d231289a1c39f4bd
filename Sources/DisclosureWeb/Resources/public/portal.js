// While the applicant writes what they ask for, the published answers most like it
// (GET /apply/similar). The form works the same without this script: "先查一查" above it
// asks for the same list by reloading the page.
(function () {
  var section = document.getElementById("similar");
  var list = document.getElementById("similar-list");
  var fields = ["subject", "description"].map(function (id) { return document.getElementById(id); });
  if (!section || !list || !window.fetch || !fields[0]) return;
  var timer = null, last = "";
  function look() {
    var text = fields.map(function (f) { return f ? f.value.trim() : ""; }).join(" ").trim().slice(0, 500);
    if (text.length < 2 || text === last) return;
    last = text;
    fetch("/apply/similar?text=" + encodeURIComponent(text))
      .then(function (r) { return r.ok ? r.json() : { matches: [] }; })
      .then(function (data) {
        var matches = data.matches || [];
        list.textContent = "";
        var none = document.getElementById("similar-none");
        if (none) none.remove();
        matches.forEach(function (m) {
          var item = document.createElement("li"), link = document.createElement("a");
          link.href = m.url;
          link.textContent = m.title;
          item.appendChild(link);
          item.appendChild(document.createTextNode("（" + m.kind + "）"));
          list.appendChild(item);
        });
        section.hidden = matches.length === 0;
      })
      .catch(function () {});
  }
  fields.forEach(function (field) {
    if (!field) return;
    field.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(look, 400); });
  });
})();
