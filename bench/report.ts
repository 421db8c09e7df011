/** The result tables, built from what the measuring modules return. */
import { WAIT_WAYS, type WaitingRun } from './latency.ts';
import type { FormRun, RenderResults } from './render.ts';
import {
  REPLICATE_MODELS,
  REPLICATE_WAYS,
  type ReplicateModelCase,
  type ReplicateWaitingRun,
  type ReplicateWay,
  waysFor,
} from './replicateLatency.ts';
import type { SharedWatchingResult } from './sharedWatching.ts';
import type { SizeResult } from './size.ts';
import { SOAK_KINDS, type SoakResult } from './soak.ts';
import { formatNumber, formatSpread, median, p95, quantile } from './stats.ts';
import { type Table, target, verdict } from './table.ts';

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
const ms = (value: number) => formatNumber(value);
const percent = (share: number) => `${Math.round(share * 100)} %`;
const times = (ratio: number) => `×${ratio.toFixed(2)}`;

export function sizeTable(results: readonly SizeResult[]): Table {
  const rows = results.map((r) => {
    const base = results.find((b) => b.name === r.versus);
    if (!base || r.ratio === undefined) return [r.name, kB(r.bytes), '—', '—', 'PredictKit’s own'];
    const said =
      r.note ?? verdict({ ours: base.bytes, theirs: r.bytes, better: 'smaller', worse: 'larger', tie: 0 });
    return [r.name, kB(r.bytes), base.name, times(r.ratio), said];
  });
  return {
    title: '1. Bundle size (min+gzip)',
    columns: ['bundle', 'min+gzip', 'compared with', 'ratio (row ÷ PredictKit)', 'verdict'],
    rows,
    notes: [
      'Every row is bundled alike: rolldown, ESM, minified, `platform: browser`, `process.env.NODE_ENV` = ' +
        '"production", gzip level 9; react, react-dom, react/jsx-runtime, @tanstack/react-query and zod are ' +
        'left out of every row as peers (the react-query row keeps itself).',
      'PredictKit’s react and components rows also leave out the PredictKit layers below them (measured in ' +
        'their own rows): an app using the components pays core + react + components, and the hooks take ' +
        '`createPredictionWatcher` from its own core entry (the core + watcher row).',
      'Sizes are deterministic: one build per row.',
    ],
  };
}

/** `median (min–max)` of one figure per run. */
const spread = (values: number[]) => formatSpread(values, ms);

type Way = WaitingRun['way'];

