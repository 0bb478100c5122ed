// The ranking page: an org admin drags a row to its place. The drop posts the row's own
// form (its CSRF token, the proposal) with action "place" and the place dropped on, so the
// server decides as it does for the Up and Down buttons, which work without this file.
(function () {
  var body = document.querySelector("[data-draggable-ranking]");
  if (!body) return;
  var dragged = null;

  body.querySelectorAll("tr[data-rank]").forEach(function (row) {
    row.setAttribute("draggable", "true");
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.getAttribute("data-rank"));
    });
    row.addEventListener("dragover", function (event) {
      if (dragged && dragged !== row) event.preventDefault();
    });
    row.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!dragged || dragged === row) return;
      var form = dragged.querySelector("form");
      if (!form) return;
      [["action", "place"], ["place", row.getAttribute("data-rank")]].forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = pair[0];
        input.value = pair[1];
        form.appendChild(input);
      });
      form.submit();
    });
    row.addEventListener("dragend", function () { dragged = null; });
  });
})();
