// The coach's page: play a recording, step to the frame, mark contact initiatives, choose the fragment,
// save the session, prepare it. Every address is relative: the page lives under /t/TOKEN/.
"use strict";

// The page's words come from the program's catalogue (Words.page, sent with the settings), so the page and
// the command line speak from one list; "{1}", "{2}"... are filled in here.
const TEXT = { nl: {}, en: {} };

const $ = (id) => document.getElementById(id);
const video = $("video");
const state = {
  lang: "nl",
  recordings: [],
  path: null,          // the open recording, relative to the folder
  detail: null,        // what the server said about it
  frames: [],          // every frame's time from time zero, in microseconds
  usingProxy: false,   // playing the browser copy, not the recording itself
  playable: false,     // whether <video> has a file this browser plays (else the picture is only InBeeld's)
  offset: null,        // player time minus recording time, in seconds (learnt from the first frame shown)
  shown: -1,           // the frame on screen: InBeeld's picture of it when still, the browser's report while playing
  pending: null,       // the frame asked for, until its picture is on screen
  markers: [],         // {frame, time?, child, note, kind, seen_heard, coach_saw, added}
  focus: [],           // the children watched: {child, professional, meaning, needs, next_time}
  fragment: [null, null],
  view: null,          // the part of the recording the timeline shows, [from, to) in microseconds; null for the whole
  dirty: false,
  saveStatus: null,    // what the save line says: a TEXT key and its arguments (redrawn in another language)
  edits: 0,            // counts changes typed, so a save knows whether more came while it was under way
};
const t = (key, ...args) => {
  const v = TEXT[state.lang][key];
  return typeof v === "string" ? v.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i) - 1])) : v;
};

/** The overview's days as people read them (`Words.day`, long and short), given by the server beside the overview. */
let shownDays = {};
function day(iso, short = false) {
  const shown = shownDays[iso];
  return shown ? shown[short ? 1 : 0] : iso;
}

// ---------- talking to the server ----------

/** A request in the page's language: the reply and its JSON (null when none); throws when there is no server. */
async function request(method, address, body, headers = {}) {
  const separator = address.includes("?") ? "&" : "?";
  let response;
  try {
    response = await fetch(`${address}${separator}lang=${state.lang}`, {
      method,
      headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (_) {
    throw new ProblemList([t("serverGone")], true);
  }
  let data = null;
  try { data = await response.json(); } catch (_) { data = null; }
  // 403 without the server's reasons: the key in the address is not this server's (it was stopped and
  // started again); a refusal of a path outside the folder comes with its reasons.
  if (response.status === 403 && !(data && data.problems)) throw new ProblemList([t("serverGone")], true);
  return { response, data };
}
async function api(method, address, body, headers = {}) {
  const { response, data } = await request(method, address, body, headers);
  if (!response.ok) throw new ProblemList((data && data.problems) || [`${response.status} ${response.statusText}`]);
  return data;
}
/** What the server said was wrong; `gone` when there was no server to say it. */
class ProblemList extends Error {
  constructor(problems, gone = false) { super(problems.join(" ")); this.problems = problems; this.gone = gone; }
}
const pathURL = (prefix, path) => prefix + path.split("/").map(encodeURIComponent).join("/");

function say(messages, ok = false) {
  const box = $("messages");
  box.replaceChildren(...messages.map((m) => { const p = document.createElement("p"); p.textContent = m; if (ok) p.className = "ok"; return p; }));
  // A message that something went well goes after a while (it floats over the page); a problem stays
  // until the next message, or a click on it.
  clearTimeout(say.timer);
  if (ok && messages.length) say.timer = setTimeout(() => { if (box.firstChild && box.firstChild.className === "ok") box.replaceChildren(); }, 8000);
}

$("messages").addEventListener("click", () => $("messages").replaceChildren());

// ---------- time ----------

/** A time as a coach reads it: whole seconds, "1:35" (or "1:02:05"); the exact time is `clock`'s. */
function readable(us) {
  const v = Math.max(0, Math.floor(us / 1e6));
  const h = Math.floor(v / 3600), m = Math.floor(v / 60) % 60, s = v % 60;
  return h ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
}
/** A time to the millisecond, "0:01:35.080": the exact figure, shown beside the frame number or on hovering. */
function clock(us) {
  const v = Math.max(0, Math.round(us / 1000));
  const h = Math.floor(v / 3600000), m = Math.floor(v / 60000) % 60, s = Math.floor(v / 1000) % 60, ms = v % 1000;
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(ms).padStart(3, "0")}`;
}
function shortLength(us) {
  const s = Math.round(us / 100000) / 10;
  return `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, "0")}`;
}
/**
 * The frame shown at a player time in seconds: the last frame that starts at or before it (the rule
 * InBeeld uses everywhere), with 1 ms of tolerance for browsers that round the time they report. Never
 * the nearest frame: Firefox reports the seek position rather than the frame's start after a seek.
 */
function frameAt(seconds) {
  return frameAtOrBefore((seconds - (state.offset || 0)) * 1e6 + 1000);
}
/** The frame shown `us` microseconds after frame `i`'s start. */
function frameAfter(i, us) { return frameAtOrBefore(state.frames[i] + us); }
/** The last frame that starts at or before `us` (the first frame before them all): the page's one search. */
function frameAtOrBefore(us) {
  const f = state.frames;
  let lo = 0, hi = f.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (f[mid] <= us) lo = mid; else hi = mid - 1; }
  return lo;
}
function frameEnd(i) {
  const f = state.frames;
  return i + 1 < f.length ? f[i + 1] : state.detail.media.end_microseconds;
}

// ---------- the list ----------

async function loadRecordings() {
  try {
    const listed = await api("GET", "api/recordings");
    state.recordings = listed.recordings;
    $("recordings-skipped").replaceChildren(...listed.skipped.map((line) => { const p = document.createElement("p"); p.textContent = line; return p; }));
  } catch (e) { say(e.problems || [String(e)]); return; }
  if (state.path) renderChecks();
  const list = $("recording-list");
  list.replaceChildren(...state.recordings.map((r) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.path = r.path;
    if (r.path === state.path) b.setAttribute("aria-current", "true");
    const name = document.createElement("span"); name.className = "name"; name.textContent = r.path;
    const meta = document.createElement("span"); meta.className = "meta";
    const badge = document.createElement("span"); badge.className = `badge ${r.verdict}`; badge.textContent = t("verdict")[r.verdict] || r.verdict;
    meta.append(badge, r.duration_seconds != null ? shortLength(r.duration_seconds * 1e6) : "", r.has_session ? " · ✎" : "");
    b.title = r.problems.join("\n");
    b.append(name, meta);
    b.addEventListener("click", () => openRecording(r.path));
    li.append(b);
    return li;
  }));
  $("recordings-empty").hidden = state.recordings.length > 0;
}

// ---------- one recording ----------

/** The open recording's check notes, in the language of the last list the server sent. */
function renderChecks() {
  const summary = state.recordings.find((r) => r.path === state.path);
  const problems = summary ? summary.problems : [];
  $("checks").replaceChildren(...problems.map((p) => { const li = document.createElement("li"); li.textContent = p; return li; }));
  $("checks-box").hidden = problems.length === 0;
  $("checks-summary").textContent = t(problems.length === 1 ? "checkNote" : "checkNotes", problems.length);
}

async function openRecording(path) {
  // What is typed is saved first; if that cannot be done, it stays in the browser's draft, and the coach is asked.
  if (state.dirty && !(await save()) && !confirm(t("leave"))) return;
  halt();
  say([]);
  // The timeline's strip and sound asked for at once: kept from an earlier opening, they come with the recording.
  const early = { path, summary: api("GET", `api/timeline?path=${encodeURIComponent(path)}`).catch(() => null) };
  let detail;
  try { detail = await api("GET", `api/recording?path=${encodeURIComponent(path)}`); } catch (e) { say(e.problems || [String(e)]); return; }
  state.path = path;
  state.detail = detail;
  state.frames = detail.media.frame_microseconds;
  state.offset = null;
  state.shown = -1;
  state.playable = false;
  videoAt = -1;
  setPending(null);
  fromSession(detail);
  document.body.dataset.recording = path;
  document.body.dataset.shown = "";
  for (const b of document.querySelectorAll("#recording-list button")) b.toggleAttribute("aria-current", b.dataset.path === path);
  $("welcome").hidden = true;
  $("overview").hidden = true;
  if (talk.active) stopTalk();
  $("player").hidden = false;
  $("session").hidden = false;
  $("title").textContent = path;
  renderChecks();
  $("results").replaceChildren();
  $("prepare-state").textContent = "";
  $("prepare-progress").hidden = true;
  closeImport();
  forgetImport();
  if (detail.session_problems.length) say([t("sessionProblems"), ...detail.session_problems]);
  else offerDraft(path);
  showConflicts([]);
  sizeScreen(detail.media);
  state.view = null;
  document.body.dataset.zoom = "";
  loadOverview(early);
  $("screen").classList.remove("still-on");
  // The picture on screen is InBeeld's own from the start: stepping and marking need no browser copy.
  seekFrame(0);
  if (detail.media.browser_plays || detail.proxy_ready) {
    play(detail.proxy_ready && !detail.media.browser_plays);
  } else {
    video.removeAttribute("src");
    video.load();
    showProxy(t("proxyNeeded", detail.media.codec), true);
  }
}

/** The video and the still picture in the same box, the recording's shape (also before the video loads). */
function sizeScreen(media) {
  // Small pictures at their own size (sharper, and every pixel of the frame on screen).
  const native = media.width <= 640;
  for (const el of [video, $("still")]) {
    el.style.aspectRatio = `${media.width} / ${media.height}`;
    el.style.width = native ? `${media.width}px` : "";
  }
}

/** Loads the recording (or its browser copy) into <video>, for playing with sound. */
function play(useProxy) {
  $("proxy").hidden = true;
  state.offset = null;
  state.usingProxy = useProxy;
  state.playable = true;
  video.src = pathURL(useProxy ? "proxy/" : "files/", state.path);
  video.load();
}

/** A marker's own number on this page (the server's are their places in the file read). */
function newMarkerId() { state.nextMarkerId = Math.max(state.nextMarkerId || 0, state.markers.length) + 1; return state.nextMarkerId; }

function fromSession(detail) {
  // The revision read, and the session as it was then: a save names the one and brings the other, so
  // that the server can merge it with what was saved elsewhere meanwhile instead of writing over it.
  // Markers are matched to it by id.
  state.revision = detail.session_revision;
  state.base = detail.session;
  showSession(detail.session);
  setDirty(false, detail.session_exists ? ["sessionFile", detail.session_file] : ["notSavedYet"]);
}

/** Puts session `s` (as the server sends it, or as a draft kept it) on the page. */
function showSession(s) {
  state.nextMarkerId = Math.max(s.markers.length, ...s.markers.map((m) => m.id ?? 0));
  state.markers = s.markers.map((m) => ({ id: m.id, frame: m.frame, time: m.time, child: m.child || "", note: m.note || "", kind: m.kind || "",
                                           seen_heard: m.seen_heard || "", coach_saw: m.coach_saw || "", added: m.added || "" }));
  state.focus = s.focus.map((f) => ({ child: f.child, professional: f.professional || "", meaning: f.meaning || "", needs: f.needs || "",
                                      next_time: f.next_time || "" }));
  state.fragment = s.fragment ? [s.fragment[0], s.fragment[1]] : [null, null];
  // The children's field is read when left (a name half typed is not a child yet): not set while typed in.
  if (document.activeElement !== $("children")) $("children").value = focusChildren().join(", ");
  setValue($("first-reaction"), s.first_reaction);
  setValue($("going-well"), s.going_well);
  setValue($("evaluation"), s.evaluation);
  setValue($("coach"), s.coach);
  setValue($("professional"), s.professional);
  setValue($("date"), s.date);
  setValue($("summary"), s.summary);
  setValue($("agreements"), s.agreements);
  setValue($("follow-up"), s.follow_up);
  renderMarkers();
  renderFragment();
}

// The first frame the browser shows after loading is the recording's first frame: that fixes the
// player's time against the recording's (browsers differ in where they put time zero).
video.addEventListener("loadeddata", () => {
  let learnt = false;
  const path = state.path;
  video.requestVideoFrameCallback((now, meta) => {
    learnt = true;
    state.offset = meta.mediaTime - state.frames[0] / 1e6;
    watchFrames();
  });
  video.currentTime = 0;
  // A seek to where the player already stands may present no frame (Chromium, now and then): then a seek
  // a microsecond on presents the first frame (and Firefox's report of that seek is off by that microsecond).
  setTimeout(() => { if (!learnt && state.path === path) video.currentTime = 1e-6; }, 700);
});
video.addEventListener("error", () => {
  if (!state.detail || state.usingProxy || !video.getAttribute("src")) return;
  state.playable = false;
  showProxy(t("playError"), true);
});

/**
 * While playing, the frame the browser presents names the frame on screen (its report may be a frame off
 * on variable-rate video; the pause then shows InBeeld's picture of the frame it named, so what the page
 * names and what it shows agree). Standing still, the browser's frames are not on screen and not listened to.
 */
function watchFrames() {
  const path = state.path;
  video.requestVideoFrameCallback(function seen(now, meta) {
    if (state.path !== path) return;
    if (!video.paused) {
      $("screen").classList.remove("still-on");
      showFrame(frameAt(meta.mediaTime));
    }
    video.requestVideoFrameCallback(seen);
  });
}

function showFrame(i) {
  state.shown = i;
  // A frame presented on the way (keys pressed quickly) does not settle a later seek.
  if (state.pending === null || state.pending === i) setPending(null);
  document.body.dataset.shown = String(i);
  $("clock").textContent = readable(state.frames[i]);
  // 0-based, as `#N` in marker files: a number copied across names the same frame.
  $("frame-info").textContent = t("frame", i, state.frames.length, clock(state.frames[i]));
  placeAt($("timeline-position"), state.frames[i]);
  // Playing out of the part zoomed into: the timeline moves on with it.
  if (state.view && !video.paused && state.frames[i] >= state.view[1]) {
    const span = state.view[1] - state.view[0];
    zoomTo([state.frames[i], state.frames[i] + span]);
  }
  for (const tick of $("timeline-ticks").children) tick.classList.toggle("current", Number(tick.dataset.frame) === i);
  const nearest = state.markers.findIndex((m) => m.frame === i);
  for (const [n, li] of [...$("markers").children].entries()) li.classList.toggle("current", n === nearest);
  if (talk.active && !video.paused) talkFrameShown(i);
  else if (talk.active && talk.step === 2) renderTalkFragment();
}