export function latencyTable(
  runs: readonly WaitingRun[],
  setup: { predictions: number; minRunMs: number; maxRunMs: number; timeScale: number },
): Table {
  const of = (way: Way) => runs.filter((r) => r.way === way);
  const medians = (way: Way) => of(way).map((r) => median(r.delaysMs));
  const p95s = (way: Way) => of(way).map((r) => p95(r.delaysMs));
  const requests = (way: Way) => of(way).map((r) => r.requestsPerPrediction);
  const delay = (way: Way) => median(medians(way));
  const requestsOf = (way: Way) => median(requests(way));
  // Delays are whole milliseconds on both clocks: below 1 ms is "1 ms or less".
  const compare = (way: Way, other: Way) =>
    [
      `median delay: ${verdict({ ours: delay(way), theirs: delay(other), better: 'faster', worse: 'slower', resolution: 1, oursRuns: medians(way), theirsRuns: medians(other) })}`,
      `p95 delay: ${verdict({ ours: median(p95s(way)), theirs: median(p95s(other)), better: 'faster', worse: 'slower', resolution: 1, oursRuns: p95s(way), theirsRuns: p95s(other) })}`,
      `requests: ${verdict({ ours: requestsOf(way), theirs: requestsOf(other), better: 'fewer requests', worse: 'more requests', oursRuns: requests(way), theirsRuns: requests(other) })}`,
    ].join(' · ');
  const ours = (way: Way) => way === 'adaptive' || way === 'stream';
  const rows = WAIT_WAYS.filter(({ way }) => of(way).length).map(({ way, label }) => [
    label,
    spread(medians(way)),
    spread(p95s(way)),
    spread(requests(way)),
    ours(way) ? compare(way, 'poll-1s') : 'baseline',
    ours(way) ? compare(way, 'poll-500ms') : 'baseline',
  ]);
  const failures = runs.reduce((sum, r) => sum + r.failures, 0);
  const runsPerWay = Math.min(...WAIT_WAYS.map(({ way }) => of(way).length));
  const notes = [
    `${setup.predictions} \`echo\` predictions at once per run, run times spread evenly on a log scale from ` +
      `${setup.minRunMs / 1000} s to ${setup.maxRunMs / 1000} s of wall-clock time (echo \`delay_ms\` × the ` +
      `server's time scale ${setup.timeScale}); the server in a child process over HTTP on 127.0.0.1 with ` +
      `concurrency 256, so all run at once. ${runsPerWay} run(s) per way, one way at a time, the order ` +
      `rotated each run; a warm-up prediction first, so no measured one pays echo's cold start.`,
    'Delay: from the prediction’s final `updated_at` (written by the server from its clock, whole ms) to ' +
      'the moment the client holds the terminal snapshot (`Date.now()` in the client, the same clock, whole ' +
      'ms: a figure is ±1 ms). Requests: every `fetch` the client made, the create included, over the ' +
      'predictions.',
    'Fixed polling is the plain loop both clients run: get, then sleep the interval and get again until ' +
      'the status is terminal. PredictKit default polling: `waitForPrediction(client, prediction)`, whose ' +
      'schedule (`pollSchedule`) places each poll at the 30 % quantile of the recent run times of the ' +
      'model version longer than the prediction’s age (it remembers every prediction it saw end, in this ' +
      'process: the warm-up and earlier runs of this table included), else waits as long as the age, ' +
      'from 50 ms to at most 900 ms; echo’s logs carry no percentage. PredictKit stream: `waitForPrediction(client, prediction, { stream: ' +
      'streamPrediction })`, which follows `urls.stream`.',
    `Target: stream median delay under 20 ms — ${target(delay('stream') < 20, `${ms(delay('stream'))} ms`)}.`,
    `Goal: default polling beats fixed 1 s polling on all three figures at once — median delay ${target(
      delay('adaptive') < delay('poll-1s'),
      `${ms(delay('adaptive'))} vs ${ms(delay('poll-1s'))} ms`,
    )}; p95 delay ${target(
      median(p95s('adaptive')) < median(p95s('poll-1s')),
      `${ms(median(p95s('adaptive')))} vs ${ms(median(p95s('poll-1s')))} ms`,
    )}; requests ${target(
      requestsOf('adaptive') < requestsOf('poll-1s'),
      `${ms(requestsOf('adaptive'))} vs ${ms(requestsOf('poll-1s'))} per prediction`,
    )}. With nothing known of one echo run but its model's past run times and its age, a schedule whose every wait stays under 1 s cannot spend fewer requests than 1 s polling on the long runs; one that waits longer where few runs end pays for it in p95 delay.`,
    `Predictions that did not succeed: ${failures}.`,
  ];
  return {
    title: '2. Time to see a result, and requests spent',
    columns: [
      'way of waiting',
      'median delay (ms)',
      'p95 delay (ms)',
      'requests / prediction',
      'verdict vs fixed 1 s polling',
      'verdict vs fixed 500 ms polling',
    ],
    rows,
    notes,
  };
}

/** Run-time bands for the breakdown: a schedule that grows treats short and long runs differently. */
const BANDS: readonly [number, number][] = [
  [0, 1000],
  [1000, 3000],
  [3000, 8000],
  [8000, Number.POSITIVE_INFINITY],
];
const band = ([low, high]: [number, number]) =>
  high === Number.POSITIVE_INFINITY ? `runs ≥ ${low / 1000} s` : `runs ${low / 1000}–${high / 1000} s`;

