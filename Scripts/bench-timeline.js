// Run inside the coach's page by Scripts/bench.sh timeline (WebDriver's execute/async): opens one recording
// and measures in the page the time from the click on it to the whole strip of pictures and the sound band
// drawn (every picture the server made fetched and on the strip, the levels drawn); then, when asked, 50
// hovers at random columns of the timeline (a fixed seed): the time from the pointer reaching a column to
// the preview showing the exact frame of that column (and where each was, in seconds from the first frame,
// and the preview's width, for the ffmpeg CLI to make the same pictures); then the time until the server
// has made every column's preview ahead (and the columns' frames), and 50 hovers more.
// arguments: [recording path, hovers (true/false), done]
const [path, hovers, done] = arguments;
(async () => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  async function until(test, ms = 120000) {
    const end = performance.now() + ms;
    while (!test()) { if (performance.now() > end) throw new Error("timed out"); await sleep(2); }
  }
  const t0 = performance.now();
  document.querySelector(`#recording-list button[data-path="${CSS.escape(path)}"]`).click();
  await until(() => state.path === path && overview.summary && overview.summary.done
    && overview.summary.made.every((f) => overview.urls.has(f))
    && document.querySelectorAll("#timeline-strip img").length > 0
    && [...document.querySelectorAll("#timeline-strip img")].every((img) => img.complete));
  await frame();
  const opened = performance.now() - t0;
  const pictures = overview.summary.made.length, sound = overview.summary.sound;

  const hover = [], hoverSeconds = [], hoverMade = [], hoverMadeSeconds = [], columnFrames = [];
  let columnsMade = null;
  if (hovers) {
    const lane = document.getElementById("timeline-lane"), r = lane.getBoundingClientRect();
    let seed = 20261205;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    // 50 hovers at random columns: the pointer in the middle of a column, the frame of that column.
    async function hoverAt(times, seconds) {
      for (let i = 0; i < 50; i++) {
        const c = Math.floor((0.02 + 0.96 * random()) * r.width);
        const wanted = frameAtFraction(columnFraction(c, r.width));
        const t = performance.now();
        lane.dispatchEvent(new PointerEvent("pointermove", { clientX: r.left + c + 0.5, clientY: r.top + 2, pointerId: 1, bubbles: true }));
        await until(() => document.getElementById("timeline-preview").dataset.frame === String(wanted), 20000);
        await frame();
        times.push(performance.now() - t);
        // A quarter into the frame's time, as the page moves <video> there: a time rounded to the
        // microsecond could fall just before the frame, and ffmpeg's -ss would make the next one.
        seconds.push((state.frames[wanted] + (frameEnd(wanted) - state.frames[wanted]) / 4 - state.frames[0]) / 1e6);
        await sleep(60);
      }
    }
    // At once, while the server makes the columns' previews ahead.
    await until(() => state.pending === null);
    await sleep(1500);  // the first look-ahead done
    await hoverAt(hover, hoverSeconds);
    // Once every column's preview is made: the time from the strip drawn to the last made.
    for (let c = 0; c < Math.ceil(r.width); c++) {
      const n = frameAtFraction(columnFraction(c, r.width));
      if (n !== columnFrames[columnFrames.length - 1]) columnFrames.push(n);
    }
    const width = document.getElementById("timeline-preview").naturalWidth;
    for (;;) {
      const progress = await (await fetch(`api/columns?path=${encodeURIComponent(path)}&w=${width}`)).json();
      if (progress.wanted === columnFrames.length && progress.made === progress.wanted) break;
      if (performance.now() - t0 > 600000) throw new Error("the columns were not made in 10 minutes");
      await sleep(100);
    }
    columnsMade = performance.now() - t0 - opened;
    await hoverAt(hoverMade, hoverMadeSeconds);
  }
  const previewWidth = document.getElementById("timeline-preview").naturalWidth;
  done(JSON.stringify({ opened, pictures, sound, hover, hoverSeconds, previewWidth, columnFrames, columnsMade, hoverMade, hoverMadeSeconds }));
})().catch((e) => done(JSON.stringify({ error: String(e) })));