/**
 * Shows frame i: InBeeld's own picture of it (api/frame, made as the stills are), so the picture on
 * screen is known to be frame i in every browser. At most one picture is on its way: keys pressed while
 * it comes only change which frame is asked for next, so holding an arrow key never queues up work.
 * <video> is moved to the frame only when it is to play (playFromHere): a seek of its own on every step
 * would decode in the browser, on the same cores, for a picture nobody sees.
 */
function seekFrame(i) {
  if (!state.frames.length) return;
  const n = Math.max(0, Math.min(state.frames.length - 1, i));
  if (state.pending === null) pictures.askedAt = performance.now();
  setPending(n);
  halt();
  requestPicture();
}
/** Plays <video> from the frame on screen: moved there first (a quarter into its time, where every browser is on it). */
async function playFromHere() {
  cancelStart();  // an earlier start gives way
  const start = { cancelled: false };
  setStarting(start);
  try {
    if (!(await videoReady()) || start.cancelled) return;
    await settled();
    const i = here();
    if (start.cancelled) return;
    if (i >= 0 && videoAt !== i) {
      const seeked = new Promise((r) => { video.addEventListener("seeked", r, { once: true }); setTimeout(r, 3000); });
      video.currentTime = (state.frames[i] + (frameEnd(i) - state.frames[i]) / 4) / 1e6 + state.offset;
      videoAt = i;
      await seeked;
      if (start.cancelled) return;
    }
    videoAt = -1;  // from here on it moves
    video.play();
  } finally {
    if (starting === start) setStarting(null);
  }
}
let videoAt = -1;  // the frame <video> was last moved to while standing still (-1: unknown)
// The play being started (<video> is first moved to the frame on screen, which can take seconds): anything
// that stops or moves the video before it plays (play pressed again, a step, the professional's "stop",
// another initiative or recording) keeps it from starting (`halt`).
let starting = null;
/** The play being started, also on the page (`data-starting`) and its button (it already says pause). */
function setStarting(start) {
  starting = start;
  document.body.dataset.starting = start ? "yes" : "";
  if (start) $("play").textContent = "❚❚";
  else if (video.paused) $("play").textContent = "▶";
}
/** Keeps a play being started from starting. */
function cancelStart() {
  if (!starting) return;
  starting.cancelled = true;
  setStarting(null);
}
/** Stops the video: a play being started does not start, a playing one pauses. */
function halt() {
  cancelStart();
  if (!video.paused) video.pause();
}

const pictures = {
  loading: false,   // a picture is on its way
  askedAt: 0,       // when the frame now pending was first asked for (performance.now())
  latencies: [],    // ms from asking to the picture painted, for Scripts/bench.sh steps
};
/** The width in device pixels the picture is shown at (at most the recording's own). */
function pictureWidth() {
  const media = state.detail.media, box = $("still").getBoundingClientRect();
  const shown = Math.min(box.width, box.height * (media.width / media.height)) || media.width;
  return Math.max(16, Math.min(media.width, Math.round(shown * (window.devicePixelRatio || 1))));
}
async function requestPicture() {
  if (pictures.loading || state.pending === null) return;
  const path = state.path, n = state.pending;
  let again = false;
  pictures.loading = true;
  try {
    const response = await fetch(`api/frame?path=${encodeURIComponent(path)}&n=${n}&w=${pictureWidth()}&lang=${state.lang}`);
    if (response.status === 200) {
      const bitmap = await createImageBitmap(await response.blob());
      if (state.path === path) paintPicture(bitmap, n); else bitmap.close();
    } else if (response.status === 204) {
      // Another window asked the same recording for a frame meanwhile: ask again, a moment later.
      await new Promise((r) => setTimeout(r, 30));
      again = true;
    } else if (state.path === path) {
      let data = null;
      try { data = await response.json(); } catch (_) { data = null; }
      say((data && data.problems) || [`${response.status} ${response.statusText}`]);
      if (state.pending === n) setPending(null);
    }
  } catch (e) {
    if (state.path === path) { say([String(e)]); if (state.pending === n) setPending(null); }
  } finally {
    pictures.loading = false;
  }
  // Asked for another frame meanwhile: that one now.
  if (state.pending !== null && (again || state.pending !== n || state.path !== path)) requestPicture();
}
function paintPicture(bitmap, n) {
  const canvas = $("still");
  if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) { canvas.width = bitmap.width; canvas.height = bitmap.height; }
  canvas.getContext("2d").drawImage(bitmap, 0, 0);
  bitmap.close();
  // Shown one to one (as asked for), every pixel is the decoded frame's, also where the box does not start
  // on a whole pixel (Firefox then blends neighbours); larger or smaller, it is scaled smoothly.
  const box = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
  const oneToOne = Math.abs(box.width * dpr - canvas.width) <= 1 && Math.abs(box.height * dpr - canvas.height) <= 1;
  canvas.style.imageRendering = oneToOne ? "pixelated" : "auto";
  // Standing still (or stopping): the picture covers the video. Playing again shows the video.
  if (video.paused) $("screen").classList.add("still-on");
  const settles = state.pending === n;
  showFrame(n);
  if (settles) {
    const asked = pictures.askedAt;
    requestAnimationFrame(() => { pictures.latencies.push(performance.now() - asked); });
  }
}
/** The frame a picture is on its way for (or null); the body's data-pending says it too, for tests. */
function setPending(n) {
  state.pending = n;
  document.body.dataset.pending = n === null ? "" : String(n);
}
/** Resolves once no picture is on its way (at most about ten seconds: a 4K frame far from a keyframe). */
async function settled() {
  for (let i = 0; i < 500 && state.pending !== null; i++) await new Promise((r) => setTimeout(r, 20));
}
/** Where steps count from: the frame asked for when its picture is still on its way. */
const here = () => (state.pending !== null ? state.pending : state.shown);

async function togglePlay() {
  if (!state.playable) { if (state.detail && !state.detail.proxy_ready) makeProxy(); return; }
  if (!video.paused || starting) { halt(); return; }
  playFromHere();
}
/**
 * Resolves to whether <video> is ready to play from the frame on screen (its time zero learnt, which
 * takes a moment after a recording opens); waits up to ten seconds for it.
 */
async function videoReady() {
  const path = state.path;
  for (let i = 0; i < 500 && state.offset === null && state.playable && state.path === path; i++) await new Promise((r) => setTimeout(r, 20));
  return state.offset !== null && state.path === path;
}
video.addEventListener("play", () => { $("play").textContent = "❚❚"; });
video.addEventListener("pause", () => {
  $("play").textContent = "▶";
  // Stand exactly on the frame that was last shown (the player's clock may already be past it); in the
  // conversation, on the contact initiative's own frame. A pause made by a step or a click on the
  // timeline already stands where it was asked to.
  const stop = talk.stopAt;
  talk.stopAt = null;
  if (stop !== null) seekFrame(stop);
  else if (state.pending === null && state.shown >= 0) seekFrame(state.shown);
});

function step(frames) { if (state.shown >= 0) seekFrame(here() + frames); }
function stepSeconds(seconds) {
  if (state.shown < 0) return;
  const from = here();
  seekFrame(seconds > 0 ? frameAfter(from, seconds * 1e6) : frameAfter(0, Math.max(0, state.frames[from] - state.frames[0] + seconds * 1e6)));
}

// ---------- the timeline ----------

// The timeline shows the whole recording, or the part zoomed into (state.view, microseconds from time
// zero; null for the whole): along it a strip of small pictures and the sound, both made by the server in
// the background (api/timeline), the fragment shaded and a tick for every contact initiative.

/** The part of the recording the timeline shows: [from, to) in microseconds. */
function viewRange() {
  const whole = [state.frames[0], state.detail.media.end_microseconds];
  if (!state.view) return whole;
  return [Math.max(whole[0], state.view[0]), Math.min(whole[1], state.view[1])];
}
/** Where a time (microseconds from time zero) lies along the timeline, from 0 to 1 (outside: beyond). */
function placeOf(us) {
  const [from, to] = viewRange();
  return (us - from) / Math.max(1, to - from);
}
/** Where a time lies along the timeline, kept on it (0 to 1). */
function fractionOf(us) { return Math.min(1, Math.max(0, placeOf(us))); }
/** The frame shown at a point along the timeline (0 to 1): the same rule as everywhere. */
function frameAtFraction(x) {
  const [from, to] = viewRange();
  return frameAtOrBefore(from + Math.min(1, Math.max(0, x)) * (to - from));
}
/** Places an element at a time: hidden when the timeline does not show that time. */
function placeAt(el, us) {
  const x = placeOf(us);
  el.hidden = x < 0 || x > 1;
  el.style.left = `${100 * fractionOf(us)}%`;
}
/** The fragment's band, a tick for every contact initiative (a click on one jumps to it), the strip and the sound. */
function renderTimeline() {
  if (!state.detail || !state.frames.length) return;
  const [a, b] = state.fragment;
  const band = $("timeline-fragment");
  band.hidden = a === null && b === null;
  if (!band.hidden) {
    // Both ends set: the fragment; one: a line where it is (no fragment yet: see `talkRange`).
    const start = placeOf(a !== null ? state.frames[a] : frameEnd(b)), end = placeOf(b !== null ? frameEnd(b) : state.frames[a]);
    const left = Math.max(-0.01, start), right = Math.min(1.01, end);
    band.hidden = right < 0 || left > 1;
    band.style.left = `${100 * left}%`;
    band.style.width = `${100 * Math.max(0, right - left)}%`;
  }
  $("timeline-ticks").replaceChildren(...state.markers.map((m) => {
    const tick = document.createElement("button");
    tick.type = "button";
    tick.className = "tick";
    tick.dataset.frame = String(m.frame);
    placeAt(tick, state.frames[m.frame]);
    tick.title = [readable(state.frames[m.frame]), m.child, m.note].filter(Boolean).join(" · ");
    tick.addEventListener("pointerdown", (e) => e.stopPropagation());
    tick.addEventListener("click", () => seekFrame(m.frame));
    return tick;
  }));
  if (state.shown >= 0) placeAt($("timeline-position"), state.frames[state.shown]);
  // The part shown, for tests: where along the timeline a time lies, without asking the page's functions.
  [$("timeline-lane").dataset.from, $("timeline-lane").dataset.to] = viewRange().map(String);
  $("zoom").title = t(state.view ? "zoomWhole" : "zoomFragment");
  $("zoom").setAttribute("aria-pressed", state.view ? "true" : "false");
  drawStrip();
  drawSound();
  sendColumns();
}

