/* Cổng PBGDPL: nhúng các khối tin, văn bản, hỏi đáp, tìm kiếm vào trang web khác.
 * <script src="https://<cổng>/embed.js" data-blocks="news,documents,search" data-unit="<mã đơn vị>" async></script>
 * data-mode="iframe" dùng khung iframe (tự điều chỉnh chiều cao qua postMessage). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {
    return;
  }
  var origin = new URL(script.src, window.location.href).origin;
  var params = new URLSearchParams();
  params.set("blocks", script.getAttribute("data-blocks") || "news,documents");
  params.set("unit", script.getAttribute("data-unit") || "");
  var host = document.createElement("div");
  host.className = "pbgdpl-embed";
  script.parentNode.insertBefore(host, script);

  if (script.getAttribute("data-mode") === "iframe") {
    var frame = document.createElement("iframe");
    frame.src = origin + "/embed/?" + params.toString();
    frame.title = script.getAttribute("data-title") || "Cổng thông tin Phổ biến, giáo dục pháp luật";
    frame.style.cssText = "width:100%;border:0;min-height:200px";
    frame.setAttribute("loading", "lazy");
    host.appendChild(frame);
    window.addEventListener("message", function (event) {
      if (event.origin === origin && event.source === frame.contentWindow && event.data &&
          event.data.type === "pbgdpl:height" && typeof event.data.height === "number") {
        frame.style.height = Math.min(Math.max(event.data.height, 100), 20000) + "px";
      }
    });
    return;
  }

  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var style = document.createElement("link");
  style.rel = "stylesheet";
  var css = "__EMBED_CSS__";
  style.href = /^https?:/.test(css) ? css : origin + css;
  root.appendChild(style);
  var body = document.createElement("div");
  body.className = "pbgdpl";
  body.setAttribute("lang", "vi");
  body.textContent = "Đang tải…";
  root.appendChild(body);
  fetch(origin + "/embed/fragment/?" + params.toString(), { mode: "cors", credentials: "omit" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.text();
    })
    .then(function (html) {
      body.innerHTML = html;
    })
    .catch(function () {
      body.textContent = "Không tải được nội dung từ Cổng thông tin Phổ biến, giáo dục pháp luật.";
    });
})();
