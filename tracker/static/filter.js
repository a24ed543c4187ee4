// The filter form leaves out empty fields when submitted, so a shared URL holds only what was
// chosen (the server also redirects such a URL to its clean form, for browsers without script).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form.filter")) return;
  for (const field of form.elements) {
    if (field.name && !field.disabled && field.value === "" && field.type !== "checkbox") {
      field.disabled = true;
    }
  }
  // Re-enable after navigation starts, so going Back shows the fields usable again.
  setTimeout(() => { for (const field of form.elements) field.disabled = false; }, 0);
});