// The strip and the sound: what the server has made of the open recording so far.
const overview = {
  path: null,
  summary: null,     // api/timeline's answer
  urls: new Map(),   // frame number -> object URL of its strip picture
  loading: new Set(),
  timer: null,
  retries: 0,        // times pictures that did not come were asked for again
};
/**
 * Starts reading the open recording's strip and sound (asking again while the server makes them); `early`,
 * when given, is the first answer, asked for together with the recording.
 */
function loadOverview(early) {
  for (const url of overview.urls.values()) URL.revokeObjectURL(url);
  Object.assign(overview, { path: state.path, summary: null, urls: new Map(), loading: new Set(), retries: 0 });
  clearTimeout(overview.timer);
  $("timeline-strip").replaceChildren();
  document.body.dataset.overview = "";
  pollOverview(state.path, early && early.path === state.path ? early.summary : null);
}
async function pollOverview(path, asked) {
  if (state.path !== path || overview.path !== path) return;
  let summary = null;
  try { summary = await (asked || api("GET", `api/timeline?path=${encodeURIComponent(path)}`)); } catch (_) { summary = null; }
  if (state.path !== path || overview.path !== path) return;
  if (summary) {
    overview.summary = summary;
    const wanted = summary.made.filter((frame) => !overview.urls.has(frame) && !overview.loading.has(frame));
    if (wanted.length) loadStripPictures(path, wanted);
    drawSound();
    drawStrip();
    sayOverview();
  }
  if (!summary || !summary.done) overview.timer = setTimeout(() => pollOverview(path), summary ? 250 : 2000);
  else sendColumns();
}
/**
 * Whether the strip and the sound are whole on the page (`done`: made by the server and every picture here;
 * `partial`: some pictures did not come however often asked).
 */
function sayOverview() {
  const summary = overview.summary;
  document.body.dataset.overview = summary && summary.done && overview.loading.size === 0 && !missingPictures() ? "done" : summary ? "making" : "";
}
/** Whether a strip picture the server made is not on the page. */
const missingPictures = () => !overview.summary.made.every((frame) => overview.urls.has(frame));
/** Fetches the strip's pictures of `frames` in one answer (their JPEGs one after another) and draws them. */
async function loadStripPictures(path, frames) {
  for (const frame of frames) overview.loading.add(frame);
  try {
    const response = await fetch(`api/strip?path=${encodeURIComponent(path)}&n=${frames.join(",")}`);
    const lengths = (response.headers.get("X-Picture-Lengths") || "").split(",").map(Number);
    if (response.status === 200 && overview.path === path && lengths.length === frames.length) {
      const all = await response.blob();
      let at = 0;
      frames.forEach((frame, i) => {
        if (lengths[i] > 0) overview.urls.set(frame, URL.createObjectURL(all.slice(at, at + lengths[i], "image/jpeg")));
        at += lengths[i];
      });
      drawStrip();
    }
  } catch (_) { /* asked for again below */ } finally {
    for (const frame of frames) overview.loading.delete(frame);
  }
  if (overview.path !== path) return;
  sayOverview();
  // Pictures that did not come are asked for again (once the server is done, nothing else would): after
  // 1, 2, 4, 8 and 16 s, then the strip keeps its gaps.
  const summary = overview.summary;
  if (summary && summary.done && overview.loading.size === 0 && missingPictures()) {
    clearTimeout(overview.timer);
    if (overview.retries < 5) overview.timer = setTimeout(() => pollOverview(path), 1000 * 2 ** overview.retries++);
    else document.body.dataset.overview = "partial";
  }
}
/**
 * As many strip pictures as fit side by side, each at the place of the time it stands for: for every place,
 * the last picture made whose time is at or before the place's start (a picture near its time, not the frame
 * of that time: the preview under the pointer and the paused picture are the exact ones).
 */
function drawStrip() {
  const strip = $("timeline-strip"), summary = overview.summary;
  if (!summary || !state.detail || overview.path !== state.path) return;
  const box = strip.getBoundingClientRect();
  if (!box.width || !box.height) return;
  const width = box.height * summary.width / summary.height;
  const count = Math.max(1, Math.floor(box.width / width));
  const [from, to] = viewRange();
  const slots = summary.pictures;
  const shown = [];
  for (let k = 0; k < count; k++) {
    const at = from + (to - from) * k / count;
    let best = -1;
    for (let i = 0; i < slots.length && slots[i].at <= Math.max(at, slots[0].at); i++) if (overview.urls.has(slots[i].frame)) best = i;
    if (best < 0) continue;
    const img = document.createElement("img");
    img.src = overview.urls.get(slots[best].frame);
    img.dataset.frame = String(slots[best].frame);
    img.dataset.at = String(slots[best].at);
    img.style.left = `${(100 * k) / count}%`;
    img.style.width = `${100 / count}%`;
    shown.push(img);
  }
  strip.replaceChildren(...shown);
}
/** The sound's loudness along the timeline: for every column of pixels, the loudest window in it (light) and its mean level (dark). */
function drawSound() {
  const canvas = $("timeline-sound"), summary = overview.summary, note = $("timeline-no-sound");
  const box = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(box.width * dpr)), h = Math.max(1, Math.round(box.height * dpr));
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, w, h);
  note.hidden = !summary || (summary.sound !== "none" && summary.sound !== "unreadable");
  if (summary && summary.sound === "none") note.textContent = t("noSound");
  if (summary && summary.sound === "unreadable") note.textContent = t("soundUnreadable");
  canvas.dataset.sound = summary ? summary.sound : "";
  if (!summary || summary.sound !== "levels" || !state.detail) return;
  const [from, to] = viewRange();
  const span = summary.window_microseconds, peak = summary.peak, rms = summary.rms;
  // -60 dB and below: nothing drawn (room noise); 0 dB: the full height, from the middle up and down.
  const height = (db) => Math.max(0, Math.min(1, (db + 60) / 60)) * h;
  for (let x = 0; x < w; x++) {
    const a = Math.floor((from + (to - from) * x / w) / span), b = Math.max(a + 1, Math.floor((from + (to - from) * (x + 1) / w) / span));
    let top = -90, mean = -90;
    for (let i = Math.max(0, a); i < Math.min(b, peak.length); i++) { top = Math.max(top, peak[i]); mean = Math.max(mean, rms[i]); }
    const p = height(top), r = height(mean);
    if (p > 0) { g.fillStyle = "#8fb8de"; g.fillRect(x, (h - p) / 2, 1, p); }
    if (r > 0) { g.fillStyle = "#e8f1f8"; g.fillRect(x, (h - r) / 2, 1, r); }
  }
}
// The lane's width changes with the window and with the layout (the conversation's is another): drawn again,
// and the server told the new columns.
new ResizeObserver(() => { drawStrip(); drawSound(); sendColumns(); }).observe($("timeline-lane"));

/** Zooms the timeline to the part [from, to) (microseconds from time zero), or back to the whole recording (null). */
function zoomTo(range) {
  if (!state.detail) return;
  const whole = [state.frames[0], state.detail.media.end_microseconds];
  if (range) {
    const from = Math.max(whole[0], range[0]), to = Math.min(whole[1], range[1]);
    state.view = to - from >= whole[1] - whole[0] || to <= from ? null : [from, to];
  } else {
    state.view = null;
  }
  document.body.dataset.zoom = state.view ? `${state.view[0]}-${state.view[1]}` : "";
  renderTimeline();
}
/** Z and the zoom button: into the fragment (or the minute around the frame on screen), and back. */
function toggleZoom() {
  if (!state.detail) return;
  if (state.view) { zoomTo(null); return; }
  const [a, b] = state.fragment;
  if (a !== null || b !== null) {
    zoomTo([state.frames[a === null ? 0 : a], b === null ? state.detail.media.end_microseconds : frameEnd(b)]);
  } else {
    const at = state.frames[Math.max(0, state.shown)];
    zoomTo([at - 30e6, at + 30e6]);
  }
}

/**
 * The timeline's places are its columns of CSS pixels: a point names the frame at the middle of its column
 * (also on screens whose pointer stands between pixels), so the server can make every place's preview
 * ahead (`sendColumns`). Column `c` of a lane `width` wide, as a fraction along it.
 */
function columnFraction(c, width) { return Math.min(1, (c + 0.5) / width); }

(function timelinePointer() {
  const bar = $("timeline-lane"), hover = $("timeline-hover");
  const at = (e) => { const r = bar.getBoundingClientRect(); return (e.clientX - r.left) / r.width; };
  /** The place under the pointer: the middle of its column. */
  const column = (e) => {
    const r = bar.getBoundingClientRect();
    return columnFraction(Math.min(Math.ceil(r.width) - 1, Math.max(0, Math.floor(e.clientX - r.left))), r.width);
  };
  let dragging = false;
  const seekTo = (e) => { const n = frameAtFraction(column(e)); if (n !== here()) seekFrame(n); };
  bar.addEventListener("pointerdown", (e) => {
    if (!state.detail || !state.frames.length) return;
    dragging = true;
    // A click or a drag moves the picture on screen itself: the preview would only cover it.
    hover.hidden = true;
    preview.wanted = null;
    // Capture keeps a drag going outside the bar; a pointer the browser does not know cannot be captured.
    try { bar.setPointerCapture(e.pointerId); } catch (_) { /* a click still seeks */ }
    seekTo(e);
  });
  bar.addEventListener("pointermove", (e) => {
    if (!state.detail || !state.frames.length) return;
    const x = column(e);
    const n = frameAtFraction(x);
    if (dragging) { seekTo(e); return; }
    hover.hidden = false;
    hover.style.left = `${100 * x}%`;
    $("timeline-hover-time").textContent = readable(state.frames[n]);
    showPreview(n);
  });
  const stop = () => { dragging = false; };
  bar.addEventListener("pointerup", stop);
  bar.addEventListener("pointercancel", stop);
  bar.addEventListener("pointerleave", () => { hover.hidden = true; preview.wanted = null; });
  // The wheel zooms around the point under the pointer: towards you (down) out, away (up) in.
  bar.addEventListener("wheel", (e) => {
    if (!state.detail || !state.frames.length || !e.deltaY) return;
    e.preventDefault();
    const [from, to] = viewRange(), x = Math.min(1, Math.max(0, at(e)));
    const point = from + x * (to - from), span = Math.max(2e6, (to - from) * (e.deltaY > 0 ? 1.25 : 0.8));
    zoomTo([point - x * span, point - x * span + span]);
  }, { passive: false });
})();

// The picture under the pointer: the exact frame of that point, from the server's frame session (not the
// strip's keyframe), at most one on its way; a newer point asked for meanwhile comes next.
const preview = {
  wanted: null,      // the frame under the pointer
  loading: false,
  shown: null,       // the frame the preview shows
  askedAt: 0,        // when the frame now wanted was first asked for
  latencies: [],     // ms from the pointer reaching a frame to its picture shown, for Scripts/bench.sh timeline
  columnsTimer: null,
  columnsSent: null, // the recording, width and view whose columns the server was told last
};
/** The preview's width in device pixels (its style's width: the same whether it is shown yet or not). */
function previewWidth() {
  const width = parseFloat(getComputedStyle($("timeline-preview")).width) || 160;
  return Math.max(16, Math.round(Math.round(width) * (window.devicePixelRatio || 1)));
}
/**
 * Tells the server the frames of the timeline's columns in view, once the strip and sound are made (that
 * comes first) and again after a zoom or a change of size: it makes their previews in the background, so
 * a hover finds its picture made. Asked for a moment after the last change (a wheel zooms in many steps).
 */
