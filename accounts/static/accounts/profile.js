// Show the lawyer's licence number only while "lawyer" is the chosen agent kind.
// Without JavaScript the field stays visible and its label says it is for lawyers only.
(function () {
  "use strict";

  var field = document.getElementById("lawyer-licence-field");
  var choices = document.querySelectorAll('input[name="agent_kind"]');
  if (!field || !choices.length) {
    return;
  }

  function update() {
    var checked = document.querySelector('input[name="agent_kind"]:checked');
    field.hidden = !(checked && checked.value === "lawyer");
  }

  choices.forEach(function (choice) {
    choice.addEventListener("change", update);
  });
  update();
})();
