// Court suggestions for the transfer form: fills a datalist from the court search.
// Without JavaScript the clerk types the court code or name and the server resolves it.
(function () {
  "use strict";

  var input = document.getElementById("id_transfer-to_court");
  if (!input || !input.dataset.searchUrl) {
    return;
  }
  var list = document.createElement("datalist");
  list.id = "transfer-court-options";
  input.setAttribute("list", list.id);
  input.parentNode.appendChild(list);

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (!text) {
      return;
    }
    timer = setTimeout(function () {
      fetch(input.dataset.searchUrl + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (courts) {
          list.textContent = "";
          (Array.isArray(courts) ? courts : courts.results || []).forEach(function (court) {
            var option = document.createElement("option");
            option.value = court.code;
            option.label = court.name;
            list.appendChild(option);
          });
        })
        .catch(function () { /* Suggestions are optional; typing still works. */ });
    }, 250);
  });
})();

// The handler list of the accept form follows the chosen department. Without
// JavaScript every handler is listed and the server rejects a mismatch.
(function () {
  "use strict";

  document.querySelectorAll("select[data-follows]").forEach(function (handlers) {
    var department = document.getElementById(handlers.dataset.follows);
    if (!department) {
      return;
    }

    function showDepartmentHandlers() {
      var chosen = department.value;
      Array.prototype.forEach.call(handlers.options, function (option) {
        var other = Boolean(chosen && option.dataset.department && option.dataset.department !== chosen);
        option.hidden = other;
        option.disabled = other;
        if (other && option.selected) {
          handlers.value = "";
        }
      });
    }

    department.addEventListener("change", showDepartmentHandlers);
    showDepartmentHandlers();
  });
})();
