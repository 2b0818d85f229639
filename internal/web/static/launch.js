// Submits the launch form at once: the link's GET changes nothing, this
// POST signs in. Without JavaScript the button does the same.
document.addEventListener("DOMContentLoaded", () => {
  const f = document.querySelector("form[data-autosubmit]");
  if (f) f.submit();
});
