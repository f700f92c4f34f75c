// Copy buttons beside read-only addresses (calendar feeds). Without this script the
// buttons stay hidden and the address is still there to select and copy by hand;
// a file rather than inline code, because the CSP allows only scripts from 'self'.
(function () {
    "use strict";
    function say(button, text) {
        var status = button.parentNode.querySelector(".copy-address__status");
        if (status) {
            status.textContent = text;
        }
    }
    function copyBySelection(input) {
        input.focus();
        input.select();
        try {
            return document.execCommand("copy");
        } catch (error) {
            return false;
        }
    }
    document.querySelectorAll(".copy-address__input").forEach(function (input) {
        input.addEventListener("focus", function () { input.select(); });
    });
    document.querySelectorAll(".copy-address__button[data-copy-target]").forEach(function (button) {
        var input = document.getElementById(button.dataset.copyTarget);
        if (!input) {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            var done = function () { say(button, button.dataset.copied); };
            var failed = function () {
                say(button, copyBySelection(input) ? button.dataset.copied : button.dataset.failed);
            };
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(input.value).then(done, failed);
            } else {
                failed();
            }
        });
    });
}());
