// FieldKit HQ console: live search (the list refreshes after a pause in typing) and
// confirmation of destructive actions. No framework, nothing loaded from elsewhere.
(function () {
  "use strict";
  var q = document.getElementById("q");
  if (q && q.form) {
    var timer = null;
    var last = q.value;
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (q.value === last) return;
        last = q.value;
        var params = new URLSearchParams(new FormData(q.form));
        fetch(q.form.action + "?" + params.toString(), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) {
            if (html === null || q.value !== last) return;
            var doc = new DOMParser().parseFromString(html, "text/html");
            ["results", "count", "csv", "print-form"].forEach(function (id) {
              var fresh = doc.getElementById(id), old = document.getElementById(id);
              if (fresh && old) old.replaceWith(fresh);
            });
            var pager = document.querySelector(".pager"), freshPager = doc.querySelector(".pager");
            if (pager) pager.remove();
            if (freshPager) document.getElementById("results").after(freshPager);
            history.replaceState(null, "", q.form.action + "?" + params.toString());
          });
      }, 350);
    });
  }
  document.querySelectorAll("form.confirm").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (!window.confirm(form.dataset.confirm)) ev.preventDefault();
    });
  });
})();
