// Operator pages while a run is going: every few seconds the page is read again and each region marked data-live-region is
// replaced by its new version (same id). data-live="on" (a run is going) reads again every 2 s; "idle" (a page that waits for
// the next run, the console) every 10 s; "off" stops. Short polling of the page itself, so what shows is exactly what a
// reload would show, and the page still works without script (a reload).
(() => {
    const delayOf = root =>
        root.querySelector('[data-live-region][data-live="on"]') ? 2000
        : root.querySelector('[data-live-region][data-live="idle"]') ? 10000
        : null;

    async function refresh() {
        if (document.hidden) return schedule(2000);
        try {
            const answer = await fetch(location.href, { credentials: "same-origin", headers: { "X-Live": "1" } });
            if (!answer.ok || answer.redirected) return schedule(10000);
            const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
            // Read before the loop: each region replaced is moved out of the fresh page.
            const delay = delayOf(fresh);
            for (const region of document.querySelectorAll("[data-live-region]")) {
                const next = fresh.getElementById(region.id);
                // A region whose toggle the operator opened is left as it is until it is closed again.
                if (next && !region.querySelector("details[open]")) region.replaceWith(next);
            }
            document.dispatchEvent(new CustomEvent("live:updated"));
            if (delay) schedule(delay);
        } catch {
            schedule(10000);
        }
    }

    function schedule(delay) {
        setTimeout(refresh, delay);
    }

    document.addEventListener("DOMContentLoaded", () => {
        const delay = delayOf(document);
        if (delay) schedule(delay);
    });
})();
