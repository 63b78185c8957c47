// calcml's pages work without this file; with it, a calculator updates in place as the
// learner types or moves a slider, and math text is previewed as it is typed.
"use strict";

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// In classroom mode every POST carries the session's CSRF token (the page's meta tag).
function csrfHeaders(headers = {}) {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? { ...headers, "X-CSRF-Token": meta.content } : headers;
}

function resultUrl(form) {
  const data = new FormData(form);
  if (form.method.toLowerCase() === "post") {
    return [form.dataset.result, { method: "POST", body: data, headers: csrfHeaders() }];
  }
  const query = new URLSearchParams(data).toString();
  return [form.dataset.result + "?" + query, { method: "GET" }, form.action.split("#")[0] + "?" + query];
}

function enhanceForm(form) {
  const box = document.getElementById(form.closest("section").id + "-result");
  let latest = 0;
  async function update() {
    const ticket = ++latest;
    const [url, init, pageUrl] = resultUrl(form);
    box.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, init);
      const html = await response.text();
      if (ticket !== latest) return;
      box.innerHTML = html;
      if (pageUrl) history.replaceState(null, "", pageUrl + "#" + form.closest("section").id);
    } catch (err) {
      if (ticket === latest) box.textContent = "The server could not be reached: " + err;
    } finally {
      if (ticket === latest) box.removeAttribute("aria-busy");
    }
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  const live = debounce(update, 180);
  for (const slider of form.querySelectorAll("input[type=range][data-live]")) {
    const shown = document.getElementById(slider.id + "-value");
    slider.addEventListener("input", () => {
      shown.textContent = slider.value;
      live();
    });
  }
}

function enhancePreview(input) {
  const target = document.getElementById(input.dataset.preview);
  let latest = 0;
  async function show() {
    const ticket = ++latest;
    const text = input.value;
    if (!text.trim()) {
      target.textContent = "";
      return;
    }
    const body = { expr: text };
    if (input.dataset.task) body.task = JSON.parse(input.dataset.task);  // read as the checker will
    const response = await fetch("/api/preview", {
      method: "POST",
      headers: csrfHeaders({ "content-type": "application/json" }),
      body: JSON.stringify(body),
    });
    const data = await response.json();
    if (ticket !== latest) return;
    if (response.status === 503) {
      target.textContent = "";  // the server is busy: no preview this time, nothing wrong
      target.classList.remove("bad");
    } else if (response.ok) {
      // MathML printed by calcml from the parsed expression, never the raw text.
      target.innerHTML = data.mathml;
      target.classList.remove("bad");
    } else {
      const pre = document.createElement("pre");
      pre.textContent = data.error;
      target.replaceChildren(pre);
      target.classList.add("bad");
    }
  }
  input.addEventListener("input", debounce(show, 200));
  show();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form.calc-form").forEach(enhanceForm);
  document.querySelectorAll("input[data-preview]").forEach(enhancePreview);
});
