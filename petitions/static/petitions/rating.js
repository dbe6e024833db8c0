// The rating form on the applicant's matter page. An error shown by the server
// stays true only until the applicant changes the field it names, so it is hidden then.
(function () {
  "use strict";

  var form = document.getElementById("rating-form");
  if (!form) {
    return;
  }

  function clearFieldError(input) {
    var field = input.closest(".field");
    if (!field || !field.classList.contains("has-error")) {
      return;
    }
    field.classList.remove("has-error");
    field.querySelectorAll(".errorlist").forEach(function (list) { list.hidden = true; });
  }

  // The summary box goes once no field error is left, unless it lists errors of its own.
  function hideSummaryWhenResolved() {
    var summary = form.querySelector(".message.error");
    if (!summary || form.querySelector(".has-error") || summary.querySelector(".errorlist")) {
      return;
    }
    summary.hidden = true;
  }

  function onEdit(event) {
    clearFieldError(event.target);
    hideSummaryWhenResolved();
  }

  form.addEventListener("change", onEdit);
  form.addEventListener("input", onEdit);
})();
