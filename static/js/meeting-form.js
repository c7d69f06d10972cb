// Staff forms (meeting log): "Add a …" buttons clone the formset's empty form with the next index.
// Type-ahead for people, organizations and projects is static/js/typeahead.js. Without scripts the form still
// works: the extra rows the server renders are there to fill, and names are typed and resolved on the server.
(function () {
  "use strict";
  var form = document.querySelector("form.log-form");
  if (!form) return;

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (!button) return;
    var prefix = button.getAttribute("data-formset-add");
    var fieldset = button.closest("fieldset");
    var total = form.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var max = form.querySelector("#id_" + prefix + "-MAX_NUM_FORMS");
    var index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) return;
    var html = fieldset.querySelector("template.formset-empty").innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    fieldset.querySelector(".formset-rows").appendChild(row);
    if (window.typeaheadEnhance) window.typeaheadEnhance(row);
    total.value = String(index + 1);
    var first = row.querySelector("input[type=text], input[type=search], textarea, select");
    if (first) first.focus();
  });
})();
