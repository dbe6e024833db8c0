// The filing form: live case-number check, court search, agent fields and draft autosave.
// The form works without this script; the server checks everything again on save and submit.
(function () {
  "use strict";

  var AUTOSAVE_INTERVAL_MS = 5000;
  var CHECK_DELAY_MS = 400;

  var form = document.getElementById("filing-form");
  if (!form) {
    return;
  }

  function debounce(fn, delay) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, delay);
    };
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(
      function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }
    );
  }

  // Receiving court select ---------------------------------------------

  var courtSelect = form.elements.receiving_court;
  var courtChosenByHand = courtSelect.value !== "";

  courtSelect.addEventListener("change", function () { courtChosenByHand = true; });

  function addCourtOption(court) {
    var value = String(court.id);
    for (var i = 0; i < courtSelect.options.length; i++) {
      if (courtSelect.options[i].value === value) {
        return courtSelect.options[i];
      }
    }
    var option = document.createElement("option");
    option.value = value;
    option.textContent = court.name + "（" + court.code + "）";
    courtSelect.appendChild(option);
    return option;
  }

  function chooseCourt(court) {
    addCourtOption(court).selected = true;
    markChanged();
  }

  // Case number check --------------------------------------------------

  var caseInput = form.elements.case_number;
  var caseResult = document.getElementById("case-number-result");
  var categorySelect = form.elements.category;

  function showCaseResult(className, lines) {
    caseResult.className = "case-check " + className;
    caseResult.textContent = "";
    lines.forEach(function (line) {
      var paragraph = document.createElement("p");
      paragraph.textContent = line;
      caseResult.appendChild(paragraph);
    });
  }

  function applyParsedCase(body) {
    var labels = caseResult.dataset;
    var courtText = body.court ? body.court.name + "（" + body.court.code + "）" : labels.labelUnknownCourt;
    var lines = [labels.labelNormalised + "：" + body.normalised + "（" + body.category_label + "）", labels.labelCourt + "：" + courtText];
    if (body.suggested_courts.length) {
      lines.push(labels.labelSuggested + "：" + body.suggested_courts[0].name);
      body.suggested_courts.forEach(addCourtOption);
      if (!courtChosenByHand) {
        addCourtOption(body.suggested_courts[0]).selected = true;
      }
    }
    if (categorySelect && !categorySelect.value) {
      var option = categorySelect.querySelector('option[value="' + body.category + '"]');
      if (option) {
        option.selected = true;
      }
    }
    showCaseResult("ok", lines);
  }

  var checkCaseNumber = debounce(function () {
    var text = caseInput.value.trim();
    if (!text) {
      showCaseResult("", []);
      return;
    }
    getJSON(form.dataset.checkUrl + "?q=" + encodeURIComponent(text))
      .then(function (result) {
        if (caseInput.value.trim() !== text) {
          return;  // The applicant typed on; a newer check is on its way.
        }
        if (result.ok) {
          applyParsedCase(result.body);
        } else {
          showCaseResult("bad", [result.body.error.message]);
        }
      })
      .catch(function () { showCaseResult("", []); });
  }, CHECK_DELAY_MS);

  caseInput.addEventListener("input", checkCaseNumber);
  if (caseInput.value.trim()) {
    checkCaseNumber();
  }

  // Court search -------------------------------------------------------

  var courtQuery = form.elements.court_query;
  var courtResults = document.getElementById("court-results");

  function showCourtResults(courts) {
    courtResults.textContent = "";
    courts.forEach(function (court) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = courtResults.dataset.labelChoose + "：" + court.name + "（" + court.code + "）";
      button.addEventListener("click", function () {
        courtChosenByHand = true;
        chooseCourt(court);
        courtQuery.value = "";
        courtResults.textContent = "";
        courtSelect.focus();
      });
      item.appendChild(button);
      courtResults.appendChild(item);
    });
  }

  courtQuery.addEventListener(
    "input",
    debounce(function () {
      var text = courtQuery.value.trim();
      if (!text) {
        showCourtResults([]);
        return;
      }
      getJSON(form.dataset.searchUrl + "?q=" + encodeURIComponent(text)).then(function (result) {
        if (result.ok && courtQuery.value.trim() === text) {
          showCourtResults(result.body);
        }
      });
    }, CHECK_DELAY_MS)
  );

  // Agent fields -------------------------------------------------------

  var onBehalf = form.elements.on_behalf;
  function toggleAgentFields() {
    var show = !onBehalf || onBehalf.checked;
    document.querySelectorAll(".agent-fields, .agent-only").forEach(function (element) {
      element.classList.toggle("hidden", !show);
    });
  }
  if (onBehalf && onBehalf.type === "checkbox") {
    onBehalf.addEventListener("change", toggleAgentFields);
    toggleAgentFields();
  }

  // Autosave -----------------------------------------------------------

  var status = document.getElementById("autosave-status");
  var changed = false;
  var saving = false;
  var submitting = false;

  function markChanged() {
    changed = true;
  }

  function autosaveData() {
    var data = new FormData(form);
    ["files_id_proof", "files_judgment", "files_evidence", "files_power_of_attorney"].forEach(function (name) {
      data.delete(name);
    });
    data.set("action", "autosave");
    return data;
  }

  function autosaveUrl() {
    return form.dataset.autosaveUrl || form.dataset.newUrl;
  }

  function rememberDraft(body) {
    // The first autosave of a new form creates the draft; later saves go to it.
    if (!form.dataset.autosaveUrl && body.autosave_url) {
      form.dataset.autosaveUrl = body.autosave_url;
      form.setAttribute("action", body.edit_url);
      window.history.replaceState(null, "", body.edit_url);
    }
  }

  // When the server saved a draft while rejecting the form, the page still shows the address it
  // was posted to. Show the draft's address instead, so a reload opens the draft and not a new form.
  function showDraftAddress() {
    // The submit buttons are named "action", so form.action is those buttons and not the attribute.
    var draftPath = new URL(form.getAttribute("action"), window.location.href).pathname;
    if (form.dataset.autosaveUrl && window.location.pathname !== draftPath) {
      window.history.replaceState(null, "", draftPath);
    }
  }
  showDraftAddress();

  function autosave() {
    if (!changed || saving || submitting) {
      return;
    }
    changed = false;
    saving = true;
    fetch(autosaveUrl(), { method: "POST", body: autosaveData(), credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (response.ok) {
            rememberDraft(body);
            status.textContent = body.message;
          } else if (body.error) {
            status.textContent = body.error.message;
          } else {
            changed = true;  // Try again once the entry is corrected; the form shows errors on save.
          }
        });
      })
      .catch(function () { changed = true; })
      .then(function () { saving = false; });
  }

  // An error shown by the server stays true only until the field is edited.
  function clearFieldError(input) {
    var field = input.closest(".field");
    if (!field || !field.classList.contains("has-error")) {
      return;
    }
    field.classList.remove("has-error");
    field.querySelectorAll(".errorlist").forEach(function (list) { list.hidden = true; });
  }

  form.addEventListener("input", function (event) {
    clearFieldError(event.target);
    if (event.target.type !== "file") {
      markChanged();
    }
  });
  form.addEventListener("change", function (event) {
    clearFieldError(event.target);
    if (event.target.type !== "file") {
      markChanged();
    }
  });
  setInterval(autosave, AUTOSAVE_INTERVAL_MS);

  // Save what is there when the applicant leaves or hides the page.
  function saveOnLeave() {
    if (changed && !submitting && navigator.sendBeacon) {
      changed = false;
      navigator.sendBeacon(autosaveUrl(), autosaveData());
    }
  }
  window.addEventListener("pagehide", saveOnLeave);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      saveOnLeave();
    }
  });

  // A second click must not send the form twice; the server is safe either way.
  form.addEventListener("submit", function () {
    submitting = true;
    setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
    }, 0);
  });
})();
