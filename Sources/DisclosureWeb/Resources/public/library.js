// Keyword suggestions while typing in the library's search box (characters, pinyin or
// initials: chaiqian, cq → 拆迁). The search works the same without this script.
(function () {
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  if (!input || !list || !window.fetch) return;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = input.value.trim();
      if (!text) { list.textContent = ""; return; }
      fetch("/api/v1/library/suggest?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          list.textContent = "";
          (data.suggestions || []).forEach(function (term) {
            var option = document.createElement("option");
            option.value = term;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 150);
  });
})();
