// Run inside the coach's page by Scripts/bench.sh steps (WebDriver's execute/async): opens one recording
// and makes the moves a coach makes, measuring in the page the time from the key press (or the click on
// the timeline) to the new picture painted: 60 steps forward, 60 back, 20 of one second (10 each way)
// and 50 clicks at random places on the timeline (a fixed seed). Then, unless told the browser cannot
// play the file, the same frames again on a <video> of Chromium's own: from setting currentTime to the
// frame presented (requestVideoFrameCallback). Answers with the times in milliseconds, per kind of move.
// arguments: [recording path, whether to compare with <video>, done]
const [path, compare, done] = arguments;
(async () => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  async function until(test, ms = 20000) {
    const end = performance.now() + ms;
    while (!test()) { if (performance.now() > end) throw new Error("timed out"); await sleep(1); }
  }
  document.querySelector(`#recording-list button[data-path="${CSS.escape(path)}"]`).click();
  await until(() => state.path === path && state.shown === 0 && state.pending === null, 120000);
  await sleep(1500);  // the first look-ahead done, as when a coach starts to watch
  let seed = 20261204;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };

  // One move: what it does, then the time until its picture is painted; the frame it lands on is kept
  // for <video>'s turn.
  const ours = { forward: [], back: [], second: [], random: [] };
  const targets = [];
  async function move(kind, act) {
    const t0 = performance.now();
    act();
    await until(() => state.pending === null);
    await frame();
    ours[kind].push(performance.now() - t0);
    targets.push([kind, state.shown]);
    await sleep(60);  // a person's pace when holding a key is about 30 a second; 60 ms between moves
  }
  const key = (k, shift = false) => () => document.dispatchEvent(new KeyboardEvent("keydown", { key: k, shiftKey: shift, bubbles: true }));
  const click = (x) => () => {
    const bar = document.getElementById("timeline-lane"), r = bar.getBoundingClientRect();
    bar.dispatchEvent(new PointerEvent("pointerdown", { clientX: r.left + x * r.width, clientY: r.top + 2, pointerId: 1, bubbles: true }));
    bar.dispatchEvent(new PointerEvent("pointerup", { clientX: r.left + x * r.width, clientY: r.top + 2, pointerId: 1, bubbles: true }));
  };
  // Where each series starts is not measured (a click like the random ones).
  const start = async (x) => { click(x)(); await until(() => state.pending === null); await sleep(1500); };
  await start(0.3);
  for (let i = 0; i < 60; i++) await move("forward", key("ArrowRight"));
  await start(0.6);
  for (let i = 0; i < 60; i++) await move("back", key("ArrowLeft"));
  await start(0.45);
  for (let i = 0; i < 20; i++) await move("second", key(i % 2 === 0 || i > 15 ? "ArrowRight" : "ArrowLeft", true));
  for (let i = 0; i < 50; i++) await move("random", click(0.02 + 0.96 * random()));

  const theirs = { forward: [], back: [], second: [], random: [], missed: 0 };
  if (compare) {
    const v = document.createElement("video");
    v.muted = true;
    v.preload = "auto";
    v.style.cssText = "position: fixed; right: 0; bottom: 0; width: 320px;";
    document.body.append(v);
    v.src = `files/${path.split("/").map(encodeURIComponent).join("/")}`;
    await new Promise((r) => v.addEventListener("loadeddata", r, { once: true }));
    const offset = v.currentTime - state.frames[0] / 1e6;
    const point = (i) => (state.frames[i] + (frameEnd(i) - state.frames[i]) / 4) / 1e6 + offset;
    for (const [kind, i] of targets) {
      const t0 = performance.now();
      const shown = new Promise((r) => { v.requestVideoFrameCallback(() => r(true)); setTimeout(() => r(false), 3000); });
      v.currentTime = point(i);
      if (await shown) { await frame(); theirs[kind].push(performance.now() - t0); } else theirs.missed += 1;
      await sleep(60);
    }
    v.remove();
  }
  const randomSeconds = targets.filter(([kind]) => kind === "random").map(([, i]) => (state.frames[i] - state.frames[0]) / 1e6);
  done(JSON.stringify({ ours, theirs, width: document.getElementById("still").width, randomSeconds }));
})().catch((e) => done(JSON.stringify({ error: String(e) })));