/** Median and p95 delay by run time, every run's predictions pooled. */
export function latencyByRunTimeTable(runs: readonly WaitingRun[]): Table {
  const rows = WAIT_WAYS.filter(({ way }) => runs.some((r) => r.way === way)).map(({ way, label }) => [
    label,
    ...BANDS.map(([low, high]) => {
      const delays = runs
        .filter((r) => r.way === way)
        .flatMap((r) =>
          r.delaysMs.filter(
            (_, i) => (r.runTimesMs[i] as number) >= low && (r.runTimesMs[i] as number) < high,
          ),
        );
      return delays.length ? `${ms(median(delays))} / ${ms(p95(delays))}` : '—';
    }),
  ]);
  return {
    title: '2b. Delay by run time (median / p95 ms, all runs pooled)',
    columns: ['way of waiting', ...BANDS.map(band)],
    rows,
    notes: [
      'The same runs as table 2, split by how long each prediction ran. Fixed polling’s delay does not ' +
        'depend on run time; the default schedule’s is shortest where many known runs end, and never waits ' +
        'more than 900 ms.',
    ],
  };
}

const MODEL_CASES: readonly { which: ReplicateModelCase; label: string }[] = [
  { which: 'fast', label: `${REPLICATE_MODELS.fast.model} (answers at once)` },
  { which: 'seconds', label: `${REPLICATE_MODELS.seconds.model} (a few seconds, streams)` },
];

