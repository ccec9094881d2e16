// A <select data-autosubmit> sends its form when it changes (the content security policy allows no inline handlers).
document.querySelectorAll("select[data-autosubmit]").forEach(select =>
    select.addEventListener("change", () => select.form.submit()));