function sendColumns() {
  clearTimeout(preview.columnsTimer);
  preview.columnsTimer = setTimeout(() => {
    const lane = $("timeline-lane").getBoundingClientRect();
    if (!state.detail || !state.frames.length || !overview.summary || !overview.summary.done || overview.path !== state.path || lane.width < 1) return;
    const width = previewWidth(), view = viewRange();
    const key = [state.path, width, lane.width, ...view].join(" ");
    if (key === preview.columnsSent) return;
    preview.columnsSent = key;
    const frames = [];
    for (let c = 0; c < Math.ceil(lane.width); c++) {
      const n = frameAtFraction(columnFraction(c, lane.width));
      if (n !== frames[frames.length - 1]) frames.push(n);
    }
    // Not taken (the server stopped, the recording changed): told again at the next change.
    fetch(`api/columns?path=${encodeURIComponent(state.path)}&w=${width}`, { method: "POST", body: frames.join(",") })
      .then((r) => { if (!r.ok) preview.columnsSent = null; }, () => { preview.columnsSent = null; });
  }, 400);
}
function showPreview(n) {
  if (preview.wanted === n) return;
  preview.wanted = n;
  preview.askedAt = performance.now();
  requestPreview();
}
async function requestPreview() {
  if (preview.loading || preview.wanted === null || preview.wanted === preview.shown) return;
  const path = state.path, n = preview.wanted, asked = preview.askedAt;
  const img = $("timeline-preview");
  preview.loading = true;
  try {
    const response = await fetch(`api/frame?path=${encodeURIComponent(path)}&n=${n}&w=${previewWidth()}&preview=1`);
    if (response.status === 200 && state.path === path) {
      const url = URL.createObjectURL(await response.blob());
      await new Promise((r) => { img.onload = r; img.onerror = r; img.src = url; });
      if (img.dataset.url) URL.revokeObjectURL(img.dataset.url);
      img.dataset.url = url;
      img.dataset.frame = String(n);
      preview.shown = n;
      if (preview.wanted === n) {
        const shownAt = performance.now();
        requestAnimationFrame(() => preview.latencies.push(shownAt - asked + (performance.now() - shownAt)));
      }
    }
  } catch (_) { /* the next move asks again */ } finally {
    preview.loading = false;
  }
  if (preview.wanted !== null && preview.wanted !== preview.shown && state.path === path) requestPreview();
}

// ---------- markers ----------

/** The names of the children watched. */
function focusChildren() {
  return state.focus.map((f) => f.child.trim()).filter((c) => c);
}
/**
 * The marking view's field names the children (with commas), taken when the field is left: a name kept
 * keeps its rows (every professional watching it), a name changed in its place renames the row there
 * (what was said about the child stays with it), a new name adds one. A row with something typed about the
 * child is dropped only when the coach says so. Returns false when the coach keeps the rows.
 */
function setFocusNames(text) {
  const names = text.split(",").map((s) => s.trim()).filter((s) => s);
  const before = state.focus.filter((f) => f.child.trim());
  const kept = [];
  names.forEach((name, k) => {
    const same = before.filter((f) => f.child === name);
    if (same.length) kept.push(...same);
    else if (before[k] && !names.includes(before[k].child) && !kept.includes(before[k])) kept.push(Object.assign(before[k], { child: name }));
    else kept.push(focusEntry(name));
  });
  const lost = before.filter((f) => !kept.includes(f) && (f.meaning || f.needs || f.next_time));
  if (lost.length && !confirm(t("dropChildAnswers", lost.map((f) => f.child).join(", ")))) return false;
  state.focus = kept;
  return true;
}

async function mark() {
  if (state.shown < 0) return;
  halt();
  // The frame on screen: after a step still on its way, the frame it goes to.
  await settled();
  const frame = state.shown;
  const children = focusChildren();
  const marker = { id: newMarkerId(), frame, child: children.length === 1 ? children[0] : "", note: "", kind: "" };
  state.markers.push(marker);
  state.markers.sort((a, b) => a.frame - b.frame);
  const index = state.markers.indexOf(marker);
  setDirty(true);
  renderMarkers();
  const number = initiativeNumber(marker);
  const at = readable(state.frames[frame]);
  say([number === null ? t("markerOutsideAt", at) : t("markerAt", number, at)], true);
  const row = $("markers").children[index];
  if (row) { row.scrollIntoView({ block: "nearest" }); row.querySelector(children.length === 1 ? "textarea" : "input").focus(); }
}

/**
 * Kinds used in the folder's sessions, counted per session file, read with the overview; so one spelling
 * spreads. The open recording's session is counted from the page (as typed), not from here.
 */
const kindsUsed = new Map();
function countKinds(overview) {
  kindsUsed.clear();
  for (const child of overview.children) for (const s of child.sessions) {
    const counts = kindsUsed.get(s.session) || new Map();
    for (const [kind, n] of Object.entries(s.by_kind)) counts.set(kind, (counts.get(kind) || 0) + n);
    kindsUsed.set(s.session, counts);
  }
}

/**
 * The kinds offered while typing one: those used in this session and the folder's others, most used
 * first, then the method's examples; one spelling each (case and spaces aside), so a chart is not split
 * by a typo.
 */
function suggestedKinds() {
  const open = state.detail ? state.detail.session_file : null;
  const counts = new Map();
  for (const [session, kinds] of kindsUsed) if (session !== open) for (const [k, n] of kinds) counts.set(k, (counts.get(k) || 0) + n);
  for (const m of state.markers) if (m.kind && m.kind.trim()) counts.set(m.kind.trim(), (counts.get(m.kind.trim()) || 0) + 1);
  const used = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const seen = new Set(), kinds = [];
  for (const k of [...used, ...t("kinds")]) {
    const key = k.toLowerCase().replace(/\s+/g, " ");
    if (!seen.has(key)) { seen.add(key); kinds.push(k); }
  }
  return kinds;
}

function renderKindSuggestions() {
  $("kinds").replaceChildren(...suggestedKinds().map((k) => { const o = document.createElement("option"); o.value = k; return o; }));
}

function renderMarkers() {
  renderTimeline();
  const names = $("child-names");
  names.replaceChildren(...focusChildren().map((c) => { const o = document.createElement("option"); o.value = c; return o; }));
  renderKindSuggestions();
  const list = $("markers");
  list.replaceChildren(...state.markers.map((m, n) => {
    const li = document.createElement("li");
    li.dataset.frame = String(m.frame);
    const row = document.createElement("div"); row.className = "row";
    const number = document.createElement("span");
    const jump = document.createElement("button"); jump.type = "button"; jump.className = "jump";
    jump.textContent = readable(state.frames[m.frame]); jump.title = `${t("jumpTo")} (${t("frame", m.frame, state.frames.length, clock(state.frames[m.frame]))})`;
    jump.addEventListener("click", () => seekFrame(m.frame));
    const del = document.createElement("button"); del.type = "button"; del.className = "delete"; del.textContent = t("remove");
    del.addEventListener("click", () => { state.markers.splice(state.markers.indexOf(m), 1); setDirty(true); renderMarkers(); });
    row.append(number, jump, del);
    const pair = document.createElement("div"); pair.className = "pair";
    const child = input(t("child"), m.child, (v) => { m.child = v; }); child.setAttribute("list", "child-names");
    const kind = input(t("kind"), m.kind, (v) => { m.kind = v; }); kind.setAttribute("list", "kinds");
    pair.append(child, kind);
    const note = document.createElement("textarea"); note.rows = 2; note.placeholder = t("note"); note.value = m.note;
    note.setAttribute("aria-label", t("note"));
    note.addEventListener("input", () => { m.note = note.value; setDirty(true); });
    li.append(row, pair, note);
    return li;
  }));
  numberMarkers();
  $("markers-empty").hidden = state.markers.length > 0;
  if (state.shown >= 0) showFrame(state.shown);
}

function input(label, value, change) {
  const el = document.createElement("input");
  el.value = value; el.placeholder = label; el.setAttribute("aria-label", label); el.autocomplete = "off";
  el.addEventListener("input", () => { change(el.value); setDirty(true); });
  return el;
}

// ---------- markers from other tools' files (and other sessions) ----------

const imports = {
  preview: null,  // what the chosen file would add: {file, markers}
  added: null,    // the markers the last import added, as added (undo takes away those still so)
};
const para = (text, cls) => { const p = document.createElement("p"); p.textContent = text; if (cls) p.className = cls; return p; };
/** A marker's place for "already there": the same frame and the same child. */
const spot = (m) => `${m.frame}\u0000${(m.child || "").trim()}`;

/** Opens the import: the marker files beside the recording (named after it) first, then the folder's others. */
async function openImport() {
  let files;
  try { files = await api("GET", `api/marker-files?path=${encodeURIComponent(state.path)}`); } catch (e) { say(e.problems || [String(e)]); return; }
  const option = (value, text) => { const o = document.createElement("option"); o.value = value; o.textContent = text; return o; };
  const group = (label, names) => { const g = document.createElement("optgroup"); g.label = label; g.append(...names.map((n) => option(n, n))); return g; };
  $("import-file").replaceChildren(option("", t("importChoose")), ...(files.beside.length ? [group(t("importBeside"), files.beside)] : []),
                                   ...(files.others.length ? [group(t("importOthers"), files.others)] : []));
  $("import-preview").replaceChildren(...(files.beside.length + files.others.length ? [] : [para(t("importNoFiles"))]));
  imports.preview = null;
  $("import-add").disabled = true;
  $("import").hidden = false;
  if (files.beside.length === 1) { $("import-file").value = files.beside[0]; previewImport(); }
  $("import-file").focus();
}
function closeImport() { $("import").hidden = true; imports.preview = null; }

/** Shows what the chosen file would add (count, children, first and last time), what is there already, and what is refused, with why. */
async function previewImport() {
  const file = $("import-file").value, path = state.path;
  imports.preview = null;
  $("import-add").disabled = true;
  if (!file) { $("import-preview").replaceChildren(); return; }
  let preview;
  try {
    preview = await api("GET", `api/import?path=${encodeURIComponent(path)}&file=${encodeURIComponent(file)}`);
  } catch (e) { $("import-preview").replaceChildren(...(e.problems || [String(e)]).map((p) => para(p, "refused"))); return; }
  if (state.path !== path || $("import-file").value !== file) return;
  const taken = new Set(state.markers.map(spot));
  const fresh = [];
  for (const m of preview.markers) if (!taken.has(spot(m))) { taken.add(spot(m)); fresh.push(m); }
  const lines = [];
  if (fresh.length) {
    const frames = fresh.map((m) => m.frame);
    lines.push(para(t("importWouldAdd", fresh.length, readable(state.frames[Math.min(...frames)]), readable(state.frames[Math.max(...frames)]))));
    const children = [...new Set(fresh.map((m) => (m.child || "").trim()).filter(Boolean))];
    lines.push(para(children.length ? t("importChildren", children.join(", ")) : t("importNoChild")));
  } else {
    lines.push(para(t("importNothing")));
  }
  const doubled = preview.markers.length - fresh.length;
  if (doubled) lines.push(para(t("importDoubled", doubled)));
  for (const n of preview.notes) lines.push(para(n));
  if (preview.refused.length) {
    lines.push(para(t("importRefused", preview.refused.length)));
    const list = document.createElement("ul");
    list.append(...preview.refused.map((r) => { const li = document.createElement("li"); li.className = "refused"; li.textContent = r; return li; }));
    lines.push(list);
  }
  $("import-preview").replaceChildren(...lines);
  imports.preview = { file, markers: fresh };
  $("import-add").disabled = fresh.length === 0;
}