export function replicateTable(
  runs: readonly ReplicateWaitingRun[],
  setup: { predictions: number; secondsRunMs: number; timeScale: number },
): Table {
  type Figure = 'median' | 'p95' | 'afterEnd' | 'requests';
  const of = (which: ReplicateModelCase, way: ReplicateWay) =>
    runs.filter((r) => r.model === which && r.way === way);
  /** One figure per run. */
  const figures = (which: ReplicateModelCase, way: ReplicateWay, figure: Figure) =>
    of(which, way).map((r) =>
      figure === 'median'
        ? median(r.resultMs)
        : figure === 'p95'
          ? p95(r.resultMs)
          : figure === 'afterEnd'
            ? median(r.afterEndMs)
            : r.requestsPerPrediction,
    );
  const losses: string[] = [];
  const shortOf = (way: ReplicateWay) => REPLICATE_WAYS.find((w) => w.way === way)?.short;
  const compare = (which: ReplicateModelCase, way: ReplicateWay, other: ReplicateWay) => {
    const lost: string[] = [];
    const said = (
      [
        ['median time', 'median', 'faster', 'slower', 1],
        ['p95 time', 'p95', 'faster', 'slower', 1],
        ['requests', 'requests', 'fewer requests', 'more requests', 0],
      ] as const
    ).map(([name, figure, better, worse, resolution]) => {
      const oursRuns = figures(which, way, figure);
      const theirsRuns = figures(which, other, figure);
      const v = verdict({
        ours: median(oursRuns),
        theirs: median(theirsRuns),
        better,
        worse,
        resolution,
        oursRuns,
        theirsRuns,
      });
      if (v.startsWith('PredictKit LOSES: ')) lost.push(`${name} ${v.slice('PredictKit LOSES: '.length)}`);
      return `${name}: ${v}`;
    });
    if (lost.length) {
      losses.push(
        `${REPLICATE_MODELS[which].model}, ${shortOf(way)} against ${shortOf(other)} (${lost.join(', ')})`,
      );
    }
    return said.join(' · ');
  };
  const rows: string[][] = [];
  for (const { which, label } of MODEL_CASES) {
    for (const { way, label: wayLabel, versus } of waysFor(which)) {
      if (!of(which, way).length) continue;
      rows.push([
        label,
        wayLabel,
        spread(figures(which, way, 'median')),
        spread(figures(which, way, 'p95')),
        spread(figures(which, way, 'afterEnd')),
        spread(figures(which, way, 'requests')),
        versus ? `vs ${shortOf(versus)}: ${compare(which, way, versus)}` : 'baseline',
      ]);
    }
  }
  const modelMs = (which: ReplicateModelCase) =>
    formatNumber(median(runs.filter((r) => r.model === which).flatMap((r) => r.modelMs)));
  const failures = runs.reduce((sum, r) => sum + r.failures, 0);
  const runsPerWay = MODEL_CASES.map(
    ({ which }) =>
      `${Math.min(...waysFor(which).map(({ way }) => of(which, way).length))} of ${REPLICATE_MODELS[which].model.replace('predictkit/', '')}`,
  ).join(', ');
  return {
    title: '2c. Replicate’s API: the official `replicate` client vs PredictKit, on the same server',
    columns: [
      'model',
      'client and way of waiting',
      'call → result, median (ms)',
      'call → result, p95 (ms)',
      'end → result, median (ms)',
      'requests / prediction',
      'verdict vs the official client doing the same',
    ],
    rows,
    notes: [
      `The local server's Replicate surface (\`/replicate/v1\`), in a child process over HTTP on 127.0.0.1 ` +
        `(time scale ${setup.timeScale}). \`replicate\` 1.4.0 as its README shows it, \`new Replicate({ baseUrl })\`, ` +
        'every option at its default; PredictKit: `createClient({ baseUrl })` from `@predictkit/core/replicate`, ' +
        'every option at its default. Both use the global `fetch`. Neither sends a token (the local server ' +
        'needs none).',
      `${setup.predictions} predictions at once per run, run(s) per way: ${runsPerWay}; one way at a time, the ` +
        'order rotated each run; a warm-up prediction of each model first, so no measured one pays a cold ' +
        `start. echo \`{ text }\` ran ${modelMs('fast')} ms (\`metrics.predict_time\`, median); text-generator ` +
        `with \`max_tokens\` set for about ${setup.secondsRunMs / 1000} s and a seed per prediction ran ` +
        `${modelMs('seconds')} ms.`,
      'Call → result: from the call (`run`, or the create) until the awaited call resolves with the output ' +
        '(`run`) or the terminal prediction, by `performance.now()`; it includes the create and the model’s ' +
        'run. End → result: from the prediction’s `completed_at` (the server’s clock, whole ms) to the result ' +
        'in hand (`Date.now()`, the same clock): what the way of waiting adds. Every figure per run is over ' +
        'the run’s predictions; the cell is the median over runs (min–max). Requests: every call of the ' +
        'global `fetch` during the run (one way at a time), the create included.',
      'Each PredictKit way is judged against the official client’s way that does the same work: ' +
        '`runPrediction` against `replicate.run` (one held create), and a create followed by a wait against ' +
        '`create` + `wait`. A separate create costs a second request and the time to send it whichever ' +
        'client makes it; an app that wants `replicate.run`’s figures calls `runPrediction`.',
      '`replicate.run` and `runPrediction` hold the create (`Prefer: wait`, 60 s by default), so a prediction ' +
        'that ends within it needs no second request. `replicate.wait` gets at once, then every 500 ms; ' +
        'PredictKit’s default schedule polls at once when every run of the model it saw end was shorter ' +
        'than the prediction’s age (after the warm-up and the first run, echo’s), else by the model’s ' +
        'recent run times or a backoff from 50 ms to 900 ms (see table 2). PredictKit’s stream follows ' +
        '`urls.stream`, then gets the prediction once (Replicate’s `done` event carries none). Replicate ' +
        'gives `urls.stream` only to a model whose output streams: echo has none (there ' +
        '`stream: streamPrediction` polls, as the row above it), so its stream row is left out. ' +
        '`replicate.stream` yields output events but no final prediction, so it is not timed here.',
      losses.length
        ? `Where PredictKit loses here: ${losses.join('; ')}.`
        : 'PredictKit loses on none of these figures.',
      `Predictions that did not succeed: ${failures}.`,
    ],
  };
}

