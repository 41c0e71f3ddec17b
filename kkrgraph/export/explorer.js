// kkrgraph explorer: a force layout on a canvas, search, and a details panel. No libraries, no network.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const nodes = data.nodes;
  const byId = new Map(nodes.map((n, i) => [n.id, i]));
  const edges = data.edges
    .filter((e) => byId.has(e.source) && byId.has(e.target))
    .map((e) => ({ s: byId.get(e.source), t: byId.get(e.target), type: e.type, weight: e.weight }));
  const degree = new Array(nodes.length).fill(0);
  edges.forEach((e) => { degree[e.s] += e.weight; degree[e.t] += e.weight; });
  nodes.forEach((n, i) => { n.r = 3 + 1.6 * Math.sqrt(degree[i]); });

  // -- layout: deterministic start on a spiral, then a fixed number of force steps ---------------------
  const pos = nodes.map((_, i) => {
    const a = i * 2.399963, d = 12 * Math.sqrt(i + 1);
    return { x: d * Math.cos(a), y: d * Math.sin(a), vx: 0, vy: 0 };
  });
  function step(alpha) {
    const n = nodes.length;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[j].x - pos[i].x, dy = pos[j].y - pos[i].y;
        let d2 = dx * dx + dy * dy + 0.01;
        const f = (900 * alpha) / d2, d = Math.sqrt(d2);
        dx /= d; dy /= d;
        pos[i].vx -= dx * f; pos[i].vy -= dy * f; pos[j].vx += dx * f; pos[j].vy += dy * f;
      }
    }
    edges.forEach((e) => {
      const a = pos[e.s], b = pos[e.t];
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      const f = (d - 40) * 0.02 * alpha;
      a.vx += (dx / d) * f; a.vy += (dy / d) * f; b.vx -= (dx / d) * f; b.vy -= (dy / d) * f;
    });
    pos.forEach((p) => {
      p.vx -= p.x * 0.004 * alpha; p.vy -= p.y * 0.004 * alpha;
      p.x += Math.max(-20, Math.min(20, p.vx)); p.y += Math.max(-20, Math.min(20, p.vy));
      p.vx *= 0.6; p.vy *= 0.6;
    });
  }
  for (let k = 0; k < 300; k++) step(1 - k / 330);

  // -- drawing ------------------------------------------------------------------------------------------
  const canvas = document.getElementById("canvas");
  const ctx = canvas.getContext("2d");
  const view = { x: 0, y: 0, k: 1 };
  let selected = -1;
  function fit() {
    const w = canvas.clientWidth, h = canvas.clientHeight;
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    pos.forEach((p) => { minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x); minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y); });
    view.k = 0.9 * Math.min(w / (maxX - minX + 1), h / (maxY - minY + 1));
    view.x = w / 2 - view.k * (minX + maxX) / 2;
    view.y = h / 2 - view.k * (minY + maxY) / 2;
  }
  function neighbours(i) {
    const set = new Set();
    edges.forEach((e) => { if (e.s === i) set.add(e.t); if (e.t === i) set.add(e.s); });
    return set;
  }
  function draw() {
    const ratio = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (canvas.width !== w * ratio || canvas.height !== h * ratio) { canvas.width = w * ratio; canvas.height = h * ratio; }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.save();
    ctx.translate(view.x, view.y);
    ctx.scale(view.k, view.k);
    const near = selected >= 0 ? neighbours(selected) : null;
    edges.forEach((e) => {
      const hot = selected >= 0 && (e.s === selected || e.t === selected);
      ctx.strokeStyle = hot ? "rgba(30,30,30,0.7)" : "rgba(120,120,120,0.18)";
      ctx.lineWidth = (hot ? 1.5 : 0.6) / view.k * Math.min(3, 0.5 + e.weight * 0.5);
      ctx.beginPath(); ctx.moveTo(pos[e.s].x, pos[e.s].y); ctx.lineTo(pos[e.t].x, pos[e.t].y); ctx.stroke();
    });
    nodes.forEach((n, i) => {
      const dim = near && i !== selected && !near.has(i);
      ctx.globalAlpha = dim ? 0.25 : 1;
      ctx.fillStyle = n.colour;
      ctx.beginPath(); ctx.arc(pos[i].x, pos[i].y, n.r, 0, 2 * Math.PI); ctx.fill();
      if (i === selected) { ctx.lineWidth = 3 / view.k; ctx.strokeStyle = "#000"; ctx.stroke(); }
    });
    ctx.globalAlpha = 1;
    ctx.fillStyle = "#111";
    ctx.font = `${12 / view.k}px system-ui, sans-serif`;
    nodes.forEach((n, i) => {
      const show = i === selected || (near && near.has(i)) || (!near && n.r * view.k > 11);
      if (show) ctx.fillText(n.label, pos[i].x + n.r + 2 / view.k, pos[i].y + 4 / view.k);
    });
    ctx.restore();
  }

  // -- interaction ----------------------------------------------------------------------------------------
  function nodeAt(cx, cy) {
    const x = (cx - view.x) / view.k, y = (cy - view.y) / view.k;
    let best = -1, bestD = Infinity;
    pos.forEach((p, i) => {
      const d = Math.hypot(p.x - x, p.y - y);
      if (d < nodes[i].r + 4 / view.k && d < bestD) { best = i; bestD = d; }
    });
    return best;
  }
  let drag = null;
  canvas.addEventListener("mousedown", (ev) => { drag = { x: ev.offsetX, y: ev.offsetY, vx: view.x, vy: view.y, moved: false }; });
  canvas.addEventListener("mousemove", (ev) => {
    if (!drag) return;
    const dx = ev.offsetX - drag.x, dy = ev.offsetY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    view.x = drag.vx + dx; view.y = drag.vy + dy; draw();
  });
  canvas.addEventListener("mouseup", (ev) => {
    if (drag && !drag.moved) { const i = nodeAt(ev.offsetX, ev.offsetY); if (i >= 0) select(i); }
    drag = null;
  });
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const f = Math.exp(-ev.deltaY * 0.0015);
    view.x = ev.offsetX - (ev.offsetX - view.x) * f; view.y = ev.offsetY - (ev.offsetY - view.y) * f; view.k *= f; draw();
  }, { passive: false });
  window.addEventListener("resize", () => { fit(); draw(); });

  // -- details panel (DOM built with textContent: quotes are data, never markup) ----------------------------
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  const GROUPS = [["roles", "Roles"], ["meetings", "Meetings"], ["decision", "Decision"], ["mentions", "Mentions"]];
  function select(i) {
    selected = i;
    const n = nodes[i];
    const box = document.getElementById("details");
    box.replaceChildren();
    const title = el("h2", "", n.label);
    title.prepend(Object.assign(el("span", "dot"), { style: `background:${n.colour}` }));
    box.append(title, el("div", "attrs", [n.type, ...Object.entries(n.attrs).map(([k, v]) => `${k}: ${v}`)].join(" · ")));
    GROUPS.forEach(([key, heading]) => {
      const facts = n.facts[key];
      if (!facts || !facts.length) return;
      const section = el("section");
      section.dataset.group = key;
      section.append(el("h3", "", `${heading} (${facts.length})`));
      facts.forEach((f) => {
        const div = el("div", "fact");
        const what = el("div", "what");
        if (f.other !== undefined && byId.has(f.other)) {
          const a = el("a", "", f.text);
          a.addEventListener("click", () => select(byId.get(f.other)));
          what.append(a);
        } else what.textContent = f.text;
        div.append(what, el("blockquote", "quote", f.quote), el("div", "src", [f.date, f.source].filter(Boolean).join(" · ")));
        section.append(div);
      });
      box.append(section);
    });
    draw();
  }

  // -- search ------------------------------------------------------------------------------------------------
  const fold = (s) => s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ø/g, "o").replace(/æ/g, "ae");
  const keys = nodes.map((n) => fold(n.label));
  const input = document.getElementById("search");
  const results = document.getElementById("results");
  function search() {
    const q = fold(input.value.trim());
    results.replaceChildren();
    if (!q) return [];
    const hits = [];
    keys.forEach((k, i) => { if (k.includes(q)) hits.push(i); });
    hits.sort((a, b) => (keys[a].startsWith(q) ? 0 : 1) - (keys[b].startsWith(q) ? 0 : 1) || degree[b] - degree[a]);
    hits.slice(0, 30).forEach((i) => {
      const li = el("li", "", nodes[i].label);
      li.dataset.id = nodes[i].id;
      li.prepend(Object.assign(el("span", "dot"), { style: `background:${nodes[i].colour}` }));
      li.addEventListener("click", () => select(i));
      results.append(li);
    });
    return hits;
  }
  input.addEventListener("input", search);
  input.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { const hits = search(); if (hits.length) select(hits[0]); } });

  const legend = document.getElementById("legend");
  Object.entries(data.types).forEach(([type, colour]) => {
    const span = el("span", "", type);
    span.prepend(Object.assign(el("span", "dot"), { style: `background:${colour}` }));
    legend.append(span);
  });
  fit();
  draw();
  window.kkrExplorer = { select: (id) => select(byId.get(id)), nodeCount: nodes.length, edgeCount: edges.length };
})();
