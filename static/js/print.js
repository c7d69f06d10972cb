/* The weekly report's print button (no inline handlers: the Content-Security-Policy forbids them). */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