/** Adds the markers shown (saved as every change is); "undo" takes them away again while they are as added. */
function addImport() {
  const p = imports.preview;
  if (!p || !p.markers.length) return;
  // Another window may have added some meanwhile (the page took its save in): those are not doubled.
  const taken = new Set(state.markers.map(spot));
  const fresh = p.markers.filter((m) => !taken.has(spot(m)));
  if (!fresh.length) { closeImport(); return; }
  const added = fresh.map((m) => ({ id: newMarkerId(), frame: m.frame, time: m.time || undefined, child: m.child || "", note: m.note || "", kind: m.kind || "" }));
  state.markers.push(...added);
  state.markers.sort((a, b) => a.frame - b.frame);
  imports.added = added.map((m) => ({ ...m }));
  closeImport();
  setDirty(true);
  renderMarkers();
  $("import-done-text").textContent = t("importDone", added.length, p.file) + " ";
  $("import-done").hidden = false;
}
function undoImport() {
  // By what they are, not which object: a save since has read them back from the file as new objects (its
  // texts trimmed). One the coach has written in since (a note changed, what was seen and heard) stays.
  const text = (v) => (v || "").trim();
  const same = (a, b) => a.frame === b.frame && text(a.child) === text(b.child) && text(a.note) === text(b.note) && text(a.kind) === text(b.kind)
    && !text(b.seen_heard) && !text(b.coach_saw);
  const left = [...(imports.added || [])];
  state.markers = state.markers.filter((m) => {
    const k = left.findIndex((a) => same(a, m));
    if (k < 0) return true;
    left.splice(k, 1);
    return false;
  });
  forgetImport();
  setDirty(true);
  renderMarkers();
}
function forgetImport() { imports.added = null; $("import-done").hidden = true; }

// ---------- the fragment ----------

function setIn() {
  if (state.shown < 0) return;
  state.fragment[0] = state.shown;
  if (state.fragment[1] !== null && state.fragment[1] < state.shown) state.fragment[1] = null;
  setDirty(true); renderFragment();
}
function setOut() {
  if (state.shown < 0) return;
  state.fragment[1] = state.shown;
  if (state.fragment[0] !== null && state.fragment[0] > state.shown) state.fragment[0] = null;
  setDirty(true); renderFragment();
}
/** The list's numbers, as the fragment makes them (see `initiativeNumber`). */
function numberMarkers() {
  const inside = initiativesInside();
  [...$("markers").children].forEach((li, n) => {
    const place = state.markers[n] ? initiativeNumber(state.markers[n], inside) : null;
    const number = li.querySelector(".row > span");
    number.className = place === null ? "number outside" : "number";
    number.textContent = place === null ? t("outsideFragment") : `${place}.`;
  });
}

function renderFragment() {
  renderTimeline();
  numberMarkers();
  const p = $("fragment");
  const [a, b] = state.fragment;
  p.replaceChildren();
  p.title = "";
  if (a === null && b === null) { p.textContent = t("noFragment"); return; }
  if (b === null) { p.textContent = t("fragmentOnlyStart", readable(state.frames[a])); return; }
  if (a === null) { p.textContent = t("fragmentOnlyEnd", readable(frameEnd(b))); return; }
  const start = state.frames[a];
  const end = frameEnd(b);
  const length = end - start;
  p.append(t("fragmentText", readable(start), readable(end), shortLength(length)));
  p.title = `${clock(start)} – ${clock(end)}`;  // the exact times, on hovering
  if (length < 60e6 || length > 120e6) {
    const w = document.createElement("span"); w.className = "warn"; w.textContent = ` · ${t("fragmentLength")}`; p.append(w);
  }
  const clear = document.createElement("button"); clear.type = "button"; clear.textContent = t("clear");
  clear.className = "link";
  clear.addEventListener("click", () => { state.fragment = [null, null]; setDirty(true); renderFragment(); });
  p.append(" ", clear);
}

// ---------- saving: as typed, merged with what was saved elsewhere, kept in the browser until saved ----------

/**
 * A change typed or made (`true`): counted, kept as a draft in the browser at once and saved a moment later.
 * `false`: all is saved; `status` is what the save line says (a TEXT key and its arguments).
 */
function setDirty(dirty, status) {
  if (dirty) { state.edits += 1; queueMicrotask(keepDraft); scheduleSave(); }
  state.dirty = dirty;
  state.saveStatus = status || (dirty ? ["unsaved"] : null);
  renderSaveState();
}
/** Something is not saved yet, without counting a new change (a save that failed, names half typed). */
function markUnsaved() {
  state.dirty = true;
  state.saveStatus = ["unsaved"];
  renderSaveState();
}
function renderSaveState() {
  // For the page's tests, as the shown frame is: whether something is unsaved, and whether a save is under way.
  document.body.dataset.dirty = state.dirty ? "yes" : "";
  document.body.dataset.saving = state.saving ? "yes" : "";
  const s = $("save-state");
  const st = state.saveStatus;
  s.textContent = st ? t(st[0], ...st.slice(1)) : "";
  s.classList.toggle("dirty", state.dirty);
}
const hourMinute = (d) => `${d.getHours()}:${String(d.getMinutes()).padStart(2, "0")}`;

let saveTimer = null;
/** Saved as the coach types: a moment after the last key, and every few seconds while the typing goes on. */
function scheduleSave() {
  clearTimeout(saveTimer);
  const now = Date.now();
  if (state.unsavedSince == null) state.unsavedSince = now;
  saveTimer = setTimeout(() => { if (state.dirty) save(); }, Math.max(0, Math.min(700, state.unsavedSince + 3000 - now)));
}

/** The session as the page holds it, as a save sends it. */
function sessionBody() {
  const [a, b] = state.fragment;
  return {
    fragment: a !== null && b !== null ? [a, b] : null,
    focus: state.focus.filter((f) => f.child.trim()),
    coach: $("coach").value, professional: $("professional").value, date: $("date").value, first_reaction: $("first-reaction").value,
    markers: state.markers.map((m) => ({ id: m.id ?? null, frame: m.frame, time: m.time || null, child: m.child, note: m.note, kind: m.kind,
                                         seen_heard: m.seen_heard, coach_saw: m.coach_saw, added: m.added || null })),
    summary: $("summary").value, going_well: $("going-well").value, agreements: $("agreements").value,
    follow_up: $("follow-up").value, evaluation: $("evaluation").value,
  };
}

/**
 * Saves now (Bewaren, Ctrl+S, the typing timer, another window's save seen). One save at a time: what is
 * typed meanwhile goes in the next one. Resolves to whether the save went through.
 */
function save() {
  if (!state.detail) return Promise.resolve(false);
  clearTimeout(saveTimer);
  if (state.saving) { state.saveAgain = true; return state.saving; }
  state.saving = (async () => {
    try {
      let ok;
      do { state.saveAgain = false; ok = await saveOnce(); } while (ok && state.saveAgain && state.dirty);
      return ok;
    } finally { state.saving = null; renderSaveState(); }
  })();
  renderSaveState();
  return state.saving;
}

async function saveOnce() {
  const path = state.path;
  const body = sessionBody();
  const edits = state.edits;
  const existed = state.detail.session_exists;
  state.unsavedSince = null;
  // The draft knows what is on its way: if the server writes it and dies before it answers, the draft
  // restored later edits what the file then holds.
  state.sent = body;
  keepDraft();
  $("save-state").textContent = t("saving");
  let detail;
  try {
    detail = await api("PUT", `api/session?path=${encodeURIComponent(path)}`, { ...body, base: state.base },
                       { "If-Match": `"${state.revision}"` });
  } catch (e) {
    if (state.path === path) {
      state.saveFailed = true;
      markUnsaved();
      if (e.gone) serverGone(); else say(e.problems || [String(e)]);
    }
    return false;
  }
  serverBack();
  state.saveFailed = false;
  if (state.path !== path) return true;
  state.detail = detail;
  showConflicts(detail.conflicts);
  if (state.edits !== edits) {
    // Typed on while it was being saved: what is on screen stays and goes in the next save, which edits
    // what was just sent. When this save was merged with one from elsewhere, the next names the revision
    // before it, so that it is merged again and keeps what came from elsewhere.
    if (!detail.merged) state.revision = detail.session_revision;
    state.base = body;
    state.sent = null;
    keepDraft();
    state.saveAgain = true;
    return true;
  }
  state.sent = null;
  adopt(detail);
  // A name typed in the children's field counts once the field is left: until then it is unsaved.
  if (childrenTyped()) { markUnsaved(); keepDraft(); return true; }
  forgetDraft(path);
  setDirty(false, ["savedFile", hourMinute(new Date()), detail.session_file]);
  // A problem said before is done with once saved (a message that something went well goes by itself);
  // a merge with a save from elsewhere is said.
  if (detail.merged) say([t("mergedElsewhere")]);
  else if (!$("messages").querySelector("p.ok")) say([]);
  if (!existed) loadRecordings();
  return true;
}

/**
 * Shows the session as the file has it now (after a save, or after a save elsewhere): the field being
 * typed in keeps its text where only blanks differ, and keeps its focus; the conversation stays on its
 * initiative.
 */
function adopt(detail) {
  const active = document.activeElement;
  const row = active && active.closest ? active.closest("#markers li") : null;
  const place = row ? { frame: row.dataset.frame, label: active.getAttribute("aria-label"), value: active.value,
                        start: active.selectionStart, end: active.selectionEnd } : null;
  // Not in the file, and kept on screen: a child row added in the conversation and not named yet (in its
  // place), and a fragment with only its start or its end set so far.
  const before = state.focus;
  const half = (state.fragment[0] === null) !== (state.fragment[1] === null) ? [...state.fragment] : null;
  fromSession(detail);
  for (const [k, f] of before.entries()) if (!f.child.trim()) state.focus.splice(Math.min(k, state.focus.length), 0, f);
  if (half && !detail.session.fragment) { state.fragment = half; renderFragment(); }
  if (place) {
    const field = [...$("markers").querySelectorAll(`li[data-frame="${place.frame}"] [aria-label]`)].find((el) => el.getAttribute("aria-label") === place.label);
    if (field) {
      if (field.value.trim() === place.value.trim()) field.value = place.value;
      field.focus();
      try { field.setSelectionRange(place.start, place.end); } catch (_) { /* not a text field */ }
    }
  }
  if (talk.active) { talkOrder(); renderTalk(); }
}

/** Sets a field from the file, unless it is being typed in and differs only in blanks (which a save trims). */
function setValue(el, value) {
  value = value || "";
  if (document.activeElement === el && el.value.trim() === value.trim()) return;
  if (el.value !== value) el.value = value;
}

// Another window, or another program, may save the same session: every few seconds the page asks
// whether the file is still the revision it edits. If not, what is typed here is merged with it by a
// save; with nothing typed, the page shows the file as it is now.
async function watchSession() {
  if (!state.detail || state.saving || state.watching) return;
  const path = state.path, revision = state.revision, edits = state.edits;
  let reply;
  state.watching = true;
  try {
    reply = await request("GET", `api/session?path=${encodeURIComponent(path)}`, undefined, { "If-None-Match": `"${revision}"` });
  } catch (_) { serverGone(); return; } finally { state.watching = false; }
  serverBack();
  // Unchanged: a save that failed before (the server was away a moment) is tried again.
  if (reply.response.status === 304 && state.saveFailed && !state.saving && state.path === path) { save(); return; }
  if (reply.response.status !== 200 || !reply.data) return;
  const detail = reply.data;
  if (state.path !== path || state.revision !== revision || state.saving) return;
  if (state.dirty || state.edits !== edits) { save(); return; }
  // A file another program left unreadable is not shown as an empty session: the page keeps its own.
  if (detail.session_problems.length) { say([t("sessionProblems"), ...detail.session_problems]); return; }
  adopt(detail);
  setDirty(false, ["savedElsewhere", hourMinute(new Date())]);
}
setInterval(watchSession, 2000);

/** The server does not answer (stopped, or started again with a new address): said, and nothing typed is lost. */
function serverGone() { if (!state.gone) { state.gone = true; $("server-gone").hidden = false; } }
function serverBack() { if (state.gone) { state.gone = false; $("server-gone").hidden = true; } }

// What is typed is kept in the browser's own storage until the server has saved it, per folder, recording
// and tab (two windows keep two drafts): after the server stopped, the tab was closed or the laptop slept,
// opening the recording again offers it back. It stays on this computer, like the session file.
const tabId = (() => {
  const made = Math.random().toString(36).slice(2, 10);
  try {
    const id = sessionStorage.getItem("inbeeld.tab") || made;
    sessionStorage.setItem("inbeeld.tab", id);
    return id;
  } catch (_) { return made; }
})();
const stored = (kind, path) => `inbeeld.${kind}.${state.folderId}.${JSON.stringify(path)}`;
const draftKey = (path) => `${stored("draft", path)}.${tabId}`;
/** The children's field holds names not taken in yet (they are, when the field is left). */
const childrenTyped = () => $("children").value.split(",").map((c) => c.trim()).filter((c) => c).join(", ") !== focusChildren().join(", ");

