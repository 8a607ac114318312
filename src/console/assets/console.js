// visitdesk console: small enhancements only; every page works without this.
// Served from the same host (Content-Security-Policy: script-src 'self').
(function () {
  "use strict";
  // A "copy" button beside a calendar address: copies the address of the
  // input its data-copy names and says so.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.getElementById(button.getAttribute("data-copy"));
    if (!input || !navigator.clipboard) return;
    navigator.clipboard.writeText(input.value).then(function () {
      var done = button.getAttribute("data-copied");
      if (done) button.textContent = done;
    });
  });
  // Move focus to the error summary so that a screen reader reads it first.
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
})();