export function sharedWatchingTable(results: readonly SharedWatchingResult[], windowMs: number): Table {
  const hookCounts = [...new Set(results.map((r) => r.hooks))].sort((a, b) => a - b);
  const rows: string[][] = [];
  const fewest = hookCounts[0] as number;
  for (const stream of [false, true]) {
    const of = (hooks: number) => results.filter((r) => r.stream === stream && r.hooks === hooks);
    const base = median(of(fewest).map((r) => r.requests));
    for (const hooks of hookCounts) {
      const list = of(hooks);
      if (!list.length) continue;
      const requests = median(list.map((r) => r.requests));
      const allHadData = list.every((r) => r.hooksWithData === hooks);
      const said =
        hooks === fewest
          ? 'baseline'
          : requests === base
            ? `equal: ${hooks} hooks cost what ${fewest} does`
            : `PredictKit LOSES: ${hooks} hooks send ×${(requests / base).toFixed(1)} the requests of ${fewest}`;
      rows.push([
        stream ? 'stream (`stream: true`)' : 'polling (`stream: false`, default schedule)',
        String(hooks),
        formatSpread(list.map((r) => r.requests)),
        formatSpread(list.map((r) => r.requestsPerSecond)),
        formatSpread(list.map((r) => r.streamConnections)),
        allHadData ? said : `${said} (BUT not every hook got the prediction)`,
      ]);
    }
  }
  const runs = Math.min(...hookCounts.map((h) => results.filter((r) => r.hooks === h).length)) / 2;
  return {
    title: '3. Shared watching: N `usePrediction` on one id',
    columns: [
      'transport',
      'mounted hooks',
      `requests in ${windowMs / 1000} s`,
      'requests / s',
      'stream connections opened',
      'verdict',
    ],
    rows,
    notes: [
      `React in jsdom through @testing-library/react (Node), the server over HTTP in a child process; one ` +
        `running \`slow-task\` prediction outlasting the window; every request the hooks' client sent from ` +
        `mount to ${windowMs / 1000} s later (the first GET included). ${runs} run(s) per cell.`,
      'Target: 1 and 100 hooks send the same requests.',
    ],
  };
}

const keystroke = (runs: readonly FormRun[]) => runs.map((r) => median(r.keystrokesMs));
const handled = (runs: readonly FormRun[]) => runs.map((r) => median(r.handledMs));
const rendered = (runs: readonly FormRun[]) => runs.map((r) => median(r.rendersPerKey));