function keepDraft() {
  if (!state.detail || !state.dirty) return;
  const draft = { when: Date.now(), revision: state.revision, base: state.base, sent: state.sent || null, session: sessionBody(),
                  children: childrenTyped() ? $("children").value : null };
  try { localStorage.setItem(draftKey(state.path), JSON.stringify(draft)); } catch (_) { /* storage full or refused: the server still saves */ }
}
function forgetDraft(path) { try { localStorage.removeItem(draftKey(path)); } catch (_) { /* nothing kept */ } }

/** The drafts of recording `path` in this browser, from every tab, the oldest first: [key, draft]. */
function draftsOf(path) {
  const found = [];
  try {
    for (let k = 0; k < localStorage.length; k++) {
      const key = localStorage.key(k);
      if (!key.startsWith(`${stored("draft", path)}.`)) continue;
      try { const d = JSON.parse(localStorage.getItem(key)); if (d && d.session) found.push([key, d]); } catch (_) { /* unreadable: skipped */ }
    }
  } catch (_) { /* no storage */ }
  return found.sort((a, b) => a[1].when - b[1].when);
}

/** Alike but for blanks a save trims and the numbers this page gives markers. */
const alikeText = (session) => JSON.stringify(session, (k, v) => (k === "id" || k === "time" ? undefined : typeof v === "string" ? v.trim() : v));

/**
 * Offers back, one at a time, what was typed and not saved when the recording was last open here (drafts
 * the file holds already are dropped). The draft offered is set aside under a key of its own, so that
 * typing meanwhile keeps its own draft; one set aside and never answered is offered again next time.
 */
function offerDraft(path) {
  $("draft").hidden = true;
  const aside = `${stored("offered", path)}.${tabId}`;
  try {
    const left = localStorage.getItem(aside);
    if (left) { localStorage.setItem(`${stored("draft", path)}.left-${tabId}`, left); localStorage.removeItem(aside); }
  } catch (_) { /* no storage */ }
  let next = null;
  for (const [key, d] of draftsOf(path)) {
    if (alikeText(d.session) === alikeText(state.base) && !d.children) { try { localStorage.removeItem(key); } catch (_) { /* gone */ } }
    else if (!next) next = [key, d];
  }
  if (!next) return;
  const [key, draft] = next;
  try { localStorage.removeItem(key); localStorage.setItem(aside, JSON.stringify(draft)); } catch (_) { /* kept in memory here */ }
  $("draft-text").textContent = t("draftFound", new Date(draft.when).toLocaleString(state.lang === "nl" ? "nl-NL" : "en-GB"));
  $("draft").hidden = false;
  const done = () => { $("draft").hidden = true; try { localStorage.removeItem(aside); } catch (_) { /* gone already */ } };
  $("draft-restore").onclick = async () => {
    // What was typed since the draft was offered is saved first; then the draft is saved as the save it
    // was going to be, merged with what the file holds now. A save that reached the file but whose answer
    // never came (the server died) is what the draft edits, when the file holds just that.
    if (state.dirty && !(await save())) return;
    const landed = draft.sent && alikeText(draft.sent) === alikeText(state.base);
    const revision = landed ? state.revision : draft.revision, base = landed ? draft.sent : draft.base;
    showSession(draft.session);
    state.revision = revision;
    state.base = base;
    if (draft.children) { $("children").value = draft.children; setFocusNames(draft.children); renderMarkers(); }
    done();
    setDirty(true);
    await save();
    offerDraft(path);
  };
  $("draft-discard").onclick = () => { done(); offerDraft(path); };
}

/**
 * Fields this window and another changed differently: both texts; the coach keeps one or both. Kept in the
 * browser's storage until chosen (the text typed here is nowhere else), and shown again when the recording
 * is opened again; a newer conflict on the same field takes the place of the older.
 */
function storedConflicts(path) { try { return JSON.parse(localStorage.getItem(stored("conflicts", path)) || "[]"); } catch (_) { return []; } }
function storeConflicts(path, list) {
  try {
    if (list.length) localStorage.setItem(stored("conflicts", path), JSON.stringify(list)); else localStorage.removeItem(stored("conflicts", path));
  } catch (_) { /* on screen only */ }
}
const sameField = (a, b) => a.field === b.field && (a.frame ?? null) === (b.frame ?? null) && (a.child ?? null) === (b.child ?? null)
  && (a.professional ?? null) === (b.professional ?? null);
function showConflicts(conflicts) {
  const path = state.path;
  const all = storedConflicts(path).filter((c) => !(conflicts || []).some((n) => sameField(c, n))).concat(conflicts || []);
  storeConflicts(path, all);
  const list = $("conflicts");
  list.replaceChildren(...all.map((c) => {
    const li = document.createElement("li");
    const p = document.createElement("p"); p.textContent = t("conflict", conflictField(c), c.theirs, c.mine);
    const button = (key, className, chosen) => {
      const b = document.createElement("button"); b.type = "button"; b.className = className; b.textContent = t(key);
      b.addEventListener("click", () => {
        if (chosen !== null) choose(c, chosen);
        storeConflicts(path, storedConflicts(path).filter((x) => !sameField(x, c)));
        li.remove();
        list.hidden = !list.children.length;
      });
      return b;
    };
    li.append(p, button("keepTheirs", "keep-theirs", null), button("keepMine", "keep-mine", c.mine));
    if (multiLine.has(c.field)) li.append(button("keepBoth", "keep-both", `${c.theirs}\n${c.mine}`));
    return li;
  }));
  list.hidden = !all.length;
}
const multiLine = new Set(["note", "seen_heard", "coach_saw", "meaning", "needs", "next_time", "first_reaction", "summary", "going_well",
                           "agreements", "follow_up", "evaluation"]);

/** The coach's choice in a conflict: the field gets `value`, and is saved. */
function choose(c, value) {
  if (c.field === "fragment") {
    const frames = value.match(/\d+/g);
    state.fragment = frames && frames.length === 2 ? [Number(frames[0]), Number(frames[1])] : [null, null];
    renderFragment();
  } else if (c.frame != null) {
    const m = state.markers.find((x) => x.frame === c.frame);
    if (m) m[c.field] = value;
    renderMarkers();
  } else if (c.child != null) {
    const f = state.focus.find((x) => x.child === c.child && (x.professional || "") === (c.professional || ""));
    if (f) f[c.field] = value;
  } else {
    $(c.field.replace(/_/g, "-")).value = value;
  }
  if (talk.active) renderTalk();
  setDirty(true);
}

/** A field both sides changed, as the coach knows it: its label on the page, and which initiative or child. */
function conflictField(c) {
  const labels = {
    coach: t("coach"), professional: t("professional"), date: t("date"), first_reaction: t("firstReaction"), summary: t("summary"),
    going_well: t("goingWell"), agreements: t("agreements"), follow_up: t("followUp"), evaluation: t("evaluation"),
    fragment: `${t("fragmentStart")}, ${t("fragmentEnd")}`, child: t("child"), note: t("note"), kind: t("kind"),
    seen_heard: t("seenAndHeard"), coach_saw: t("whatISee"), added: t("addedInConversation"),
    meaning: t("questions")[1], needs: t("questions")[2], next_time: t("questions")[3],
  };
  const label = labels[c.field] || c.field;
  if (c.frame != null && state.frames[c.frame] !== undefined) return `${label} (${readable(state.frames[c.frame])})`;
  return c.child ? `${label} (${c.child})` : label;
}

async function follow(job, onProgress) {
  for (;;) {
    const status = await api("GET", `api/jobs/${encodeURIComponent(job.id)}`);
    onProgress(status);
    if (status.state === "done" || status.state === "failed") return status;
    await new Promise((r) => setTimeout(r, 400));
  }
}

async function prepare() {
  if (!state.detail) return;
  if (state.dirty || !state.detail.session_exists) {
    $("prepare-state").textContent = t("prepareNeedsSave");
    if (!(await save())) return;
  }
  const bar = $("prepare-progress");
  bar.hidden = false; bar.value = 0;
  $("prepare").disabled = true;
  $("results").replaceChildren();
  try {
    const job = await api("POST", `api/prepare?path=${encodeURIComponent(state.path)}`);
    const status = await follow(job, (s) => { bar.value = s.fraction; $("prepare-state").textContent = s.stage ? `${s.stage} ${Math.round(s.fraction * 100)}%` : t("prepareBusy"); });
    if (status.state === "failed") { say(status.messages); $("prepare-state").textContent = ""; return; }
    $("prepare-state").textContent = t("prepareDone");
    $("results").replaceChildren(...status.files.map((f) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = pathURL("files/", f); a.textContent = f.split("/").pop(); a.target = "_blank"; a.rel = "noopener";
      li.append(a); return li;
    }));
  } catch (e) {
    say(e.problems || [String(e)]);
  } finally {
    $("prepare").disabled = false;
  }
}

function showProxy(text, offerButton) {
  $("proxy").hidden = false;
  $("proxy-text").textContent = text;
  $("proxy-start").hidden = !offerButton;
  $("proxy-progress").hidden = offerButton;
}

async function makeProxy() {
  const path = state.path;
  $("proxy-start").hidden = true;
  $("proxy-progress").hidden = false;
  try {
    const job = await api("POST", `api/proxy?path=${encodeURIComponent(path)}`);
    const status = await follow(job, (s) => { if (state.path === path) { $("proxy-progress").value = s.fraction; } });
    if (state.path !== path) return;
    if (status.state === "failed") { showProxy(t("proxyFailed") + " " + status.messages.join(" "), true); return; }
    state.detail.proxy_ready = true;
    play(true);
  } catch (e) { say(e.problems || [String(e)]); }
}

// ---------- the conversation (the method's coaching moment) ----------

/**
 * The conversation in the method's steps, each a screen to move through and back: (0) the whole recording
 * and a first reaction; (1) which child each professional watches; (2) the fragment: it plays, and when
 * the professional says "stop" the coach presses Enter: it stands still and a contact initiative is added
 * at the frame on screen, for the child chosen beside the stop button (the initiatives marked beforehand
 * stop it too, as a back-up); per initiative only "what do you see and hear?" (and the coach's own
 * "what I see..."); (3) after the fragment: the summary, per child what the moment meant, needs and next
 * time, what goes well, agreements and the follow-up.
 * A frame the browser presents at or past the next initiative's frame pauses the video, and the pause
 * stands on that initiative's frame (at 2x a frame may be presented past it; none is skipped).
 */
const talk = {
  active: false,
  step: 0,         // the method's step on screen: 0 whole recording, 1 child, 2 fragment, 3 after the fragment
  order: [],       // indices into state.markers, in time order, inside the fragment
  at: -1,          // the initiative paused on (index into order), -1 before the first
  target: null,    // the initiative being played towards (index into order; order.length: the fragment's end)
  stopAt: null,    // the frame the coming pause stands on
  stops: 0,        // how many times it has stood still on an initiative (for tests: body's data-talk-stops)
  finished: false, // played past the last initiative to the fragment's end
  child: "",       // the child a "stop" adds an initiative for
};

/**
 * The frames the conversation plays and numbers: the fragment once both its ends are set (as it is saved,
 * and as the sheet and the overview count), the whole recording before that.
 */
function talkRange() {
  const [a, b] = state.fragment;
  return a !== null && b !== null ? [a, b] : [0, state.frames.length - 1];
}

async function startTalk() {
  if (!state.detail) return;
  // The conversation plays the recording: one this browser cannot play needs its copy first.
  if (!state.playable) { if (!state.detail.proxy_ready) makeProxy(); return; }
  if (!(await videoReady())) return;
  talk.active = true;
  talk.finished = false;
  document.body.classList.add("talking");
  renderMarkers();
  talkStep(0);
}

function stopTalk() {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  talk.active = false;
  talk.target = null;
  halt();
  setSpeed(1);
  document.body.classList.remove("talking");
  delete document.body.dataset.talkAt;
  delete document.body.dataset.talkStep;
  if (state.dirty) save();
}

