// Vote without a page reload. The forms work without this script (POST, then back to the page);
// here the same POST is sent with fetch, asking for JSON, and the page is updated in place.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-vote-form]");
  if (!forms.length || !window.fetch || !window.FormData || !window.URLSearchParams) {
    return;
  }
  var leftCount = document.querySelector("[data-votes-left-count]");
  var announcer = document.querySelector("[data-vote-announcer]");

  // The same rule as consultations/vote_buttons.py, for the forms the answer did not come from.
  function refresh(form, remaining) {
    var dots = parseInt(form.getAttribute("data-dots"), 10) || 0;
    var several = form.getAttribute("data-several") === "true";
    var movable = form.getAttribute("data-movable") === "true";
    var oneMoreAllowed = dots === 0 || several;
    var add = form.querySelector("[data-vote-add]");
    var label = form.querySelector("[data-vote-add-label]");
    var remove = form.querySelector("[data-vote-remove]");
    var outOfVotes = form.querySelector("[data-out-of-votes]");
    if (add) {
      add.hidden = !(remaining > 0 && oneMoreAllowed);
    }
    if (label && add) {
      label.textContent = add.getAttribute(dots > 0 ? "data-label-more" : "data-label-first");
    }
    if (remove) {
      remove.hidden = !(dots > 0 && movable);
    }
    if (outOfVotes) {
      outOfVotes.hidden = !(remaining <= 0 && oneMoreAllowed);
    }
  }

  function announce(text) {
    if (announcer) {
      announcer.textContent = text;
    }
  }

  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !button.name) {
        return;
      }
      event.preventDefault();
      // Sent as a plain form (not multipart), which the server reads with less work.
      var data = new URLSearchParams(new FormData(form));
      data.set(button.name, button.value);
      button.disabled = true;
      var focusAfter = null;
      // form.action would return the buttons named "action", so read the attribute.
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (result) {
          if (!result.ok) {
            announce(result.message);
            return;
          }
          form.setAttribute("data-dots", String(result.dots));
          var status = form.querySelector("[data-vote-status]");
          if (status) {
            var several = form.getAttribute("data-several") === "true";
            status.textContent =
              result.dots === 0
                ? ""
                : several
                  ? "You support this with " + result.dots + " vote" + (result.dots === 1 ? "." : "s.")
                  : "You support this.";
          }
          var count = form.closest("section") && form.closest("section").querySelector("[data-online-votes]");
          // null means the count is hidden (see consultations/figures.py): say so, never a stale number.
          if (count && "online_votes" in result) {
            count.textContent =
              result.online_votes === null ? count.getAttribute("data-hidden-word") : String(result.online_votes);
          }
          if (leftCount) {
            leftCount.textContent = String(result.remaining);
          }
          Array.prototype.forEach.call(forms, function (other) {
            refresh(other, result.remaining);
          });
          announce(result.message + " You have " + result.remaining + " of " + result.budget + " votes left.");
          // Keep the keyboard where it was: on this priority's buttons, not lost to the page.
          focusAfter = !button.hidden ? button : form.querySelector("button:not([hidden])");
        })
        .catch(function () {
          // Network trouble: fall back to the ordinary form post, keeping the button's choice.
          var choice = document.createElement("input");
          choice.type = "hidden";
          choice.name = button.name;
          choice.value = button.value;
          form.appendChild(choice);
          HTMLFormElement.prototype.submit.call(form);
        })
        .finally(function () {
          button.disabled = false;
          if (focusAfter) {
            focusAfter.focus();
          }
        });
    });
  });
})();
