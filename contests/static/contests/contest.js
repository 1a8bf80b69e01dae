// The answer sheet: a countdown to the server's deadline, and submission through the
// JSON API (the page then shows the score). Without this script the form posts normally.
(function () {
  "use strict";
  var form = document.querySelector("form.contest-attempt");
  if (!form || !window.fetch) { return; }
  var deadline = new Date(form.getAttribute("data-deadline")).getTime();
  var timer = form.querySelector(".contest-countdown");
  var message = form.querySelector(".contest-message");
  var sent = false, done = false;

  function answers() {
    var result = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      result[input.name.slice(1)] = input.value;
    });
    return result;
  }

  function show(text, isError) {
    message.textContent = text;
    message.className = "contest-message" + (isError ? " field-error" : "");
  }

  function send(automatic) {
    if (sent) { return; }
    sent = true;
    show(automatic ? form.getAttribute("data-msg-timeup") : form.getAttribute("data-msg-sending"));
    var prediction = form.querySelector("#prediction").value;
    fetch(form.getAttribute("data-api"), {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ answers: answers(), prediction: prediction === "" && automatic ? "0" : prediction })
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.ok) {
        show(form.getAttribute("data-msg-done")
          .replace("{correct}", result.data.correct_count).replace("{total}", result.data.total));
        form.querySelectorAll("input, button").forEach(function (input) { input.disabled = true; });
        done = true;
        timer.textContent = "";
        return;
      }
      sent = false;
      var errors = result.data.errors || {};
      show((errors.prediction || errors.__all__ || [form.getAttribute("data-msg-error")])[0], true);
      if (errors.__all__) { form.querySelector("button[type=submit]").disabled = true; }
    }).catch(function () {
      sent = false;
      show(form.getAttribute("data-msg-error"), true);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send(false);
  });

  function tick() {
    if (done) { timer.textContent = ""; return; }
    var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    var minutes = Math.floor(left / 60), seconds = left % 60;
    timer.textContent = " · " + form.getAttribute("data-msg-left") + " " + minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    if (left <= 0) { send(true); return; }
    window.setTimeout(tick, 1000);
  }
  tick();
}());