/** Goes to one of the method's steps; the fragment's step starts paused on the fragment's first frame. */
async function talkStep(n) {
  if (n < 0 || n > 3) return;
  halt();
  talk.step = n;
  talk.target = null;
  setSpeed(n === 2 ? Number($("talk-speed").value) || 1 : 1);
  if (n === 0) seekFrame(0);
  if (n === 2) {
    talkOrder();
    talk.at = -1;
    talk.finished = false;
    seekFrame(talkRange()[0]);
    await settled();
  }
  renderTalk();
}

/**
 * An initiative's number as the conversation, the sheet and the overview count it: its place among the
 * initiatives inside the fragment (the whole recording while no fragment is chosen), in time order; null
 * for one outside the fragment, which is shown as such, without a number.
 */
function initiativeNumber(marker, inside = initiativesInside()) {
  const place = inside.indexOf(state.markers.indexOf(marker));
  return place < 0 ? null : place + 1;
}

/** The indices in `state.markers` of the initiatives inside the fragment, in time order (markers are kept sorted). */
function initiativesInside() {
  const [a, b] = talkRange();
  return state.markers.map((m, n) => [m, n]).filter(([m]) => m.frame >= a && m.frame <= b).map(([, n]) => n);
}

/** The conversation's order (the server keeps the same order, so indices stay valid across saves). */
function talkOrder() {
  state.markers.sort((x, y) => x.frame - y.frame);
  talk.order = initiativesInside();
}

function setSpeed(rate) {
  video.playbackRate = rate;
  video.defaultPlaybackRate = rate;
  if (talk.step === 2) $("talk-speed").value = String(rate);
}

/** During play in the fragment: stop at the initiative played towards, or at the fragment's end after the last. */
function talkFrameShown(i) {
  if (talk.step !== 2 || talk.target === null) return;
  if (talk.target < talk.order.length) {
    const frame = state.markers[talk.order[talk.target]].frame;
    if (i >= frame) talkArrive(talk.target, frame);
  } else if (i >= talkRange()[1]) {
    talk.target = null;
    talk.finished = true;
    talk.stopAt = talkRange()[1];
    video.pause();
    renderTalk();
  }
}

function talkArrive(k, frame) {
  talk.stops += 1;
  document.body.dataset.talkStops = String(talk.stops);
  talk.finished = false;
  talk.at = k;
  talk.target = null;
  // The pause stands on the initiative's frame; already paused, a seek does.
  if (!video.paused) { talk.stopAt = frame; video.pause(); } else seekFrame(frame);
  renderTalk();
}

/** Space: in the fragment, on to the next initiative (after the last: to the fragment's end); elsewhere play/pause. */
function talkSpace() {
  if (talk.step !== 2) { togglePlay(); return; }
  if (talk.target !== null && (starting || !video.paused)) {
    halt();
    talk.target = null;
    renderTalk();
    return;
  }
  if (talk.finished) return;
  // From where it stands: the first initiative after the frame on screen is the next stop.
  const from = here();
  const next = talk.order.findIndex((n) => state.markers[n].frame > from);
  talk.target = next < 0 ? talk.order.length : next;
  renderTalk();
  playFromHere();
}

/**
 * Enter (or M): the professional said "stop". The video stands still on the frame on screen, and that
 * frame is a contact initiative of the child chosen beside the stop button: the one marked there
 * beforehand, or a new one, added in the conversation.
 */
async function talkStopHere() {
  if (talk.step !== 2) return;
  talk.target = null;
  halt();
  await settled();
  const frame = state.shown;
  if (frame < 0) return;
  let marker = state.markers.find((m) => m.frame === frame);
  if (!marker) {
    marker = { id: newMarkerId(), frame, child: talk.child, note: "", kind: "", seen_heard: "", coach_saw: "", added: "conversation" };
    state.markers.push(marker);
    setDirty(true);
  }
  talkOrder();
  renderMarkers();
  talkArrive(talk.order.indexOf(state.markers.indexOf(marker)), frame);
  $("talk-seen-heard").focus();
}

/** N/P: straight to another initiative, paused on it. */
function talkGo(k) {
  if (talk.step === 2 && k >= 0 && k < talk.order.length) talkArrive(k, state.markers[talk.order[k]].frame);
}

/** R: a few seconds back, and play up to the same initiative again. */
async function talkRewind() {
  const k = talk.at;
  if (talk.step !== 2 || k < 0) return;
  const frame = state.markers[talk.order[k]].frame;
  const seconds = Math.max(0.5, Number($("talk-rewind-seconds").value) || 5);
  const from = Math.max(talkRange()[0], frameAfter(0, Math.max(0, state.frames[frame] - state.frames[0] - seconds * 1e6)));
  halt();
  talk.target = null;
  seekFrame(from);
  await settled();
  talk.target = k;
  renderTalk();
  playFromHere();
}

/** Removes the initiative paused on (one added by mistake). */
function talkRemove() {
  if (talk.at < 0) return;
  state.markers.splice(talk.order[talk.at], 1);
  setDirty(true);
  talkOrder();
  talk.at = Math.min(talk.at, talk.order.length) - 1;
  renderMarkers();
  renderTalk();
}

function talkKey(e) {
  switch (e.key) {
    case " ": talkSpace(); return true;
    case "Enter": case "m": case "M": talkStopHere(); return true;
    case "r": case "R": talkRewind(); return true;
    case "n": case "N": talkGo(talk.at + 1); return true;
    case "p": case "P": talkGo(talk.at - 1); return true;
    case "s": case "S": setSpeed(video.playbackRate === 0.5 ? 1 : 0.5); return true;
    case "g": case "G": $("talk-good-text").hidden = !$("talk-good-text").hidden; return true;
    case "Escape": if (!document.fullscreenElement) stopTalk(); return true;
    default: return false;
  }
}

/** A text field bound to a value: shows it (as `setValue` does) and saves what is typed. */
function bindText(field, get, set) {
  setValue(field, get());
  field.oninput = () => { set(field.value); setDirty(true); };
}

/** The panel of the step on screen. */
function renderTalk() {
  document.body.dataset.talkStep = String(talk.step);
  for (let n = 0; n < 4; n++) $(`talk-step-${n}`).hidden = n !== talk.step;
  for (const b of $("talk-steps").querySelectorAll("button")) b.setAttribute("aria-current", String(Number(b.dataset.step) === talk.step));
  $("talk-step-back").disabled = talk.step === 0;
  $("talk-step-on").disabled = talk.step === 3;
  $("talk-keys").textContent = talk.step === 2 ? t("talkKeys") : "";
  bindText($("talk-first-reaction"), () => $("first-reaction").value, (v) => { $("first-reaction").value = v; });
  if (talk.step === 1) renderTalkChildren();
  if (talk.step === 2) renderTalkFragment();
  if (talk.step === 3) renderTalkAfter();
}

/**
 * Step 2: a row per child with the professional who watches it. The rows are made again only when their
 * number changes (a save coming back while a name is typed keeps the field and its focus); each field
 * finds its row when typed in.
 */
function renderTalkChildren() {
  if (!state.focus.length) state.focus.push(focusEntry(""));
  // One professional in the session: the first child is theirs until said otherwise (shown, so it can be changed).
  if (!state.focus[0].professional && $("professional").value.trim()) { state.focus[0].professional = $("professional").value.trim(); setDirty(true); }
  const list = $("talk-children");
  if (list.children.length !== state.focus.length) {
    list.replaceChildren(...state.focus.map((_, k) => {
      const li = document.createElement("li");
      const field = (key, label, className) => {
        const el = input(t(label), "", (v) => { state.focus[k][key] = v; if (key === "child") { $("children").value = focusChildren().join(", "); renderMarkers(); } });
        el.className = className; el.dataset.field = key;
        return el;
      };
      li.append(field("child", "child", "talk-child-name"), field("professional", "professional", "talk-professional"));
      const del = document.createElement("button"); del.type = "button"; del.className = "delete"; del.textContent = t("remove");
      del.addEventListener("click", () => {
        const f = state.focus[k];
        if ((f.meaning || f.needs || f.next_time) && !confirm(t("dropChildAnswers", f.child))) return;
        state.focus.splice(k, 1); $("children").value = focusChildren().join(", "); setDirty(true); renderTalkChildren();
      });
      li.append(del);
      return li;
    }));
  }
  [...list.children].forEach((li, k) => {
    for (const el of li.querySelectorAll("input")) if (document.activeElement !== el) el.value = state.focus[k][el.dataset.field] || "";
    li.querySelector(".delete").hidden = state.focus.length < 2;
  });
}

/** Step 3: where the fragment stands, and the initiative paused on with its one question. */
function renderTalkFragment() {
  const total = talk.order.length;
  // The initiative on screen, standing still: the one whose frame is shown (also after a pause mid-play,
  // a step or a removal), so what is typed goes to the initiative the professional sees.
  const standing = talk.target === null && !talk.finished && video.paused;
  const k = standing ? talk.order.findIndex((n) => state.markers[n].frame === here()) : -1;
  if (k >= 0) talk.at = k;
  const paused = k >= 0;
  document.body.dataset.talkAt = talk.finished ? "end" : paused ? String(talk.at) : "";
  $("talk-where").textContent = talk.finished ? t("talkFinished") : paused ? t("talkOf", k + 1, total)
    : talk.target !== null ? t("talkPlaying") : t("talkReady", total);
  $("talk-instruction").textContent = t("talkInstruction");
  const names = focusChildren();
  if (!names.includes(talk.child)) talk.child = names[0] || "";
  const select = $("talk-stop-child");
  if ([...select.options].map((o) => o.value).join("\n") !== names.join("\n")) {
    select.replaceChildren(...names.map((c) => { const o = document.createElement("option"); o.value = c; o.textContent = c; return o; }));
  }
  $("talk-stop-child").value = talk.child;
  $("talk-stop-child").parentElement.hidden = names.length < 2;
  const m = paused ? state.markers[talk.order[k]] : null;
  $("talk-child").textContent = m ? [m.child, m.kind, m.added === "conversation" ? t("addedInConversation") : ""].filter((x) => x).join(" · ") : "";
  $("talk-note").textContent = m ? m.note : "";
  $("talk-questions").hidden = !m;
  if (m) {
    bindText($("talk-seen-heard"), () => m.seen_heard, (v) => { m.seen_heard = v; });
    bindText($("talk-coach-saw"), () => m.coach_saw, (v) => { m.coach_saw = v; });
    $("talk-remove").hidden = m.added !== "conversation";
  }
  $("talk-previous").disabled = talk.at <= 0;
  $("talk-next").disabled = talk.at >= total - 1;
  $("talk-rewind").disabled = talk.at < 0;
}

/** Step 4: the summary, per child meaning, needs and next time, then what goes well, agreements, follow-up. */
function renderTalkAfter() {
  bindText($("talk-summary"), () => $("summary").value, (v) => { $("summary").value = v; });
  bindText($("talk-going-well"), () => $("going-well").value, (v) => { $("going-well").value = v; });
  bindText($("talk-agreements"), () => $("agreements").value, (v) => { $("agreements").value = v; });
  bindText($("talk-follow-up"), () => $("follow-up").value, (v) => { $("follow-up").value = v; });
  bindText($("talk-evaluation"), () => $("evaluation").value, (v) => { $("evaluation").value = v; });
  const box = $("talk-after-children");
  // Rebuilt only when the children changed: a field being typed in keeps its place and focus.
  const rows = state.focus.map((f, k) => [f, k]).filter(([f]) => f.child.trim());
  const key = JSON.stringify(rows.map(([f, k]) => [k, f.child, f.professional]));
  if (box.dataset.key !== key || box.dataset.lang !== state.lang) {
    box.dataset.key = key;
    box.dataset.lang = state.lang;
    box.replaceChildren(...rows.map(([f, k]) => {
      const section = document.createElement("section");
      section.className = "talk-after-child";
      section.dataset.child = f.child;
      section.dataset.row = String(k);
      const h = document.createElement("h3");
      h.textContent = f.professional ? t("childWatchedBy", f.child, f.professional) : f.child;
      section.append(h);
      for (const [n, key] of [[1, "meaning"], [2, "needs"], [3, "next_time"]]) {
        const label = document.createElement("label"); label.className = "field";
        const span = document.createElement("span"); span.textContent = t("questions")[n];
        const area = document.createElement("textarea"); area.rows = 2; area.dataset.field = key;
        label.append(span, area);
        section.append(label);
      }
      return section;
    }));
  }
  for (const section of box.children) {
    const f = state.focus[Number(section.dataset.row)];
    for (const area of section.querySelectorAll("textarea")) bindText(area, () => f[area.dataset.field], (v) => { f[area.dataset.field] = v; });
  }
}

