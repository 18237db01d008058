// Independent reader of our .hlog files: hdr-histogram-js (the TypeScript port of HdrHistogram) decodes every
// interval line; prints one JSON object with, per tag and for all lines of each tag added up, the count, max and
// p50/p99/p99.9 it finds (values in the log's unit, nanoseconds), the largest Interval_Max column (ms) and the
// bucket bounds of each percentile (so a caller can tell whether a value of its own is the same bucket).
// Usage: node hlog-summary.js FILE.hlog   (NODE_PATH must reach hdr-histogram-js)
"use strict";
const fs = require("fs");
const hdr = require("hdr-histogram-js");

const text = fs.readFileSync(process.argv[2], "utf8");
const reader = new hdr.HistogramLogReader(text, 64);
const totals = new Map();
let intervals = 0;
for (let h = reader.nextIntervalHistogram(); h !== null; h = reader.nextIntervalHistogram()) {
  intervals++;
  const tag = !h.tag || h.tag === "NO TAG" ? "" : h.tag;
  if (!totals.has(tag)) {
    totals.set(tag, { sum: hdr.build({ bitBucketSize: 64, lowestDiscernibleValue: 1, highestTrackableValue: 2 ** 40 - 1, numberOfSignificantValueDigits: 2 }), lines: 0, intervalMaxMs: 0 });
  }
  const t = totals.get(tag);
  t.sum.add(h);
  t.lines++;
}
// Interval_Max, the third column, is read from the text: the JS reader keeps only the histograms.
for (const line of text.split(/\r?\n/)) {
  if (line.length === 0 || line.startsWith("#") || line.startsWith('"')) continue;
  const fields = line.split(",");
  const tag = fields[0].startsWith("Tag=") ? fields.shift().substring(4) : "";
  const t = totals.get(tag);
  if (t) t.intervalMaxMs = Math.max(t.intervalMaxMs, Number.parseFloat(fields[2]));
}
const tags = {};
for (const [tag, t] of totals) {
  const h = t.sum;
  const at = (p) => {
    const v = h.getValueAtPercentile(p);
    return { value: v, lowest: h.lowestEquivalentValue(v), highest: h.highestEquivalentValue(v) };
  };
  tags[tag] = {
    lines: t.lines,
    count: h.totalCount,
    max: { value: h.maxValue, lowest: h.lowestEquivalentValue(h.maxValue), highest: h.highestEquivalentValue(h.maxValue) },
    intervalMaxMs: t.intervalMaxMs,
    p50: at(50),
    p99: at(99),
    p999: at(99.9),
  };
}
process.stdout.write(JSON.stringify({ reader: "hdr-histogram-js " + require("hdr-histogram-js/package.json").version, intervals, tags }) + "\n");
