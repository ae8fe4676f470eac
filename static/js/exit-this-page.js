// "Exit this page": leave the portal at once, by the button or by pressing Shift three times.
// location.replace swaps only this page's history entry for the exit site. Pages of the portal
// visited before it stay in the browser's history and Back can reach them: no script can erase
// history. The "Staying safe online" page says so and how to clear it.
(function () {
  "use strict";
  var button = document.querySelector("[data-exit-this-page]");
  if (!button) {
    return;
  }
  var target = button.getAttribute("href");
  var presses = 0;
  var timer = null;

  function leave() {
    document.body.classList.add("portal-exiting");
    document.title = "Exiting page";
    window.location.replace(target);
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= 3) {
      presses = 0;
      leave();
      return;
    }
    timer = window.setTimeout(function () {
      presses = 0;
    }, 5000);
  });
})();
