// Type-ahead for every search box with a data-search-url (lib/widgets.py, projects/forms.py name_input): names
// drop down as the user types; arrow keys move, Enter picks, Escape closes.
// Without this script each box is a plain text input: the server resolves the typed name (lib/pickers.py).
// Three kinds of box:
// - one record (data-picks-id, the chosen id in data-value): picking submits the id through a hidden input
//   that takes over the box's name; retyping gives the name back to the box, so an unpicked name is still sent;
// - several records (inside .picker-multiple): picking adds a checked box to the list above; unchecking drops it;
// - a typed name (data-id-input): picking writes the name, and the id into the named hidden field.
(function () {
  "use strict";
  var list = document.createElement("ul");
  list.id = "typeahead-list";
  list.className = "typeahead";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  document.body.appendChild(list);
  var activeBox = null;
  var results = [];
  var current = -1;
  var timer = null;

  // One-record boxes: a hidden input beside the box carries the picked id under the field's name.
  function enhance(root) {
    root.querySelectorAll("input[data-picks-id]").forEach(function (box) {
      if (box.fieldName !== undefined) return;
      box.fieldName = box.name;
      box.idInput = document.createElement("input");
      box.idInput.type = "hidden";
      box.parentNode.insertBefore(box.idInput, box.nextSibling);
      setPicked(box, box.getAttribute("data-value"));
    });
  }

  function setPicked(box, id) {
    if (id) {
      box.idInput.name = box.fieldName;
      box.idInput.value = String(id);
      box.removeAttribute("name");
    } else {
      box.name = box.fieldName;
      box.idInput.removeAttribute("name");
      box.idInput.value = "";
    }
  }

  function close() {
    list.hidden = true;
    list.textContent = "";
    results = [];
    current = -1;
    if (activeBox) {
      activeBox.setAttribute("aria-expanded", "false");
      activeBox.removeAttribute("aria-activedescendant");
    }
  }

  function highlight(index) {
    current = index;
    Array.prototype.forEach.call(list.children, function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0) activeBox.setAttribute("aria-activedescendant", list.children[index].id);
  }

  function show(box, found) {
    close();
    activeBox = box;
    results = found;
    if (!found.length) return;
    found.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = "typeahead-option-" + i;
      option.className = "typeahead-option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.post ? item.name + " · " + item.post : item.name;
      // mousedown, not click: the box keeps its focus.
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        pick(box, item);
      });
      list.appendChild(option);
    });
    var edge = box.getBoundingClientRect();
    list.style.left = window.scrollX + edge.left + "px";
    list.style.top = window.scrollY + edge.bottom + "px";
    list.style.width = edge.width + "px";
    list.hidden = false;
    box.setAttribute("aria-expanded", "true");
  }

  function pick(box, item) {
    var picker = box.closest(".picker-multiple");
    if (picker) {
      box.value = "";
      var chosen = picker.querySelector('input[type=checkbox][value="' + item.id + '"]');
      if (!chosen) {
        var row = document.createElement("li");
        var label = document.createElement("label");
        chosen = document.createElement("input");
        chosen.type = "checkbox";
        chosen.name = box.name;
        chosen.value = String(item.id);
        label.appendChild(chosen);
        label.appendChild(document.createTextNode(" " + item.name));
        row.appendChild(label);
        picker.querySelector("ul.picked").appendChild(row);
      }
      chosen.checked = true;
    } else {
      box.value = item.name;
      if (box.idInput) setPicked(box, item.id);
      var idInput = box.getAttribute("data-id-input") && document.getElementById(box.getAttribute("data-id-input"));
      if (idInput) idInput.value = String(item.id);
    }
    close();
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-search-url]")) return;
    enhance(box.parentNode);
    if (box.idInput) setPicked(box, null);
    var idInput = box.getAttribute("data-id-input") && document.getElementById(box.getAttribute("data-id-input"));
    if (idInput) idInput.value = "";
    clearTimeout(timer);
    var query = box.value.trim();
    activeBox = box;
    if (!query) return close();
    timer = setTimeout(function () {
      fetch(box.getAttribute("data-search-url") + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (activeBox === box && box.value.trim() === query) show(box, data.results); })
        .catch(close);
    }, 150);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") return close();
    if (list.hidden || event.target !== activeBox) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      highlight((current + step + results.length) % results.length);
    } else if (event.key === "Enter" && current >= 0) {
      event.preventDefault();  // pick, do not submit yet
      pick(activeBox, results[current]);
    }
  });

  document.addEventListener("focusout", function (event) {
    if (event.target === activeBox) close();
  });

  enhance(document);
  window.typeaheadEnhance = enhance;  // for rows a form adds (meeting-form.js)
})();