export function renderTable(results: RenderResults): Table {
  const {
    options,
    list,
    schemaForm,
    rjsf,
    outputText,
    outputMarkdown,
    outputTextLarge,
    outputMarkdownLarge,
  } = results;
  const { bytes, chunksPerSecond, chunkBytes } = options.stream;
  const large = options.largeStream;
  const faster = (ours: number[], theirs: number[]) =>
    verdict({
      ours: median(ours),
      theirs: median(theirs),
      better: 'faster',
      worse: 'slower',
      oursRuns: ours,
      theirsRuns: theirs,
    });
  const rowsRendered = list.map((r) => r.rowsRendered);
  const long = (runs: typeof outputText) => runs.map((r) => r.longFrames);
  const streamRow = (name: string, runs: typeof outputText) => {
    const firsts = runs.flatMap((r) => (r.firstLongFrameAtChars === null ? [] : [r.firstLongFrameAtChars]));
    const longFrames = median(long(runs));
    const sum = (of: (run: (typeof runs)[number]) => number) => runs.reduce((total, r) => total + of(r), 0);
    const loafMs = sum((r) => r.longAnimationFrameMs);
    const loafs = median(runs.map((r) => r.longAnimationFrames));
    return [
      `PredictionOutput${name}: frames longer than 50 ms (rAF gaps; long-animation-frame entries)`,
      `${formatSpread(long(runs))}; ${formatSpread(runs.map((r) => r.longAnimationFrames))} LoAF; longest frame ` +
        `${spread(runs.map((r) => r.longestFrameMs))} ms` +
        (firsts.length
          ? `; in ${firsts.length} of ${runs.length} runs, the first once ${spread(firsts.map((c) => c / 1000))} kB were in`
          : '') +
        (loafMs > 0
          ? `; LoAF time ${percent(sum((r) => r.longAnimationFrameRenderMs) / loafMs)} rendering (style, layout, ` +
            `paint), ${percent(sum((r) => r.longAnimationFrameScriptMs) / loafMs)} scripts`
          : ''),
      'target 0',
      target(
        longFrames === 0 && loafs === 0,
        `${formatNumber(longFrames)} frame gap${longFrames === 1 ? '' : 's'} and ${formatNumber(loafs)} LoAF ` +
          'over 50 ms (medians)',
      ),
    ];
  };
  const rows = [
    [
      `PredictionList, ${options.listRows.toLocaleString('en')} predictions: mount → first paint (ms)`,
      spread(list.map((r) => r.mountMs)),
      '—',
      `rows in the DOM: ${formatSpread(list.map((r) => r.rowsInDom))} (windowed)`,
    ],
    [
      'PredictionList: rows re-rendered when one prediction changes status',
      formatSpread(rowsRendered),
      'target 1',
      target(
        rowsRendered.every((n) => n === 1),
        `${formatNumber(median(rowsRendered))} row`,
      ),
    ],
    [
      'PredictionList: rows whose DOM changed (MutationObserver cross-check)',
      formatSpread(list.map((r) => r.rowsMutated)),
      'target 1',
      target(
        list.every((r) => r.rowsMutated === 1),
        `${formatNumber(median(list.map((r) => r.rowsMutated)))} row`,
      ),
    ],
    ['PredictionList: status change → paint (ms)', spread(list.map((r) => r.updateMs)), '—', '—'],
    [
      `SchemaForm vs @rjsf/core + validator-ajv8, ${options.formFields} fields: mount → first paint (ms)`,
      spread(schemaForm.map((r) => r.mountMs)),
      spread(rjsf.map((r) => r.mountMs)),
      faster(
        schemaForm.map((r) => r.mountMs),
        rjsf.map((r) => r.mountMs),
      ),
    ],
    [
      'SchemaForm vs @rjsf/core: keystroke → render and commit done (ms, median of the keys)',
      spread(handled(schemaForm)),
      spread(handled(rjsf)),
      faster(handled(schemaForm), handled(rjsf)),
    ],
    [
      'SchemaForm vs @rjsf/core: keystroke → paint in a text field (ms, median of the keys)',
      spread(keystroke(schemaForm)),
      spread(keystroke(rjsf)),
      faster(keystroke(schemaForm), keystroke(rjsf)),
    ],
    [
      'SchemaForm vs @rjsf/core: slowest keystroke → paint (ms)',
      spread(schemaForm.map((r) => Math.max(...r.keystrokesMs))),
      spread(rjsf.map((r) => Math.max(...r.keystrokesMs))),
      faster(
        schemaForm.map((r) => Math.max(...r.keystrokesMs)),
        rjsf.map((r) => Math.max(...r.keystrokesMs)),
      ),
    ],
    [
      'SchemaForm vs @rjsf/core: components rendered per keystroke (counted on React’s fiber tree, median of the keys)',
      formatSpread(rendered(schemaForm)),
      formatSpread(rendered(rjsf)),
      verdict({
        ours: median(rendered(schemaForm)),
        theirs: median(rendered(rjsf)),
        better: 'fewer',
        worse: 'more',
        tie: 0,
      }),
    ],
    streamRow(' (text)', outputText),
    streamRow(' (markdown)', outputMarkdown),
    streamRow(` (text, ${large.bytes.toLocaleString('en')} characters)`, outputTextLarge),
    streamRow(` (markdown, ${large.bytes.toLocaleString('en')} characters)`, outputMarkdownLarge),
  ];
  return {
    title: '4. Rendering in Chromium (production build)',
    columns: ['measure', 'PredictKit', 'compared with', 'verdict'],
    rows,
    notes: [
      'Headless Chromium (Debian’s, through playwright-core) on a production build (vite build, ' +
        '`mode: production`) of the pages in bench/render/; each run is a fresh page load, measured once ' +
        'Chromium has done opening it (its processes together under a quarter of a core for 250 ms, at most ' +
        '5 s: for about a second after a tab opens, a renderer process other than the page’s keeps a core ' +
        'busy, even for an empty page). Mount: from ' +
        '`flushSync(root.render(…))` to the first paint after it (a message posted from the next ' +
        '`requestAnimationFrame`).',
      `PredictionList: ${list.length} run(s). Rows re-rendered are counted on React’s committed fiber tree ` +
        '(a minimal `__REACT_DEVTOOLS_GLOBAL_HOOK__`, which production react-dom reports every commit to): ' +
        'the row components that did work in the commit of the status change. The MutationObserver row is ' +
        'the DOM-side cross-check.',
      `Forms: ${schemaForm.length} run(s) each, alternating; both uncontrolled on the same schema (text, ` +
        `bounded integer, number, boolean and choice fields in turn); ${options.keys} keys per run typed ` +
        'with Playwright into the text field in the middle, 50 ms apart (the first 50 ms after the focus), ' +
        'each timed from its keydown ' +
        '`timeStamp` to the end of the render and commit it causes (a microtask queued by an `input` ' +
        'listener on window, after React’s) and to the first paint after it (which waits for the next ' +
        'frame, so it moves in steps of up to a frame, 16.7 ms). ' +
        `Then ${schemaForm[0]?.rendersPerKey.length ?? 0} more keys, not timed, each ` +
        'counting the function, class and memo components that did work in the commits from its keydown ' +
        'to its paint, on React’s committed fiber tree as for PredictionList’s rows (the walk of every ' +
        'commit’s tree takes time of its own, hence keys apart from the timed ones).',
      `PredictionOutput: ${outputText.length} run(s) each; ${bytes.toLocaleString('en')} characters in ` +
        `${Math.ceil(bytes / chunkBytes)} chunks of ${chunkBytes} at ${chunksPerSecond} per second into an ` +
        'output array (`x-cog-array-display: concatenate`, as text-generator declares it), status ' +
        '`started` then `succeeded`; frames timed with `requestAnimationFrame` and a PerformanceObserver ' +
        'for `long-animation-frame`. The longer stream: ' +
        `${outputTextLarge.length} run(s) each; ${large.bytes.toLocaleString('en')} characters in ` +
        `${Math.ceil(large.bytes / large.chunkBytes).toLocaleString('en')} chunks of ${large.chunkBytes} at ` +
        `${large.chunksPerSecond} per second, measured alike.`,
    ],
  };
}

