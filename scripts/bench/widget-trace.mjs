/**
 * What is inside the long tasks `widget-longest-task-4x` counts: the demo shop page, a survey that
 * shows, Chromium's 4× CPU slowdown, a performance trace (CDP Tracing, devtools.timeline). Prints
 * every main-thread task after the load event that runs 20 ms or more (wall time, and CPU time of the
 * thread: on a loaded machine the two differ), with the scripts, callbacks, style, layout and parsing
 * inside it. A diagnosis aid, not a figure of the bench.
 * Run: node scripts/bench/widget-trace.mjs BASE_URL [runs] [-v: JavaScript self time by function]
 */
import { chromium } from 'playwright-core';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'loading',
].join(',');

/** The events worth naming inside a task, and what to print of each. */
const INNER = {
  EvaluateScript: (a) => `eval ${short(a.data?.url)}`,
  FunctionCall: (a) => `call ${a.data?.functionName || '(anon)'} ${short(a.data?.url)}:${a.data?.lineNumber ?? ''}`,
  TimerFire: () => 'timer',
  FireIdleCallback: (a) => `idle callback (allotted ${a.data?.allottedMilliseconds} ms)`,
  FireAnimationFrame: () => 'animation frame',
  EventDispatch: (a) => `event ${a.data?.type}`,
  UpdateLayoutTree: () => 'style',
  Layout: () => 'layout',
  Paint: () => 'paint',
  ParseHTML: () => 'parse HTML',
  ParseAuthorStyleSheet: (a) => `parse CSS ${short(a.data?.styleSheetUrl)}`,
  'v8.compile': (a) => `compile ${short(a.data?.url)}`,
  'v8.parseOnBackground': () => 'parse (bg)',
  XHRLoad: () => 'xhr',
  ResourceReceiveResponse: (a) => `response ${short(a.data?.url)}`,
  'V8.GCScavenger': () => 'gc',
  MajorGC: () => 'gc major',
  MinorGC: () => 'gc minor',
  HitTest: () => 'hit test',
  RunMicrotasks: () => 'microtasks',
};

const short = (u) => (u ? String(u).replace(/^https?:\/\/[^/]+/, '') : '');

export async function traceLongTasks(baseUrl, { runs = 1, rate = 4, min = 20, verbose = false } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const longest = [];
  try {
    for (let r = 0; r < runs; r++) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      const events = [];
      cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
      const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
      await page.goto(`${baseUrl}/demo/${process.env.TRACE_PAGE ?? 'shop.html'}`);
      const read = async (expression) =>
        (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })).result.value;
      const shown = '!!document.querySelector("seda-w")?.shadowRoot?.querySelector("[role=dialog]")';
      for (let t = Date.now(); !(await read(shown)); await new Promise((ok) => setTimeout(ok, 250))) {
        if (Date.now() - t > 60_000) throw new Error('no survey showed within 60 s');
      }
      await new Promise((ok) => setTimeout(ok, 1500));
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.send('Tracing.end');
      await done;
      longest.push(report(events, min, r, profile, verbose));
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  const median = (k) => longest.map((l) => l[k]).sort((a, b) => a - b)[Math.floor(longest.length / 2)];
  console.log(
    `median of ${runs} runs, longest task from the loader's first idle callback: ${median('wall').toFixed(0)} ms wall, ${median('cpu').toFixed(0)} ms thread CPU (runs, CPU: ${longest.map((l) => l.cpu.toFixed(0)).join(', ')})`,
  );
  return longest;
}

/**
 * The page's main-thread tasks in a trace: those from the load event on (`tasks`), and of them those
 * that ran while Seda worked, from the loader's first idle callback on (`counted`, what
 * widget-longtask.mjs counts), with the longest of those in wall time and in the thread's CPU time.
 */
export function seda(events) {
  // the page's renderer main thread: the one that evaluated w.js; the load event: the window's there
  const w = events.find((e) => e.name === 'EvaluateScript' && /\/w\.js$/.test(e.args?.data?.url ?? ''));
  if (!w) throw new Error('w.js never ran in the trace');
  const { pid, tid } = w;
  const load = events.find(
    (e) => e.pid === pid && e.tid === tid && e.name === 'EventDispatch' && e.args?.data?.type === 'load' && e.ts > w.ts,
  );
  if (!load) throw new Error('no load event in the trace');
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = main.filter(
    (e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ts >= load.ts,
  );
  const idle = main.find((e) => e.name === 'FireIdleCallback' && e.ts >= load.ts);
  const counted = tasks.filter((t) => idle && t.ts + t.dur >= idle.ts);
  return {
    main,
    load,
    tasks,
    wall: Math.max(0, ...counted.map((t) => t.dur / 1000)),
    cpu: Math.max(0, ...counted.map((t) => (t.tdur ?? 0) / 1000)),
  };
}

function report(events, min, run, profile, verbose) {
  const samples = sampled(profile);
  const { main, load, tasks, wall, cpu } = seda(events);
  console.log(`run ${run + 1}: tasks after load of ${min} ms or more (wall / thread CPU), and what is in them`);
  for (const t of tasks) {
    const ms = t.dur / 1000;
    if (ms < min && (t.tdur ?? 0) / 1000 < min / 2) continue;
    const inner = main.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && INNER[e.name]);
    const what = inner
      .filter((e) => (e.dur ?? 0) >= 1000)
      .map((e) => `${INNER[e.name](e.args ?? {})} ${((e.tdur ?? e.dur) / 1000).toFixed(0)}`)
      .slice(0, 6)
      .join('; ');
    console.log(
      `  +${((t.ts - load.ts) / 1000).toFixed(0)} ms: ${ms.toFixed(0)} / ${((t.tdur ?? 0) / 1000).toFixed(0)} ms  ${what}`,
    );
    if (!verbose) continue;
    // JavaScript by function (self time from the CPU profile's samples inside the task)
    const by = new Map();
    for (const s of samples) {
      if (s.ts < t.ts || s.ts > t.ts + t.dur) continue;
      by.set(s.name, (by.get(s.name) ?? 0) + s.dt);
    }
    const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 8);
    if (top.length) console.log(`    js self: ${top.map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`).join(', ')}`);
  }
  console.log(
    `  longest task from the loader's first idle callback: ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`,
  );
  return { wall, cpu };
}

/** Each sample of the CPU profile: its time (µs, the trace's clock), length and function. */
function sampled(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = [];
  let ts = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    ts += profile.timeDeltas[i];
    const f = nodes.get(profile.samples[i]).callFrame;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    out.push({
      ts,
      dt,
      name: `${f.functionName || '(anon)'}@${short(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`,
    });
  }
  return out;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  await traceLongTasks(process.argv[2] ?? 'http://127.0.0.1:8787', {
    runs: Number(process.argv[3] ?? 1),
    verbose: process.argv.includes('-v'),
  });
}
