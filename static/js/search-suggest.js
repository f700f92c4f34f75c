// Suggests page titles under the search box as the visitor types. The search page
// works without it: this only fills the <datalist> the input already points at.
(function () {
    "use strict";
    var input = document.getElementById("search-query");
    var list = document.getElementById("search-suggestions");
    if (!input || !list || !window.fetch) {
        return;
    }
    var timer = null;
    var latest = "";
    input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
            var query = input.value.trim();
            latest = query;
            if (query.length < 2) {
                list.replaceChildren();
                return;
            }
            var url = input.dataset.suggestUrl + "?query=" + encodeURIComponent(query);
            fetch(url, { headers: { Accept: "application/json" } })
                .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                .then(function (data) {
                    if (query !== latest) {
                        return;
                    }
                    list.replaceChildren.apply(list, data.suggestions.map(function (item) {
                        var option = document.createElement("option");
                        option.value = item.title;
                        return option;
                    }));
                })
                .catch(function () { /* suggestions are a convenience only */ });
        }, 200);
    });
})();
