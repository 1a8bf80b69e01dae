// Suggests published answers similar to the question being typed (no third-party code).
(function () {
  "use strict";
  var form = document.querySelector("form[data-similar-url]");
  if (!form) return;
  var text = form.querySelector("textarea[name=text]");
  var box = document.getElementById("similar-answers");
  if (!text || !box) return;
  var timer = null;
  var last = "";
  function show(results) {
    box.textContent = "";
    if (!results.length) return;
    var heading = document.createElement("p");
    heading.textContent = box.getAttribute("data-heading") || "Câu hỏi đã được trả lời có thể giống câu hỏi của bạn:";
    box.appendChild(heading);
    var list = document.createElement("ul");
    results.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;
      a.target = "_blank";
      a.rel = "noopener";
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
  }
  function lookup() {
    var query = text.value.trim();
    if (query.length < 12 || query === last) return;
    last = query;
    fetch(form.getAttribute("data-similar-url") + "?q=" + encodeURIComponent(query.slice(0, 300)), {
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { show(data.results || []); })
      .catch(function () {});
  }
  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, 400);
  });
})();