/** The most a soak may leave added to the server's resident memory, start to end. */
export const SOAK_RSS_GROWTH_TARGET_MB = 50;

export function soakTable(result: SoakResult): Table {
  const { options, byKind, rssMb: rss } = result;
  const seconds = result.wallMs / 1000;
  const mb = (value: number) => `${value.toFixed(0)} MB`;
  const p = (values: readonly number[], q: number) => `${formatNumber(quantile(values, q))} ms`;
  const unexpected = [...result.unexpected.values()].reduce((sum, n) => sum + n, 0);
  const unexpectedList = [...result.unexpected].map(([what, n]) => `${n} × ${what}`).join('; ');
  const growth = rss.end - rss.start;
  const streams = byKind.stream.requests;
  return {
    title: '5. Soak: the local server under load, with faults on',
    columns: ['measure', 'result', 'target'],
    rows: [
      [
        'requests answered',
        `${result.requests.toLocaleString('en')} in ${seconds.toFixed(0)} s (${formatNumber(result.requests / seconds)}/s): ` +
          SOAK_KINDS.map((kind) => `${byKind[kind].requests.toLocaleString('en')} ${kind}s`).join(', '),
        '—',
      ],
      [
        'injected faults (expected)',
        `${result.injectedErrors.toLocaleString('en')} answers 500/503 (${percent(result.injectedErrors / result.requests)} of requests), ` +
          `${result.streamCuts.toLocaleString('en')} streams cut (${percent(result.streamCuts / Math.max(1, streams))} of streams)`,
        `about ${percent(options.faults.errorRate)} of requests; a stream is cut after each event with p = ${options.faults.streamCutRate}`,
      ],
      [
        'unexpected errors',
        unexpected === 0 ? '0' : `${unexpected}: ${unexpectedList}`,
        target(unexpected === 0, '0'),
      ],
      [
        'latency to the answer’s head',
        `p50 ${p(result.latenciesMs, 0.5)} · p99 ${p(result.latenciesMs, 0.99)} · max ${p(result.latenciesMs, 1)}`,
        '—',
      ],
      [
        'p99 latency by request',
        SOAK_KINDS.map((kind) => `${kind} ${p(byKind[kind].latenciesMs, 0.99)}`).join(' · '),
        '—',
      ],
      [
        'server RSS',
        `${mb(rss.idle)} at rest before any load · ${mb(rss.start)} at rest after the warm-up (start) · ` +
          `${mb(rss.peak)} peak under the measured load · ${mb(rss.end)} at rest after it (end)`,
        '—',
      ],
      [
        'server RSS growth, start → end',
        `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB over ${seconds.toFixed(0)} s of load`,
        target(growth < SOAK_RSS_GROWTH_TARGET_MB, `< ${SOAK_RSS_GROWTH_TARGET_MB} MB`),
      ],
    ],
    notes: [
      `\`listen()\` from @predictkit/server/node in a child process (in-memory store, time scale ${options.timeScale}, ` +
        `concurrency ${options.concurrency}), over HTTP on 127.0.0.1, with faults on: error rate ${options.faults.errorRate}, ` +
        `latency ${options.faults.latencyMs[0]}–${options.faults.latencyMs[1]} ms, stream cut rate ${options.faults.streamCutRate}.`,
      `${options.clients.toLocaleString('en')} clients at once, for ${(options.warmupMs / 1000).toFixed(0)} s of warm-up (not ` +
        `counted) and then ${(options.durationMs / 1000).toFixed(0)} s measured, each sending one request after the ` +
        'other: 20 % creates (echo, text-generator, sentiment, slow-task; a fifth with ' +
        '`Prefer: wait=5`), 35 % gets, 15 % streams read to their end, 20 % list pages, 10 % cancels (a `409` ' +
        'for a finished prediction is a right answer). Gets, streams and cancels go to one of the 500 newest ' +
        'predictions.',
      'Injected faults are told apart by their `detail` ("Injected fault: …"), and a stream that ends before `done` ' +
        'is a cut; any other status, timeout or dropped connection is unexpected. Latency is to the answer’s ' +
        'head, on a machine the load generator shares with the server; creates with `Prefer: wait`, which the ' +
        'server holds until the prediction ends or 5 s pass, are left out of it.',
      'RSS is VmRSS from /proc/<pid>/status of the server process alone, so the load generator never counts. ' +
        'Under load V8 grows its heap and keeps the pages it freed while memory is plentiful, and the C ' +
        'allocator keeps the high-water mark of what a thousand sockets needed, so RSS under load, and at rest ' +
        'after the first load, show the allocators more than the server. Start and end are therefore taken ' +
        'at rest after the warm-up and after the measured load (once every prediction each started has ' +
        'ended), each right after a full collection that hands freed pages back (`gc({ flavor: ' +
        '"last-resort" })` on a signal): growth between them is what the server keeps and a leak would add, ' +
        'with the in-memory store already near its bound (5,000 finished predictions) after the warm-up.',
    ],
  };
}
