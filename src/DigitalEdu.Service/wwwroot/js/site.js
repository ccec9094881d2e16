// Small conveniences on top of pages that work without script: a filter that applies itself when chosen, and a box that
// ticks every item of a list. Kept in this file (no inline script), so the pages can run under a strict content policy.
document.addEventListener("DOMContentLoaded", () => {
    for (const select of document.querySelectorAll("select[data-autosubmit]")) {
        select.addEventListener("change", () => select.form?.requestSubmit());
    }

    // The browser's own file button speaks the browser's language; the page's says which file was chosen.
    for (const input of document.querySelectorAll("input[type=file][data-file-name]")) {
        const shown = document.getElementById(input.getAttribute("data-file-name"));
        input.addEventListener("change", () => {
            if (shown && input.files?.length) shown.textContent = input.files[0].name;
        });
    }

    for (const all of document.querySelectorAll("input[data-select-all]")) {
        const name = all.getAttribute("data-select-all");
        const boxes = () => all.form?.querySelectorAll(`input[type=checkbox][name="${name}"]`) ?? [];
        all.addEventListener("change", () => boxes().forEach(box => { box.checked = all.checked; }));
    }
});