/** A child of the conversation, with nothing said about it yet. */
function focusEntry(child) {
  // The first child is the session's professional's, until said otherwise.
  return { child, professional: state.focus.length ? "" : $("professional").value, meaning: "", needs: "", next_time: "" };
}

// ---------- the overview per child (method step 4) ----------

async function openOverview() {
  let data;
  try { data = await api("GET", "api/overview"); } catch (e) { say(e.problems || [String(e)]); return; }
  countKinds(data);
  shownDays = data.days || {};
  if (state.dirty && !(await save()) && !confirm(t("leave"))) return;
  $("welcome").hidden = true;
  $("player").hidden = true;
  $("session").hidden = true;
  $("overview").hidden = false;
  document.body.dataset.recording = "";
  const box = $("overview-children");
  box.replaceChildren(...data.children.map(renderChild));
  $("overview-none").hidden = data.children.length > 0;
  $("overview-problems").replaceChildren(...data.problems.map((p) => { const li = document.createElement("li"); li.textContent = p; return li; }));
}

function renderChild(child) {
  const section = document.createElement("section");
  section.className = "child";
  const h = document.createElement("h2"); h.textContent = child.name;
  section.append(h, chart(child));
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const key of ["ovDate", "ovRecording", "ovInitiatives", "ovAgreements", "ovFollowUp"]) {
    const th = document.createElement("th"); th.textContent = t(key); head.append(th);
  }
  const body = table.createTBody();
  for (const s of child.sessions) {
    const row = body.insertRow();
    const facts = Object.entries(s.by_kind).map(([k, n]) => `${k} ${n}`);
    if (s.added_in_conversation) facts.push(t("ovAdded", s.added_in_conversation));
    const followUp = [s.follow_up && day(s.follow_up), s.evaluation].filter((x) => x).join(": ");
    // The recording the session is about, as the coach named it (the session file in its title).
    const cells = [s.date ? day(s.date) : "–", s.recording.split("/").pop(), `${s.initiatives}${facts.length ? ` (${facts.join(", ")})` : ""}`, s.agreements || "", followUp];
    for (const text of cells) row.insertCell().textContent = text;
    row.cells[1].title = s.session;
    if (s.follow_up_due) {
      const flag = document.createElement("strong"); flag.className = "due"; flag.textContent = ` ${t("ovDue")}`;
      row.cells[4].append(flag);
      row.classList.add("due");
    }
  }
  section.append(table);
  return section;
}

/** A small stacked bar chart, drawn here as SVG: a bar per session, its parts the kinds. */
function chart(child) {
  const ns = "http://www.w3.org/2000/svg";
  const el = (name, attributes) => { const e = document.createElementNS(ns, name); for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v); return e; };
  const kinds = [...new Set(child.sessions.flatMap((s) => Object.keys(s.by_kind)))].sort();
  const colours = ["#2f6f73", "#d08c2e", "#6c5b9e", "#b0453a", "#4f8a3c", "#3d6fb0", "#8a6d3b", "#7a7f85"];
  const most = Math.max(1, ...child.sessions.map((s) => s.initiatives));
  const bar = 34, gap = 18, height = 100, left = 28, top = 18;
  const width = left + child.sessions.length * (bar + gap) + 150;
  const svg = el("svg", { viewBox: `0 0 ${width} ${height + 40}`, width: String(width), height: String(height + 40), role: "img", "aria-label": t("ovChart", child.name) });
  svg.append(el("line", { x1: left - 4, y1: top + height, x2: left + child.sessions.length * (bar + gap), y2: top + height, stroke: "#9aa5ad" }));
  const label = (x, y, text, anchor = "middle") => { const e = el("text", { x, y, "text-anchor": anchor, "font-size": "11", fill: "#3b4750" }); e.textContent = text; return e; };
  svg.append(label(left - 8, top + 10, String(most), "end"), label(left - 8, top + height, "0", "end"));
  child.sessions.forEach((s, n) => {
    const x = left + n * (bar + gap);
    let y = top + height;
    const parts = kinds.map((k, i) => [s.by_kind[k] || 0, colours[i % colours.length], k]);
    const unkinded = s.initiatives - Object.values(s.by_kind).reduce((a, b) => a + b, 0);
    parts.push([unkinded, "#c9d0d5", t("ovNoKind")]);
    for (const [count, colour, kind] of parts) {
      if (!count) continue;
      const h = (count / most) * height;
      y -= h;
      const rect = el("rect", { x, y, width: bar, height: h, fill: colour, "data-kind": kind, "data-count": String(count) });
      const title = document.createElementNS(ns, "title"); title.textContent = `${kind}: ${count}`; rect.append(title);
      svg.append(rect);
    }
    svg.append(label(x + bar / 2, top + height + 14, s.date ? day(s.date, true) : "–"), label(x + bar / 2, y - 3, String(s.initiatives)));
  });
  const legendX = left + child.sessions.length * (bar + gap) + 10;
  [...kinds, ...(child.sessions.some((s) => s.initiatives > Object.values(s.by_kind).reduce((a, b) => a + b, 0)) ? [t("ovNoKind")] : [])].forEach((k, i) => {
    const colour = i < kinds.length ? colours[i % colours.length] : "#c9d0d5";
    svg.append(el("rect", { x: legendX, y: top + i * 16, width: 10, height: 10, fill: colour }), label(legendX + 14, top + i * 16 + 9, k, "start"));
  });
  return svg;
}

// ---------- keys and buttons ----------

document.addEventListener("keydown", (e) => {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") { e.preventDefault(); save(); return; }
  if (typing) { if (e.key === "Escape") { e.target.blur(); } return; }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (!state.detail) return;
  if (talk.active && talkKey(e)) { e.preventDefault(); return; }
  switch (e.key) {
    case " ": e.preventDefault(); togglePlay(); break;
    case "ArrowLeft": e.preventDefault(); e.shiftKey ? stepSeconds(-1) : step(-1); break;
    case "ArrowRight": e.preventDefault(); e.shiftKey ? stepSeconds(1) : step(1); break;
    case "PageUp": e.preventDefault(); stepSeconds(-10); break;
    case "PageDown": e.preventDefault(); stepSeconds(10); break;
    case "Home": e.preventDefault(); seekFrame(0); break;
    case "End": e.preventDefault(); seekFrame(state.frames.length - 1); break;
    case "m": case "M": e.preventDefault(); mark(); break;
    case "i": case "I": e.preventDefault(); setIn(); break;
    case "o": case "O": e.preventDefault(); setOut(); break;
    case "z": case "Z": e.preventDefault(); toggleZoom(); break;
    default: break;
  }
});
// Buttons act on a click, never on the space bar (that plays and pauses).
for (const b of document.querySelectorAll(".transport button, .marking button")) b.addEventListener("keydown", (e) => { if (e.key === " ") e.preventDefault(); });
$("back-second").addEventListener("click", () => stepSeconds(-1));
$("back-frame").addEventListener("click", () => step(-1));
$("play").addEventListener("click", () => (talk.active ? talkSpace() : togglePlay()));
$("next-frame").addEventListener("click", () => step(1));
$("next-second").addEventListener("click", () => stepSeconds(1));
$("zoom").addEventListener("click", toggleZoom);
$("mark").addEventListener("click", mark);
$("import-open").addEventListener("click", openImport);
$("import-file").addEventListener("change", previewImport);
$("import-add").addEventListener("click", addImport);
$("import-cancel").addEventListener("click", closeImport);
$("import-undo").addEventListener("click", undoImport);
$("set-in").addEventListener("click", setIn);
$("set-out").addEventListener("click", setOut);
$("save").addEventListener("click", save);
$("prepare").addEventListener("click", prepare);
$("proxy-start").addEventListener("click", makeProxy);
$("children").addEventListener("input", () => setDirty(true));
$("children").addEventListener("change", () => {
  if (!setFocusNames($("children").value)) $("children").value = focusChildren().join(", ");
  setDirty(true);
  renderMarkers();
});
$("talk-start").addEventListener("click", startTalk);
for (const b of $("talk-steps").querySelectorAll("button")) b.addEventListener("click", () => talkStep(Number(b.dataset.step)));
$("talk-step-back").addEventListener("click", () => talkStep(talk.step - 1));
$("talk-step-on").addEventListener("click", () => talkStep(talk.step + 1));
$("talk-add-child").addEventListener("click", () => { state.focus.push(focusEntry("")); setDirty(true); renderTalkChildren(); $("talk-children").lastElementChild.querySelector("input").focus(); });
$("talk-stop").addEventListener("click", talkStopHere);
$("talk-stop-child").addEventListener("change", () => { talk.child = $("talk-stop-child").value; });
$("talk-remove").addEventListener("click", talkRemove);
$("talk-previous").addEventListener("click", () => talkGo(talk.at - 1));
$("talk-rewind").addEventListener("click", talkRewind);
$("talk-continue").addEventListener("click", talkSpace);
$("talk-next").addEventListener("click", () => talkGo(talk.at + 1));
$("talk-full").addEventListener("click", () => { if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen().catch(() => {}); });
$("talk-leave").addEventListener("click", stopTalk);
$("talk-good").addEventListener("click", () => { $("talk-good-text").hidden = !$("talk-good-text").hidden; });
$("talk-prompt").addEventListener("click", () => { $("talk-prompt-help").hidden = !$("talk-prompt-help").hidden; });
$("talk-speed").addEventListener("change", () => setSpeed(Number($("talk-speed").value)));
$("overview-open").addEventListener("click", openOverview);
for (const id of ["coach", "professional", "date", "first-reaction", "summary", "going-well", "agreements", "follow-up", "evaluation"]) $(id).addEventListener("input", () => setDirty(true));
window.addEventListener("beforeunload", (e) => { if (state.dirty) { e.preventDefault(); e.returnValue = ""; } });

// ---------- language ----------

function applyLanguage(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  try { localStorage.setItem("inbeeld.lang", lang); } catch (_) { /* private windows */ }
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll("[data-t-title]")) el.title = t(el.dataset.tTitle);
  for (const el of document.querySelectorAll("[data-t-placeholder]")) el.placeholder = t(el.dataset.tPlaceholder);
  for (const b of document.querySelectorAll(".lang button")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  if (state.detail) { renderMarkers(); renderFragment(); renderSaveState(); if (state.shown >= 0) showFrame(state.shown); }
}
for (const b of document.querySelectorAll(".lang button")) b.addEventListener("click", () => { applyLanguage(b.dataset.lang); loadRecordings(); });

(async function start() {
  let config = { language: "nl", folder: "" };
  try { config = await api("GET", "api/config"); } catch (e) { say(e.problems || [String(e)]); }
  // The words and the verdict words come from the program, so the page says what `inbeeld check` says.
  for (const [l, words] of Object.entries(config.words || {})) if (TEXT[l]) Object.assign(TEXT[l], words);
  for (const [l, lists] of Object.entries(config.lists || {})) if (TEXT[l]) Object.assign(TEXT[l], lists);
  for (const [l, words] of Object.entries(config.verdicts || {})) if (TEXT[l]) TEXT[l].verdict = words;
  let lang = config.language;
  try { lang = localStorage.getItem("inbeeld.lang") || lang; } catch (_) { /* private windows */ }
  applyLanguage(lang === "en" ? "en" : "nl");
  $("folder").textContent = config.folder;
  state.folderId = config.folder_id || "";
  await loadRecordings();
  // The kinds the folder's sessions use, for the kind field's suggestions (nothing said when it fails).
  api("GET", "api/overview").then((overview) => { countKinds(overview); if (state.detail) renderKindSuggestions(); }).catch(() => {});
})();
