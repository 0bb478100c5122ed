// Tell the server the browser's zone, so anonymous visitors see dates in their own zone,
// and pre-fill the time zone field of the sign-up form.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  if (document.cookie.indexOf("tz=") === -1) {
    document.cookie = "tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; SameSite=Lax";
  }
  document.addEventListener("DOMContentLoaded", function () {
    var select = document.querySelector("select[data-guess-timezone]");
    if (!select || select.dataset.touched) return;
    var option = select.querySelector('option[value="' + zone + '"]');
    if (option) select.value = zone;
  });
})();
