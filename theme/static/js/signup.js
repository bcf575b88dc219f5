/* Toolkit signup, enhanced: submit through Mailchimp's JSONP endpoint and answer inline.
   Without this script the form still posts to Mailchimp's hosted page. Mailchimp's
   messages can hold markup, so they are only ever shown as text. */
(function () {
  "use strict";

  var DEFAULT_TIMEOUT_MS = 10000;
  var MESSAGES = {
    success: "Thank you for subscribing! Your toolkit is ready below. Please check your inbox to confirm your subscription.",
    already: "You are already subscribed, thank you! Your toolkit is ready below.",
    failed: "Sorry, we could not reach the signup service. Please check your connection and try again.",
    error: "Sorry, something went wrong. Please check your email address and try again."
  };

  // Mailchimp prefixes some messages with a field index, as in "0 - Please enter a value".
  function cleanMessage(text) {
    return String(text || "").replace(/^\s*\d+\s*-\s*/, "").trim();
  }

  function jsonpUrl(form, callbackName) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      params.append(name, value);
    });
    params.append("c", callbackName);
    return form.getAttribute("data-json-action") + "&" + params.toString();
  }

  function send(form, onAnswer) {
    var callbackName = "signupCallback_" + Date.now().toString(36) + "_" +
      Math.random().toString(36).slice(2);
    var script = document.createElement("script");
    var timeout = Number(form.getAttribute("data-timeout-ms")) || DEFAULT_TIMEOUT_MS;
    var done = false;

    function finish(answer) {
      if (done) { return; }
      done = true;
      window.clearTimeout(timer);
      script.remove();
      // A late answer must find a harmless function, not a missing one.
      window[callbackName] = function () { delete window[callbackName]; };
      onAnswer(answer);
    }

    window[callbackName] = function (data) { finish(data || {}); };
    script.onerror = function () { finish(null); };
    var timer = window.setTimeout(function () { finish(null); }, timeout);
    script.src = jsonpUrl(form, callbackName);
    document.body.appendChild(script);
  }

  function enhance(form) {
    var status = form.querySelector(".signup-status");
    var download = form.querySelector(".signup-download");
    var button = form.querySelector("[type=submit]");

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      form.classList.remove("is-error", "is-success");
      status.textContent = "Sending…";
      button.disabled = true;

      send(form, function (answer) {
        button.disabled = false;
        var message;
        var ok = false;
        if (!answer) {
          message = MESSAGES.failed;
        } else if (answer.result === "success") {
          ok = true;
          message = MESSAGES.success;
        } else if (/already subscribed/i.test(String(answer.msg || ""))) {
          ok = true;
          message = MESSAGES.already;
        } else {
          message = cleanMessage(answer.msg) || MESSAGES.error;
        }
        // textContent, never innerHTML: whatever the answer holds stays text.
        status.textContent = message;
        form.classList.add(ok ? "is-success" : "is-error");
        if (ok && download) {
          download.hidden = false;
        }
      });
    });
  }

  var forms = document.querySelectorAll("form[data-signup]");
  for (var i = 0; i < forms.length; i += 1) {
    if (!forms[i].hasAttribute("data-enhanced")) {
      forms[i].setAttribute("data-enhanced", "");
      enhance(forms[i]);
    }
  }
})();
