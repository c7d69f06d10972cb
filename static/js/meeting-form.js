// Staff forms (meeting log, problem): add formset rows, and type-ahead for people, organizations and projects.
// Without this script the form still works: names are typed and matched or added on the server, and
// projects are picked from the plain list the server renders.
(function () {
  "use strict";
  var form = document.querySelector("form.log-form");
  if (!form) return;

  // --- "Add a …" buttons: clone the formset's empty form with the next index -------------------
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
    enhanceProjectPickers(row);
    total.value = String(index + 1);
    var first = row.querySelector("input[type=text], textarea, select");
    if (first) first.focus();
  });

  // --- Type-ahead ---------------------------------------------------------------------------------
  var urls = {
    people: form.getAttribute("data-people-url"),
    organizations: form.getAttribute("data-organizations-url"),
    projects: form.getAttribute("data-projects-url"),
  };
  var timer = null;
  var list = document.createElement("ul");
  list.className = "typeahead";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  document.body.appendChild(list);
  var activeInput = null;

  function hiddenPersonFor(input) {
    // Attendance rows pair the visible name with a hidden person id: id_<prefix>-<n>-name → -person.
    if (!input.id || !/-name$/.test(input.id)) return null;
    return form.querySelector("#" + input.id.replace(/-name$/, "-person"));
  }

  function close() {
    list.hidden = true;
    list.textContent = "";
  }

  function show(input, results) {
    list.textContent = "";
    if (!results.length) return close();
    results.forEach(function (item) {
      var option = document.createElement("li");
      option.setAttribute("role", "option");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "typeahead-option";
      button.textContent = item.post ? item.name + " · " + item.post : item.name;
      button.addEventListener("click", function () {
        input.value = item.name;
        var hidden = hiddenPersonFor(input);
        if (hidden) hidden.value = String(item.id);
        if (input.pickerSelect) pickProject(input, item);
        close();
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      option.appendChild(button);
      list.appendChild(option);
    });
    var box = input.getBoundingClientRect();
    list.style.left = window.scrollX + box.left + "px";
    list.style.top = window.scrollY + box.bottom + "px";
    list.style.width = box.width + "px";
    list.hidden = false;
  }

  form.addEventListener("input", function (event) {
    var input = event.target;
    var kind = input.getAttribute && input.getAttribute("data-search");
    if (!kind || !urls[kind]) return;
    activeInput = input;
    var hidden = hiddenPersonFor(input);
    if (hidden) hidden.value = "";
    if (input.pickerSelect && !input.pickerSelect.multiple) input.pickerSelect.value = "";
    clearTimeout(timer);
    var query = input.value.trim();
    if (!query) return close();
    timer = setTimeout(function () {
      fetch(urls[kind] + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (activeInput === input) show(input, data.results); })
        .catch(close);
    }, 150);
  });

  // --- Project pickers: the server's list (a select) becomes a search box; the select, hidden, is submitted --
  function optionFor(select, id, name) {
    var option = select.querySelector('option[value="' + id + '"]');
    if (!option) {
      option = new Option(name, String(id));
      select.appendChild(option);
    }
    return option;
  }

  function addChip(select, chips, option) {
    var chip = document.createElement("li");
    chip.textContent = option.text + " ";
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "link";
    remove.textContent = "×";
    remove.setAttribute("aria-label", (form.getAttribute("data-remove-label") || "Remove") + " " + option.text);
    remove.addEventListener("click", function () {
      option.selected = false;
      chip.remove();
    });
    chip.appendChild(remove);
    chips.appendChild(chip);
  }

  function pickProject(input, item) {
    var select = input.pickerSelect;
    var option = optionFor(select, item.id, item.name);
    if (!select.multiple) {
      select.value = String(item.id);
      return;
    }
    input.value = "";
    if (!option.selected) {
      option.selected = true;
      addChip(select, input.pickerChips, option);
    }
  }

  function enhanceProjectPickers(root) {
    if (!urls.projects) return;
    root.querySelectorAll('select[data-search="projects"]').forEach(function (select) {
      if (select.hidden || select.id.indexOf("__prefix__") !== -1) return;
      var input = document.createElement("input");
      input.type = "search";
      input.id = select.id + "-search";
      input.setAttribute("data-search", "projects");
      input.setAttribute("autocomplete", "off");
      input.placeholder = form.getAttribute("data-projects-placeholder") || "";
      input.pickerSelect = select;
      var label = form.querySelector('label[for="' + select.id + '"]');
      if (label) label.setAttribute("for", input.id);
      if (select.multiple) {
        var chips = document.createElement("ul");
        chips.className = "picked";
        input.pickerChips = chips;
        Array.prototype.forEach.call(select.selectedOptions, function (option) { addChip(select, chips, option); });
        select.parentNode.insertBefore(chips, select);
      } else if (select.value) {
        input.value = select.options[select.selectedIndex].text;
      }
      select.parentNode.insertBefore(input, select);
      select.hidden = true;
    });
  }
  enhanceProjectPickers(form);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
  document.addEventListener("click", function (event) {
    if (!list.contains(event.target) && event.target !== activeInput) close();
  });
})();
